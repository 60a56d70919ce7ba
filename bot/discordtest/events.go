package discordtest

import (
	"sort"

	"github.com/bwmarrin/discordgo"
)

// SlashCommand builds a slash command interaction by the guild member
// userID, for SendInteraction.
func SlashCommand(id, userID, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID:     id,
		Type:   discordgo.InteractionApplicationCommand,
		Member: member(userID),
		Data: discordgo.ApplicationCommandInteractionData{
			ID: "cmd-" + name, Name: name, CommandType: discordgo.ChatApplicationCommand, Options: opts,
		},
	}
}

// Autocomplete builds an autocomplete interaction for command name; mark
// the option being typed with Focused.
func Autocomplete(id, userID, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	i := SlashCommand(id, userID, name, opts...)
	i.Type = discordgo.InteractionApplicationCommandAutocomplete
	return i
}

// ButtonClick builds a click by userID on the button customID of message
// on (see Message.Discord).
func ButtonClick(id, userID, customID string, on *discordgo.Message) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID:      id,
		Type:    discordgo.InteractionMessageComponent,
		Member:  member(userID),
		Message: on,
		Data:    discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent},
	}
}

// DM makes i come from a DM with the bot: User set, no Member or guild.
func DM(i *discordgo.Interaction) *discordgo.Interaction {
	if i.Member != nil {
		i.User = i.Member.User
	}
	i.Member, i.GuildID = nil, ""
	i.Context = discordgo.InteractionContextBotDM
	return i
}

// StringOption is a string option with its value.
func StringOption(name, v string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: v}
}

// IntOption is an integer option with its value.
func IntOption(name string, v int) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionInteger, Value: float64(v)}
}

// BoolOption is a boolean option with its value.
func BoolOption(name string, v bool) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionBoolean, Value: v}
}

// Focused marks o as the option being typed, for Autocomplete.
func Focused(o *discordgo.ApplicationCommandInteractionDataOption) *discordgo.ApplicationCommandInteractionDataOption {
	o.Focused = true
	return o
}

// Mention builds a message by userID in channelID of the server's guild
// (guildID "" for a DM) whose content is content; mentioned are the user
// ids it mentions (the bot's for a mention of it).
func Mention(id, channelID, guildID, userID, content string, mentioned ...string) *discordgo.Message {
	m := &discordgo.Message{
		ID: id, ChannelID: channelID, GuildID: guildID, Content: content,
		Author: &discordgo.User{ID: userID, Username: "user" + userID},
	}
	for _, u := range mentioned {
		m.Mentions = append(m.Mentions, &discordgo.User{ID: u})
	}
	return m
}

// Reply builds a message by userID in channelID that replies to to (a
// message of the bot, as Discord delivers it: referenced in full). A
// reply pings the author of the message it replies to by default, so
// Discord lists the bot among its mentions unless ping is false.
func Reply(id, channelID, guildID, userID, content string, to *discordgo.Message, ping bool) *discordgo.Message {
	m := Mention(id, channelID, guildID, userID, content)
	m.Type = discordgo.MessageTypeReply
	m.MessageReference = &discordgo.MessageReference{MessageID: to.ID, ChannelID: channelID, GuildID: guildID}
	m.ReferencedMessage = to
	if ping && to.Author != nil {
		m.Mentions = append(m.Mentions, &discordgo.User{ID: to.Author.ID})
	}
	return m
}

// SubCommand is a subcommand option with its own options, as in
// /doc add title:...
func SubCommand(name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}
}

// AttachmentOption is an attachment option: its value is the attachment's
// id, which the interaction resolves (see WithAttachments).
func AttachmentOption(name, attachmentID string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionAttachment, Value: attachmentID}
}

// WithAttachments adds the attachments to the resolved data of a command
// interaction, as Discord sends the files of attachment options.
func WithAttachments(i *discordgo.Interaction, atts ...*discordgo.MessageAttachment) *discordgo.Interaction {
	data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
	if !ok {
		panic("discordtest: WithAttachments on an interaction that is not a command")
	}
	if data.Resolved == nil {
		data.Resolved = &discordgo.ApplicationCommandInteractionDataResolved{}
	}
	if data.Resolved.Attachments == nil {
		data.Resolved.Attachments = map[string]*discordgo.MessageAttachment{}
	}
	for _, a := range atts {
		data.Resolved.Attachments[a.ID] = a
	}
	i.Data = data
	return i
}

// WithPermissions sets the permissions Discord computed for the member
// behind i (in the interaction's channel), e.g.
// discordgo.PermissionManageGuild for a moderator.
func WithPermissions(i *discordgo.Interaction, perms int64) *discordgo.Interaction {
	if i.Member == nil {
		panic("discordtest: WithPermissions on an interaction without a member")
	}
	i.Member.Permissions = perms
	return i
}

// WithRoles gives the member behind i the roles with these ids.
func WithRoles(i *discordgo.Interaction, roles ...string) *discordgo.Interaction {
	if i.Member == nil {
		panic("discordtest: WithRoles on an interaction without a member")
	}
	i.Member.Roles = append(i.Member.Roles, roles...)
	return i
}

// MessageCommand builds a message context-menu command (type 3) named
// name, used by userID on the message target.
func MessageCommand(id, userID, name string, target *discordgo.Message) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID:     id,
		Type:   discordgo.InteractionApplicationCommand,
		Member: member(userID),
		Data: discordgo.ApplicationCommandInteractionData{
			ID: "cmd-" + name, Name: name, CommandType: discordgo.MessageApplicationCommand, TargetID: target.ID,
			Resolved: &discordgo.ApplicationCommandInteractionDataResolved{Messages: map[string]*discordgo.Message{target.ID: target}},
		},
	}
}

// ModalSubmit builds the submission by userID of the modal customID with
// the text inputs' values, by input custom id (sent in key order).
func ModalSubmit(id, userID, customID string, values map[string]string) *discordgo.Interaction {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	rows := make([]discordgo.MessageComponent, 0, len(keys))
	for _, k := range keys {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.TextInput{CustomID: k, Value: values[k]},
		}})
	}
	return &discordgo.Interaction{
		ID:     id,
		Type:   discordgo.InteractionModalSubmit,
		Member: member(userID),
		Data:   modalSubmitData{CustomID: customID, Components: rows},
	}
}

// FillModal builds the submission by userID of modal, a modal the bot
// sent: every input keeps the value it was prefilled with unless values
// changes it.
func FillModal(id, userID string, modal Message, values map[string]string) *discordgo.Interaction {
	all := map[string]string{}
	for _, c := range modal.Buttons() {
		if c.Type == discordgo.TextInputComponent {
			all[c.CustomID] = c.Value
		}
	}
	for k, v := range values {
		all[k] = v
	}
	return ModalSubmit(id, userID, modal.CustomID, all)
}

// modalSubmitData is discordgo.ModalSubmitInteractionData as Discord sends
// it: discordgo does not marshal the components (it only reads them).
type modalSubmitData struct {
	CustomID   string                       `json:"custom_id"`
	Components []discordgo.MessageComponent `json:"components"`
}

// Type implements discordgo.InteractionData.
func (modalSubmitData) Type() discordgo.InteractionType { return discordgo.InteractionModalSubmit }

// member is the guild member userID, as the builders send it.
func member(userID string) *discordgo.Member {
	return &discordgo.Member{User: &discordgo.User{ID: userID, Username: "user" + userID}}
}
