package discordtest

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits on what a bot sends, in characters
// (discord-api-docs: resources/message, components/reference,
// interactions/receiving-and-responding). They are written out here again,
// independently of the bot's own constants, so the check is a second
// opinion.
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooter           = 2048
	MaxAuthorName       = 256
	MaxEmbedsTotal      = 6000
	MaxRows             = 5
	MaxRowComponents    = 5
	MaxButtonLabel      = 80
	MaxCustomID         = 100
	MaxChoices          = 25
	MaxChoiceName       = 100
	MaxChoiceValue      = 100
	MaxModalTitle       = 45
	MaxModalRows        = 5
	MaxInputLabel       = 45
	MaxInputValue       = 4000
	MaxPlaceholder      = 100
)

// CheckMessage reports every way m breaks Discord's limits or the bot's
// rule that no message may ping: allowed mentions must be sent with an
// empty parse list, no users or roles, and replied_user false. A message
// must also have content or an embed.
func CheckMessage(m Message) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	n := utf8.RuneCountInString

	if m.Content == "" && len(m.Embeds) == 0 {
		bad("message has neither content nor embeds")
	}
	if l := n(m.Content); l > MaxContent {
		bad("content is %d characters, limit %d", l, MaxContent)
	}
	if !utf8.ValidString(m.Content) {
		bad("content is not valid UTF-8")
	}
	am := m.AllowedMentions
	switch {
	case am == nil:
		bad("allowed_mentions missing: the message could ping")
	case am.Parse == nil:
		bad(`allowed_mentions.parse is null, want []`)
	case len(am.Parse) > 0 || len(am.Users) > 0 || len(am.Roles) > 0 || am.RepliedUser:
		bad("allowed_mentions allows pings: %+v", *am)
	}
	if len(m.Embeds) > MaxEmbeds {
		bad("%d embeds, limit %d", len(m.Embeds), MaxEmbeds)
	}
	total := 0
	for i, e := range m.Embeds {
		if e == nil {
			bad("embed %d is null", i)
			continue
		}
		limit := func(what, s string, max int) {
			l := n(s)
			total += l
			if l > max {
				bad("embed %d %s is %d characters, limit %d", i, what, l, max)
			}
			if !utf8.ValidString(s) {
				bad("embed %d %s is not valid UTF-8", i, what)
			}
		}
		limit("title", e.Title, MaxEmbedTitle)
		limit("description", e.Description, MaxEmbedDescription)
		if len(e.Fields) > MaxEmbedFields {
			bad("embed %d has %d fields, limit %d", i, len(e.Fields), MaxEmbedFields)
		}
		for j, f := range e.Fields {
			if f == nil {
				bad("embed %d field %d is null", i, j)
				continue
			}
			if f.Name == "" || f.Value == "" {
				bad("embed %d field %d has an empty name or value", i, j)
			}
			limit(fmt.Sprintf("field %d name", j), f.Name, MaxFieldName)
			limit(fmt.Sprintf("field %d value", j), f.Value, MaxFieldValue)
		}
		if e.Footer != nil {
			limit("footer", e.Footer.Text, MaxFooter)
		}
		if e.Author != nil {
			limit("author", e.Author.Name, MaxAuthorName)
		}
	}
	if total > MaxEmbedsTotal {
		bad("embeds total %d characters, limit %d", total, MaxEmbedsTotal)
	}
	if err := checkComponents(m.Components); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// checkComponents checks rows of buttons.
func checkComponents(rows []Row) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if len(rows) > MaxRows {
		bad("%d component rows, limit %d", len(rows), MaxRows)
	}
	seen := map[string]bool{}
	for i, r := range rows {
		if r.Type != discordgo.ActionsRowComponent {
			bad("row %d has type %d, want an action row", i, r.Type)
		}
		if len(r.Components) == 0 || len(r.Components) > MaxRowComponents {
			bad("row %d has %d components, want 1 to %d", i, len(r.Components), MaxRowComponents)
		}
		for j, c := range r.Components {
			if c.Type != discordgo.ButtonComponent {
				bad("row %d component %d has type %d, want a button", i, j, c.Type)
				continue
			}
			if l := utf8.RuneCountInString(c.Label); l > MaxButtonLabel {
				bad("row %d button %d label is %d characters, limit %d", i, j, l, MaxButtonLabel)
			}
			if c.Label == "" && c.Emoji == nil {
				bad("row %d button %d has neither label nor emoji", i, j)
			}
			if c.Style == discordgo.LinkButton {
				if c.URL == "" || c.CustomID != "" {
					bad("row %d link button %d needs a url and no custom id", i, j)
				}
				continue
			}
			if l := utf8.RuneCountInString(c.CustomID); l < 1 || l > MaxCustomID {
				bad("row %d button %d custom_id %q is %d characters, want 1 to %d", i, j, c.CustomID, l, MaxCustomID)
			}
			if seen[c.CustomID] {
				bad("custom_id %q is used twice", c.CustomID)
			}
			seen[c.CustomID] = true
		}
	}
	return errors.Join(errs...)
}

// CheckChoices reports every way autocomplete choices break Discord's
// limits: at most 25, names of 1 to 100 characters, string values of at
// most 100.
func CheckChoices(choices []*discordgo.ApplicationCommandOptionChoice) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if len(choices) > MaxChoices {
		bad("%d choices, limit %d", len(choices), MaxChoices)
	}
	for i, c := range choices {
		if c == nil {
			bad("choice %d is null", i)
			continue
		}
		if l := utf8.RuneCountInString(c.Name); l < 1 || l > MaxChoiceName {
			bad("choice %d name is %d characters, want 1 to %d", i, l, MaxChoiceName)
		}
		if s, ok := c.Value.(string); ok && utf8.RuneCountInString(s) > MaxChoiceValue {
			bad("choice %d value is %d characters, limit %d", i, utf8.RuneCountInString(s), MaxChoiceValue)
		}
	}
	return errors.Join(errs...)
}

// CheckCommands reports every way application commands break Discord's
// rules. Chat commands: names of 1 to 32 lowercase characters,
// descriptions of 1 to 100, at most 25 options, required options first,
// autocomplete never with choices, subcommands at most two levels deep and
// never next to plain options. Context menu commands (user, message):
// names of 1 to 32 characters, no description, no options.
func CheckCommands(cmds []*discordgo.ApplicationCommand) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	name := func(s string) bool {
		if l := utf8.RuneCountInString(s); l < 1 || l > 32 {
			return false
		}
		for _, r := range s {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
				return false
			}
		}
		return true
	}
	desc := func(s string) bool { l := utf8.RuneCountInString(s); return l >= 1 && l <= 100 }
	seen := map[string]bool{}
	for _, c := range cmds {
		typ := c.Type
		if typ == 0 {
			typ = discordgo.ChatApplicationCommand
		}
		key := fmt.Sprint(typ, "/", c.Name)
		if c.Type == discordgo.UserApplicationCommand || c.Type == discordgo.MessageApplicationCommand {
			// Context menu commands: any case and spaces, no description or options.
			if l := utf8.RuneCountInString(c.Name); l < 1 || l > 32 || seen[key] {
				bad("context menu command name %q is invalid or repeated", c.Name)
			}
			seen[key] = true
			if c.Description != "" || len(c.Options) > 0 {
				bad("context menu command %q has a description or options", c.Name)
			}
			continue
		}
		if !name(c.Name) || seen[key] {
			bad("command name %q is invalid or repeated", c.Name)
		}
		seen[key] = true
		if !desc(c.Description) {
			bad("command %s description is %d characters, want 1 to 100", c.Name, utf8.RuneCountInString(c.Description))
		}
		checkOptions(c.Name, c.Options, 0, name, desc, bad)
	}
	return errors.Join(errs...)
}

// CheckModal reports every way a modal response's data breaks Discord's
// rules: a title of 1 to 45 characters, a custom id of 1 to 100, 1 to 5
// rows each holding exactly one text input, with a unique custom id of 1
// to 100 characters, a label of 1 to 45, a short or paragraph style, a
// value and lengths of at most 4,000 (min_length at most max_length), a
// placeholder of at most 100, and a prefilled value within the lengths.
func CheckModal(m Message) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	n := utf8.RuneCountInString
	if l := n(m.Title); l < 1 || l > MaxModalTitle {
		bad("modal title is %d characters, want 1 to %d", l, MaxModalTitle)
	}
	if l := n(m.CustomID); l < 1 || l > MaxCustomID {
		bad("modal custom_id %q is %d characters, want 1 to %d", m.CustomID, l, MaxCustomID)
	}
	if m.Content != "" || len(m.Embeds) > 0 {
		bad("a modal has content or embeds")
	}
	if len(m.Components) < 1 || len(m.Components) > MaxModalRows {
		bad("modal has %d rows, want 1 to %d", len(m.Components), MaxModalRows)
	}
	seen := map[string]bool{}
	for i, r := range m.Components {
		if r.Type != discordgo.ActionsRowComponent || len(r.Components) != 1 {
			bad("modal row %d: want an action row with one text input", i)
			continue
		}
		c := r.Components[0]
		if c.Type != discordgo.TextInputComponent {
			bad("modal row %d has a component of type %d, want a text input", i, c.Type)
			continue
		}
		if l := n(c.CustomID); l < 1 || l > MaxCustomID || seen[c.CustomID] {
			bad("text input %d custom_id %q is repeated or %d characters, want 1 to %d", i, c.CustomID, l, MaxCustomID)
		}
		seen[c.CustomID] = true
		if l := n(c.Label); l < 1 || l > MaxInputLabel {
			bad("text input %s label is %d characters, want 1 to %d", c.CustomID, l, MaxInputLabel)
		}
		if c.Style != discordgo.ButtonStyle(discordgo.TextInputShort) && c.Style != discordgo.ButtonStyle(discordgo.TextInputParagraph) {
			bad("text input %s has style %d, want short (1) or paragraph (2)", c.CustomID, c.Style)
		}
		if c.MinLength < 0 || c.MinLength > MaxInputValue || c.MaxLength < 0 || c.MaxLength > MaxInputValue ||
			c.MaxLength > 0 && c.MinLength > c.MaxLength {
			bad("text input %s lengths %d to %d, want 0 to %d", c.CustomID, c.MinLength, c.MaxLength, MaxInputValue)
		}
		if l := n(c.Value); l > MaxInputValue || c.MaxLength > 0 && l > c.MaxLength {
			bad("text input %s value is %d characters, limit %d (max_length %d)", c.CustomID, l, MaxInputValue, c.MaxLength)
		}
		if !utf8.ValidString(c.Value) {
			bad("text input %s value is not valid UTF-8", c.CustomID)
		}
		if l := n(c.Placeholder); l > MaxPlaceholder {
			bad("text input %s placeholder is %d characters, limit %d", c.CustomID, l, MaxPlaceholder)
		}
	}
	return errors.Join(errs...)
}

// checkOptions checks the options of a command or subcommand: at most
// 25, valid names and descriptions, required first, autocomplete never
// with choices, subcommands (groups one level deeper) never next to
// plain options.
func checkOptions(cmd string, opts []*discordgo.ApplicationCommandOption, depth int, name, desc func(string) bool, bad func(string, ...any)) {
	if len(opts) > 25 {
		bad("command %s has %d options, limit 25", cmd, len(opts))
	}
	optional, subs, plain := false, 0, 0
	for _, o := range opts {
		if !name(o.Name) {
			bad("command %s option name %q is invalid", cmd, o.Name)
		}
		if !desc(o.Description) {
			bad("command %s option %s description is %d characters, want 1 to 100", cmd, o.Name, utf8.RuneCountInString(o.Description))
		}
		switch o.Type {
		case discordgo.ApplicationCommandOptionSubCommand, discordgo.ApplicationCommandOptionSubCommandGroup:
			subs++
			if depth > 1 || o.Type == discordgo.ApplicationCommandOptionSubCommandGroup && depth > 0 {
				bad("command %s: subcommand %s nested too deep", cmd, o.Name)
			}
			checkOptions(cmd+" "+o.Name, o.Options, depth+1, name, desc, bad)
			continue
		}
		plain++
		if len(o.Options) > 0 {
			bad("command %s option %s has options but is no subcommand", cmd, o.Name)
		}
		if o.Required && optional {
			bad("command %s: required option %s after an optional one", cmd, o.Name)
		}
		optional = optional || !o.Required
		if o.Autocomplete && len(o.Choices) > 0 {
			bad("command %s option %s has both autocomplete and choices", cmd, o.Name)
		}
	}
	if subs > 0 && plain > 0 {
		bad("command %s mixes subcommands and options", cmd)
	}
}
