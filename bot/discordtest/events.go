package discordtest

import (
	"github.com/bwmarrin/discordgo"
)

// SlashCommand builds a slash command interaction by the guild member
// userID, for SendInteraction.
func SlashCommand(id, userID, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID:     id,
		Type:   discordgo.InteractionApplicationCommand,
		Member: &discordgo.Member{User: &discordgo.User{ID: userID, Username: "user" + userID}},
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
		Member:  &discordgo.Member{User: &discordgo.User{ID: userID, Username: "user" + userID}},
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
