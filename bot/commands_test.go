package bot

import (
	"encoding/json"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/bot/discordtest"
)

func TestCommandDefs(t *testing.T) {
	t.Parallel()
	for _, global := range []bool{true, false} {
		defs := commandDefs(global, true, true)
		if err := discordtest.CheckCommands(defs); err != nil {
			t.Errorf("global=%v: %v", global, err)
		}
		data, err := json.Marshal(defs)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > 8000 {
			t.Errorf("commands are %d bytes of JSON; Discord allows 8,000 characters per command", len(data))
		}
		for _, c := range defs {
			if (c.Contexts != nil) != global {
				t.Errorf("global=%v: /%s contexts %v", global, c.Name, c.Contexts)
			}
			// Descriptions in each language, 1 to 100 characters.
			check := func(what string, m map[discordgo.Locale]string) {
				for loc, d := range m {
					if n := textLen(d); n < 1 || n > 100 {
						t.Errorf("%s in %s: %d characters: %q", what, loc, n, d)
					}
				}
			}
			if c.DescriptionLocalizations != nil {
				check("/"+c.Name, *c.DescriptionLocalizations)
			}
			for _, o := range c.Options {
				check("/"+c.Name+" "+o.Name, o.DescriptionLocalizations)
			}
		}
	}
	b, err := New(Config{Token: "t"}, newTwin(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range b.defs {
		if _, ok := b.commands[c.Name]; !ok {
			t.Errorf("/%s has no handler", c.Name)
		}
	}
	if len(b.commands) != len(b.defs) {
		t.Errorf("%d handlers for %d commands", len(b.commands), len(b.defs))
	}
}

func TestSameCommands(t *testing.T) {
	t.Parallel()
	// What Discord returns for our commands: ids, versions, default fields.
	stored := func() []*discordgo.ApplicationCommand {
		data, _ := json.Marshal(commandDefs(true, true, true))
		var out []*discordgo.ApplicationCommand
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatal(err)
		}
		f := false
		for i, c := range out {
			c.ID, c.ApplicationID, c.Version, c.NSFW = "1", "2", "3", &f
			if c.Type == 0 {
				c.Type = discordgo.ChatApplicationCommand
			}
			out[i] = c
		}
		// Discord returns them in its own order.
		out[0], out[1] = out[1], out[0]
		return out
	}
	tests := []struct {
		name   string
		change func([]*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand
		want   bool
	}{
		{"same", func(c []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand { return c }, true},
		{"description", func(c []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
			c[0].Description = "old"
			return c
		}, false},
		{"option", func(c []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
			c[1].Options[0].MaxLength = 10
			return c
		}, false},
		{"missing", func(c []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand { return c[1:] }, false},
		{"a translation", func(c []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
			(*c[0].DescriptionLocalizations)[discordgo.Russian] = "старое"
			return c
		}, false},
		{"an option's translation", func(c []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
			c[1].Options[0].DescriptionLocalizations[discordgo.ChineseCN] = "旧的"
			return c
		}, false},
		{"contexts", func(c []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
			c[0].Contexts = nil
			return c
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sameCommands(tt.change(stored()), commandDefs(true, true, true)); got != tt.want {
				t.Errorf("sameCommands = %v, want %v", got, tt.want)
			}
		})
	}
}
