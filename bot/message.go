package bot

import "github.com/bwmarrin/discordgo"

// message is a rendered reply before it is sent. One rendering serves every
// way of sending it: an interaction response, an edit of a deferred one, a
// follow-up, or a reply to a mention. Every conversion sets allowed
// mentions to none.
type message struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
}

// noMentions is the allowed-mentions value of every message the bot sends:
// an empty parse list, so no text can ping anyone.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// components returns m's components, never nil, so that sending it replaces
// (or clears) the buttons of a message being updated.
func (m message) components() []discordgo.MessageComponent {
	if m.Components == nil {
		return []discordgo.MessageComponent{}
	}
	return m.Components
}

// embeds returns m's embeds, never nil, for the same reason.
func (m message) embeds() []*discordgo.MessageEmbed {
	if m.Embeds == nil {
		return []*discordgo.MessageEmbed{}
	}
	return m.Embeds
}

// responseData is m as the data of an interaction response.
func (m message) responseData(ephemeral bool) *discordgo.InteractionResponseData {
	d := &discordgo.InteractionResponseData{
		Content:         m.Content,
		Embeds:          m.embeds(),
		Components:      m.components(),
		AllowedMentions: noMentions(),
	}
	if ephemeral {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return d
}

// webhookEdit is m as an edit of the original interaction response.
func (m message) webhookEdit() *discordgo.WebhookEdit {
	content, embeds, comps := m.Content, m.embeds(), m.components()
	return &discordgo.WebhookEdit{
		Content:         &content,
		Embeds:          &embeds,
		Components:      &comps,
		AllowedMentions: noMentions(),
	}
}

// webhookParams is m as an interaction follow-up message.
func (m message) webhookParams(ephemeral bool) *discordgo.WebhookParams {
	p := &discordgo.WebhookParams{
		Content:         m.Content,
		Embeds:          m.Embeds,
		Components:      m.components(),
		AllowedMentions: noMentions(),
	}
	if ephemeral {
		p.Flags = discordgo.MessageFlagsEphemeral
	}
	return p
}

// reply is m as a channel message replying to ref. The replied-to author is
// not pinged, and the reply is still sent if that message is gone.
func (m message) reply(ref *discordgo.Message) *discordgo.MessageSend {
	return &discordgo.MessageSend{
		Content:         m.Content,
		Embeds:          m.embeds(),
		Components:      m.components(),
		AllowedMentions: noMentions(),
		Reference:       ref.SoftReference(),
	}
}
