package bot

import (
	"context"
	"fmt"
	"log/slog"
	"reflect"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/index/reading"
)

// Command and option names.
const (
	cmdAsk    = "ask"
	cmdSearch = "search"
	cmdSource = "source"
	cmdAbout  = "about"

	optQuestion  = "question"
	optPrivate   = "private"
	optQuery     = "query"
	optDocument  = "document"
	optParagraph = "paragraph"
)

// maxQueryLen is the longest /search query: short enough that the query
// fits the embed title it is read back from when paging.
const maxQueryLen = 200

// commandDefs returns the commands as registered with Discord. Global
// commands are also offered in DMs with the bot, except the moderation
// commands, included when moderation is true (see moderationDefs), with
// /doc gaps when gaps is true.
func commandDefs(global, moderation, gaps bool) []*discordgo.ApplicationCommand {
	one, minPara := 1, 1.0
	questionLen, queryLen := reading.MaxQuestionLen, maxQueryLen
	cmds := []*discordgo.ApplicationCommand{
		{
			Name:        cmdAsk,
			Description: "Ask a question about the China–Central Asia summit; the answer cites its sources",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: optQuestion, Description: "Your question, e.g. where was the treaty signed?", Required: true, MinLength: &one, MaxLength: questionLen},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: optPrivate, Description: "Show the answer to you only"},
			},
		},
		{
			Name:        cmdSearch,
			Description: "List the passages of the summit documents that match some words",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: optQuery, Description: "Words to look for", Required: true, MinLength: &one, MaxLength: queryLen},
			},
		},
		{
			Name:        cmdSource,
			Description: "Read a document, or one paragraph of it in context",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: optDocument, Description: "The document (start typing its title)", Required: true, Autocomplete: true},
				{Type: discordgo.ApplicationCommandOptionInteger, Name: optParagraph, Description: "A paragraph number, shown with its neighbours", MinValue: &minPara},
			},
		},
		{
			Name:        cmdAbout,
			Description: "What summitbot knows and how to use it",
		},
	}
	if global {
		contexts := []discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
		for _, c := range cmds {
			c.Contexts = &contexts
		}
	}
	if moderation {
		cmds = append(cmds, moderationDefs(global, gaps)...)
	}
	return cmds
}

// registerCommands makes the commands registered for appID (in guildID, or
// globally when it is "") equal to want, with one bulk overwrite, skipped
// when the registered commands already are. Errors name the URLs under
// apiURL, the REST API in use when it is set.
func registerCommands(ctx context.Context, s *discordgo.Session, appID, guildID string, want []*discordgo.ApplicationCommand, apiURL string, log *slog.Logger) error {
	have, err := s.ApplicationCommands(appID, guildID, discordgo.WithContext(ctx))
	if err != nil {
		log.WarnContext(ctx, "could not list registered commands; overwriting", "err", namedURL(err, apiURL))
	} else if sameCommands(have, want) {
		log.InfoContext(ctx, "commands already registered", "guild", guildID, "count", len(want))
		return nil
	}
	if _, err := s.ApplicationCommandBulkOverwrite(appID, guildID, want, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("bulk overwrite of %d commands: %w", len(want), namedURL(err, apiURL))
	}
	log.InfoContext(ctx, "commands registered", "guild", guildID, "count", len(want))
	return nil
}

// sameCommands reports whether the registered commands have equals what
// would be registered, ignoring what Discord adds (ids, versions, defaults).
func sameCommands(have, want []*discordgo.ApplicationCommand) bool {
	if len(have) != len(want) {
		return false
	}
	byName := make(map[string]*discordgo.ApplicationCommand, len(have))
	for _, c := range have {
		byName[c.Name] = c
	}
	for _, w := range want {
		h, ok := byName[w.Name]
		if !ok || !reflect.DeepEqual(comparableCommand(h), comparableCommand(w)) {
			return false
		}
	}
	return true
}

// comparableCommand keeps the fields of c that registration sets, with
// Discord's defaults made explicit.
func comparableCommand(c *discordgo.ApplicationCommand) *discordgo.ApplicationCommand {
	out := &discordgo.ApplicationCommand{
		Name:                     c.Name,
		Description:              c.Description,
		Type:                     c.Type,
		Options:                  comparableOptions(c.Options),
		DefaultMemberPermissions: c.DefaultMemberPermissions,
		NSFW:                     c.NSFW,
	}
	if out.Type == 0 {
		out.Type = discordgo.ChatApplicationCommand
	}
	if out.NSFW != nil && !*out.NSFW {
		out.NSFW = nil
	}
	if c.Contexts != nil && len(*c.Contexts) > 0 {
		ctxs := append([]discordgo.InteractionContextType(nil), *c.Contexts...)
		out.Contexts = &ctxs
	}
	return out
}

func comparableOptions(opts []*discordgo.ApplicationCommandOption) []*discordgo.ApplicationCommandOption {
	if len(opts) == 0 {
		return nil
	}
	out := make([]*discordgo.ApplicationCommandOption, len(opts))
	for i, o := range opts {
		c := *o
		c.Options = comparableOptions(o.Options)
		c.NameLocalizations, c.DescriptionLocalizations = nil, nil
		if len(c.Choices) == 0 {
			c.Choices = nil
		}
		if len(c.ChannelTypes) == 0 {
			c.ChannelTypes = nil
		}
		out[i] = &c
	}
	return out
}
