package discordtest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func okModal() Message {
	return Message{Title: "Add", CustomID: "add", Components: []Row{
		{Type: discordgo.ActionsRowComponent, Components: []Component{{Type: discordgo.TextInputComponent, CustomID: "title", Label: "Title", Style: discordgo.ButtonStyle(discordgo.TextInputShort), MaxLength: 200}}},
		{Type: discordgo.ActionsRowComponent, Components: []Component{{Type: discordgo.TextInputComponent, CustomID: "body", Label: "Text", Style: discordgo.ButtonStyle(discordgo.TextInputParagraph), Value: "v", MaxLength: 4000}}},
	}}
}

func TestCheckModal(t *testing.T) {
	t.Parallel()
	long := func(n int) string { return strings.Repeat("é", n) }
	row := okModal().Components[0]
	tests := []struct {
		name    string
		change  func(*Message)
		wantErr string
	}{
		{"ok", func(*Message) {}, ""},
		{"title at limit", func(m *Message) { m.Title = long(45) }, ""},
		{"title", func(m *Message) { m.Title = long(46) }, "title is 46"},
		{"no title", func(m *Message) { m.Title = "" }, "title is 0"},
		{"custom id", func(m *Message) { m.CustomID = long(101) }, "modal custom_id"},
		{"content", func(m *Message) { m.Content = "x" }, "content or embeds"},
		{"six rows", func(m *Message) {
			for k := range 4 {
				r := row
				r.Components = []Component{r.Components[0]}
				r.Components[0].CustomID = string(rune('a' + k))
				m.Components = append(m.Components, r)
			}
		}, "6 rows"},
		{"two inputs in a row", func(m *Message) {
			m.Components[0].Components = append(m.Components[0].Components, m.Components[1].Components[0])
		}, "one text input"},
		{"button", func(m *Message) { m.Components[0].Components[0].Type = discordgo.ButtonComponent }, "want a text input"},
		{"repeated id", func(m *Message) { m.Components[1].Components[0].CustomID = "title" }, "repeated"},
		{"label", func(m *Message) { m.Components[0].Components[0].Label = long(46) }, "label is 46"},
		{"style", func(m *Message) { m.Components[0].Components[0].Style = 3 }, "style 3"},
		{"value", func(m *Message) { m.Components[1].Components[0].Value = long(4001) }, "value is 4001"},
		{"value over max_length", func(m *Message) { m.Components[0].Components[0].Value = long(201) }, "value is 201"},
		{"max length", func(m *Message) { m.Components[1].Components[0].MaxLength = 4001 }, "lengths"},
		{"min over max", func(m *Message) { m.Components[0].Components[0].MinLength = 201 }, "lengths"},
		{"placeholder", func(m *Message) { m.Components[0].Components[0].Placeholder = long(101) }, "placeholder is 101"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := okModal()
			tt.change(&m)
			err := CheckModal(m)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("CheckModal = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestCheckCommandsModeration(t *testing.T) {
	t.Parallel()
	perm := int64(discordgo.PermissionManageGuild)
	sub := func(name string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name, Description: "d", Options: opts}
	}
	str := func(name string, required bool) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: "d", Required: required}
	}
	tests := []struct {
		name    string
		cmds    []*discordgo.ApplicationCommand
		wantErr string
	}{
		{"ok", []*discordgo.ApplicationCommand{
			{Name: "doc", Description: "d", DefaultMemberPermissions: &perm, Options: []*discordgo.ApplicationCommandOption{sub("add", str("title", true), str("url", false)), sub("list")}},
			{Name: "Add to summit notes", Type: discordgo.MessageApplicationCommand},
			{Name: "doc", Type: discordgo.UserApplicationCommand}, // another type: not a repeat
		}, ""},
		{"context menu description", []*discordgo.ApplicationCommand{{Name: "Note", Type: discordgo.MessageApplicationCommand, Description: "x"}}, "has a description"},
		{"context menu name", []*discordgo.ApplicationCommand{{Name: strings.Repeat("n", 33), Type: discordgo.MessageApplicationCommand}}, "invalid or repeated"},
		{"repeated context menu", []*discordgo.ApplicationCommand{{Name: "N", Type: discordgo.MessageApplicationCommand}, {Name: "N", Type: discordgo.MessageApplicationCommand}}, "repeated"},
		{"required after optional in a subcommand", []*discordgo.ApplicationCommand{
			{Name: "doc", Description: "d", Options: []*discordgo.ApplicationCommandOption{sub("add", str("url", false), str("title", true))}},
		}, "required option title after an optional one"},
		{"bad subcommand option", []*discordgo.ApplicationCommand{
			{Name: "doc", Description: "d", Options: []*discordgo.ApplicationCommandOption{sub("add", str("Title", true))}},
		}, `option name "Title"`},
		{"mixed", []*discordgo.ApplicationCommand{
			{Name: "doc", Description: "d", Options: []*discordgo.ApplicationCommandOption{sub("add"), str("x", false)}},
		}, "mixes subcommands and options"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckCommands(tt.cmds)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("CheckCommands = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestAttachments(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	defer s.Close()
	a := s.AddAttachment("notes file.md", "text/markdown", []byte("# Notes"))
	if a.Size != 7 || a.Filename != "notes file.md" || !strings.HasPrefix(a.URL, s.hs.URL+"/attachments/") {
		t.Errorf("attachment %+v", a)
	}
	get := func(url string) (int, string) {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if code, body := get(a.URL); code != 200 || body != "# Notes" {
		t.Errorf("download: %d %q", code, body)
	}
	if d := s.Downloads(); len(d) != 1 {
		t.Errorf("downloads %q", d)
	}
	if len(s.Failures()) != 0 {
		t.Errorf("failures %q", s.Failures())
	}
	if code, _ := get(s.hs.URL + "/attachments/400/1/other.txt"); code != 404 {
		t.Errorf("unknown attachment: status %d", code)
	}
	if f := s.Failures(); len(f) != 1 || !strings.Contains(f[0], "unknown attachment") {
		t.Errorf("failures %q, want the unknown attachment", f)
	}
}

func TestModalSubmitWire(t *testing.T) {
	t.Parallel()
	i := WithPermissions(ModalSubmit("1", "u", "upd:x", map[string]string{"title": "T", "body": "B"}), discordgo.PermissionManageGuild)
	data, err := json.Marshal(i)
	if err != nil {
		t.Fatal(err)
	}
	var back discordgo.Interaction
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	d := back.ModalSubmitData()
	if d.CustomID != "upd:x" || len(d.Components) != 2 || back.Member.Permissions != discordgo.PermissionManageGuild {
		t.Fatalf("decoded %+v (member %+v)", d, back.Member)
	}
	in := d.Components[0].(*discordgo.ActionsRow).Components[0].(*discordgo.TextInput)
	if in.CustomID != "body" || in.Value != "B" {
		t.Errorf("first input %+v", in)
	}
	filled := FillModal("2", "u", okModal(), map[string]string{"title": "New"})
	fd := filled.Data.(modalSubmitData)
	if fd.CustomID != "add" || len(fd.Components) != 2 {
		t.Errorf("filled %+v", fd)
	}
	m := MessageCommand("3", "u", "Add to summit notes", &discordgo.Message{ID: "m", Content: "c"})
	data, _ = json.Marshal(m)
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	ad := back.ApplicationCommandData()
	if ad.CommandType != discordgo.MessageApplicationCommand || ad.TargetID != "m" || ad.Resolved.Messages["m"].Content != "c" {
		t.Errorf("message command %+v", ad)
	}
}
