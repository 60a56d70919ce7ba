package bot

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/bot/discordtest"
	"github.com/summitbot/summitbot/corpus"
)

// checkModal fails t if m, as it goes over the wire, breaks one of
// Discord's rules for modals.
func checkModal(t *testing.T, m modal) {
	t.Helper()
	data, err := json.Marshal(m.responseData())
	if err != nil {
		t.Fatal(err)
	}
	var wire discordtest.Message
	if err := json.Unmarshal(data, &wire); err != nil {
		t.Fatal(err)
	}
	if err := discordtest.CheckModal(wire); err != nil {
		t.Errorf("modal breaks Discord's rules:\n%v", err)
	}
}

func TestModerationRenderGolden(t *testing.T) {
	t.Parallel()
	var entries []listEntry
	for k, d := range fixtureDocs() {
		entries = append(entries, listEntry{Doc: d, BuiltIn: k < 3, Changed: k == 1})
	}
	messages := []struct {
		name string
		msg  message
	}{
		{"saved", renderSaved("Saved", docRailway)},
		{"saved_flood", renderSaved("Updated", docFlood)},
		{"remove_prompt", renderRemovePrompt(docRailway, false)},
		{"remove_prompt_override", renderRemovePrompt(docArticle, true)},
		{"removed", renderRemoved(docRailway, false)},
		{"removed_override", renderRemoved(docFlood, true)},
		{"kept", renderKept(docRailway.ID)},
		{"list_first", renderDocList(entries, 0)},
		{"list_last", renderDocList(entries, 99)},
		{"list_empty", renderDocList(nil, 0)},
		{"refused", renderNotice(msgNotModerator)},
	}
	for _, tt := range messages {
		t.Run(tt.name, func(t *testing.T) {
			checkMessage(t, tt.msg, true)
			golden(t, filepath.Join("moderation", tt.name+".json"), marshalGolden(t, tt.msg.responseData(true)))
		})
	}
	modals := []struct {
		name string
		m    modal
	}{
		{"modal_add", documentModal(customID{Kind: idAdd}, "Add a document to summitbot", docFields{Title: "Wheat corridor note", Source: "summitbot moderators", Published: "2025-06-18"})},
		{"modal_update", documentModal(customID{Kind: idUpdate, Doc: docRailway.ID}, "Update a document", fieldsOf(docRailway))},
		{"modal_update_flood", documentModal(customID{Kind: idUpdate, Doc: docFlood.ID}, "Update a document with a very long title that must be cut", fieldsOf(docFlood))},
	}
	for _, tt := range modals {
		t.Run(tt.name, func(t *testing.T) {
			checkModal(t, tt.m)
			golden(t, filepath.Join("moderation", tt.name+".json"), marshalGolden(t, tt.m.responseData()))
		})
	}
}

func TestDocumentModalLimits(t *testing.T) {
	t.Parallel()
	long := corpus.Document{ID: strings.Repeat("a", corpus.MaxIDLen), Title: strings.Repeat("T", 300), Outlet: strings.Repeat("o", 300),
		URL: "https://example.org/" + strings.Repeat("u", 600), Published: "not a date at all", Body: strings.Repeat("b", 5000)}
	m := documentModal(customID{Kind: idUpdate, Doc: long.ID}, strings.Repeat("Title ", 20), fieldsOf(long))
	checkModal(t, m)
	if len(m.CustomID) > maxCustomID || m.CustomID == "" {
		t.Errorf("custom id %q", m.CustomID)
	}
	for _, in := range m.Inputs {
		if in.Value != "" {
			t.Errorf("input %s prefilled with %d characters beyond its limit %d", in.CustomID, utf8.RuneCountInString(in.Value), in.MaxLength)
		}
	}
}

func TestNoteFromMessage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		content, title string
	}{
		{"Short news.", "Short news."},
		{"\n\n  # Heading line\nbody", "Heading line"},
		{"> quoted first\nrest", "quoted first"},
		{"***\n---\nReal first line", "Real first line"},
		{strings.Repeat("word ", 40), strings.TrimSpace(strings.Repeat("word ", 19)) + " word" + ellipsis},
		{strings.Repeat("x", 150), strings.Repeat("x", 99) + ellipsis},
		{"", "Note from Discord"},
		{"🎉🎉", "Note from Discord"},
	}
	for _, tt := range tests {
		got := noteTitle(tt.content)
		if got != tt.title {
			t.Errorf("noteTitle(%q) = %q, want %q", tt.content, got, tt.title)
		}
		if utf8.RuneCountInString(got) > maxNoteTitle {
			t.Errorf("noteTitle(%q) is %d characters", tt.content, utf8.RuneCountInString(got))
		}
	}
	d := noteFromMessage("", &discordgo.Message{ID: "9", ChannelID: "8", Content: "Hello"})
	if d.URL != "https://discord.com/channels/@me/8/9" || d.Outlet != "Discord: #8 message by unknown" || d.Published != "" {
		t.Errorf("note without guild, author or time: %+v", d)
	}
	d = noteFromMessage("1", &discordgo.Message{ID: "9", ChannelID: "8", Content: "Hello", Author: &discordgo.User{ID: "7", Username: "name", GlobalName: "Display"}})
	if d.Author != "Display" || d.Outlet != "Discord: #8 message by Display" || d.Sources[0] != "Discord message https://discord.com/channels/1/8/9 by Display (user 7)" {
		t.Errorf("note: %+v", d)
	}
}
