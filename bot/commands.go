package bot

import (
	"context"
	"fmt"
	"log/slog"
	"reflect"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/index/catalog"
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
	en := catalog.For(reading.English)
	cmds := []*discordgo.ApplicationCommand{
		{
			Name:                     cmdAsk,
			Description:              en.Text(catalog.CmdAsk),
			DescriptionLocalizations: localizedPtr(catalog.CmdAsk),
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: optQuestion, Description: en.Text(catalog.CmdAskQuestion), DescriptionLocalizations: localized(catalog.CmdAskQuestion), Required: true, MinLength: &one, MaxLength: questionLen},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: optPrivate, Description: en.Text(catalog.CmdAskPrivate), DescriptionLocalizations: localized(catalog.CmdAskPrivate)},
			},
		},
		{
			Name:                     cmdSearch,
			Description:              en.Text(catalog.CmdSearch),
			DescriptionLocalizations: localizedPtr(catalog.CmdSearch),
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: optQuery, Description: en.Text(catalog.CmdSearchQuery), DescriptionLocalizations: localized(catalog.CmdSearchQuery), Required: true, MinLength: &one, MaxLength: queryLen},
			},
		},
		{
			Name:                     cmdSource,
			Description:              en.Text(catalog.CmdSource),
			DescriptionLocalizations: localizedPtr(catalog.CmdSource),
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: optDocument, Description: en.Text(catalog.CmdSourceDocument), DescriptionLocalizations: localized(catalog.CmdSourceDocument), Required: true, Autocomplete: true},
				{Type: discordgo.ApplicationCommandOptionInteger, Name: optParagraph, Description: en.Text(catalog.CmdSourceParagraph), DescriptionLocalizations: localized(catalog.CmdSourceParagraph), MinValue: &minPara},
			},
		},
		{
			Name:                     cmdAbout,
			Description:              en.Text(catalog.CmdAbout),
			DescriptionLocalizations: localizedPtr(catalog.CmdAbout),
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

// discordLocales are the Discord locales the command descriptions are
// given in, by the catalogue's language. Discord has no Kazakh locale.
var discordLocales = map[discordgo.Locale]string{
	discordgo.Russian:   reading.Russian,
	discordgo.ChineseCN: reading.Chinese,
}

// localized is k in each of discordLocales, for an option's description.
func localized(k catalog.Key) map[discordgo.Locale]string {
	m := make(map[discordgo.Locale]string, len(discordLocales))
	for loc, lang := range discordLocales {
		m[loc] = catalog.For(lang).Text(k)
	}
	return m
}

// localizedPtr is localized for a command's description.
func localizedPtr(k catalog.Key) *map[discordgo.Locale]string {
	m := localized(k)
	return &m
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
	if c.DescriptionLocalizations != nil && len(*c.DescriptionLocalizations) > 0 {
		m := *c.DescriptionLocalizations
		out.DescriptionLocalizations = &m
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
		c.NameLocalizations = nil
		if len(c.DescriptionLocalizations) == 0 {
			c.DescriptionLocalizations = nil
		}
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
