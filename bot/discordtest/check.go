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
// rules for chat commands: names of 1 to 32 lowercase characters,
// descriptions of 1 to 100, at most 25 options, required options first,
// autocomplete never with choices.
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
		if !name(c.Name) || seen[c.Name] {
			bad("command name %q is invalid or repeated", c.Name)
		}
		seen[c.Name] = true
		if !desc(c.Description) {
			bad("command %s description is %d characters, want 1 to 100", c.Name, utf8.RuneCountInString(c.Description))
		}
		if len(c.Options) > 25 {
			bad("command %s has %d options, limit 25", c.Name, len(c.Options))
		}
		optional := false
		for _, o := range c.Options {
			if !name(o.Name) {
				bad("command %s option name %q is invalid", c.Name, o.Name)
			}
			if !desc(o.Description) {
				bad("command %s option %s description is %d characters, want 1 to 100", c.Name, o.Name, utf8.RuneCountInString(o.Description))
			}
			if o.Required && optional {
				bad("command %s: required option %s after an optional one", c.Name, o.Name)
			}
			optional = optional || !o.Required
			if o.Autocomplete && len(o.Choices) > 0 {
				bad("command %s option %s has both autocomplete and choices", c.Name, o.Name)
			}
		}
	}
	return errors.Join(errs...)
}
