package discordtest

import (
	"encoding/json"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Message is a message body as the bot sent it (an interaction response's
// data, a webhook edit or follow-up, or a channel message), decoded loosely
// so that a test can look at exactly what went over the wire.
type Message struct {
	ID               string                                      `json:"id,omitempty"`
	ChannelID        string                                      `json:"channel_id,omitempty"`
	Content          string                                      `json:"content"`
	Embeds           []*discordgo.MessageEmbed                   `json:"embeds"`
	Components       []Row                                       `json:"components"`
	AllowedMentions  *discordgo.MessageAllowedMentions           `json:"allowed_mentions,omitempty"`
	Flags            discordgo.MessageFlags                      `json:"flags,omitempty"`
	Choices          []*discordgo.ApplicationCommandOptionChoice `json:"choices,omitempty"`
	MessageReference *discordgo.MessageReference                 `json:"message_reference,omitempty"`

	// Title and CustomID are set in a modal response (type 9), whose
	// rows each hold one text input.
	Title    string `json:"title,omitempty"`
	CustomID string `json:"custom_id,omitempty"`
}

// Row is an action row of components.
type Row struct {
	Type       discordgo.ComponentType `json:"type"`
	Components []Component             `json:"components"`
}

// Component is one component of a row: a button in a message, a text
// input in a modal (whose Style then holds the discordgo.TextInputStyle).
type Component struct {
	Type     discordgo.ComponentType   `json:"type"`
	CustomID string                    `json:"custom_id,omitempty"`
	Label    string                    `json:"label,omitempty"`
	Style    discordgo.ButtonStyle     `json:"style,omitempty"`
	Disabled bool                      `json:"disabled,omitempty"`
	URL      string                    `json:"url,omitempty"`
	Emoji    *discordgo.ComponentEmoji `json:"emoji,omitempty"`

	// Text inputs only.
	Value       string `json:"value,omitempty"`
	Placeholder string `json:"placeholder,omitempty"`
	Required    bool   `json:"required,omitempty"`
	MinLength   int    `json:"min_length,omitempty"`
	MaxLength   int    `json:"max_length,omitempty"`
}

// Input returns the text input of a modal with the given custom id.
func (m Message) Input(customID string) (Component, bool) {
	for _, c := range m.Buttons() {
		if c.Type == discordgo.TextInputComponent && c.CustomID == customID {
			return c, true
		}
	}
	return Component{}, false
}

// Ephemeral reports whether the message has the ephemeral flag.
func (m Message) Ephemeral() bool { return m.Flags&discordgo.MessageFlagsEphemeral != 0 }

// Buttons returns all components of all rows, in order.
func (m Message) Buttons() []Component {
	var out []Component
	for _, r := range m.Components {
		out = append(out, r.Components...)
	}
	return out
}

// Button returns the first component whose custom id starts with prefix.
func (m Message) Button(prefix string) (Component, bool) {
	for _, c := range m.Buttons() {
		if strings.HasPrefix(c.CustomID, prefix) {
			return c, true
		}
	}
	return Component{}, false
}

// Text is all the text of the message (content, embed titles,
// descriptions, fields, footers, authors), one part a line, for searching.
func (m Message) Text() string {
	parts := []string{m.Content}
	for _, e := range m.Embeds {
		parts = append(parts, e.Title, e.Description)
		for _, f := range e.Fields {
			parts = append(parts, f.Name, f.Value)
		}
		if e.Footer != nil {
			parts = append(parts, e.Footer.Text)
		}
		if e.Author != nil {
			parts = append(parts, e.Author.Name)
		}
	}
	return strings.Join(parts, "\n")
}

// Discord is the message as discordgo would see it in a later event (the
// message a button is on, or one a reply refers to), with the given id and
// channel, its buttons included, sent by the bot botID ("" for none).
func (m Message) Discord(id, channelID string, botID ...string) *discordgo.Message {
	out := &discordgo.Message{ID: id, ChannelID: channelID, Content: m.Content, Embeds: m.Embeds, Flags: m.Flags}
	// Through JSON, as discordgo decodes components.
	if raw, err := json.Marshal(struct {
		Components []Row `json:"components"`
	}{m.Components}); err == nil {
		var decoded discordgo.Message
		if json.Unmarshal(raw, &decoded) == nil {
			out.Components = decoded.Components
		}
	}
	if len(botID) > 0 && botID[0] != "" {
		out.Author = &discordgo.User{ID: botID[0], Bot: true}
	}
	return out
}

// Callback is an interaction response (POST interactions/{id}/{token}/callback).
type Callback struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data Message                           `json:"data"`
}
