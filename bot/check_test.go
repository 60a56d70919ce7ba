package bot

import (
	"encoding/json"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/summitbot/summitbot/bot/discordtest"
)

// checkMessage fails t if m, as it would go over the wire, breaks one of
// Discord's limits or could ping. Every test that renders uses it.
func checkMessage(t *testing.T, m message, ephemeral bool) discordtest.Message {
	t.Helper()
	data, err := json.Marshal(m.responseData(ephemeral))
	if err != nil {
		t.Fatalf("marshal message: %v", err)
	}
	var wire discordtest.Message
	if err := json.Unmarshal(data, &wire); err != nil {
		t.Fatalf("unmarshal message: %v", err)
	}
	if err := discordtest.CheckMessage(wire); err != nil {
		t.Errorf("message breaks Discord limits:\n%v", err)
	}
	// The same message as a reply to a mention and as an edit.
	for what, v := range map[string]any{"reply": m.reply(&discordgo.Message{ID: "1", ChannelID: "2"}), "edit": m.webhookEdit(), "followup": m.webhookParams(false)} {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("marshal %s: %v", what, err)
		}
		var w discordtest.Message
		if err := json.Unmarshal(data, &w); err != nil {
			t.Fatalf("unmarshal %s: %v", what, err)
		}
		if err := discordtest.CheckMessage(w); err != nil {
			t.Errorf("%s breaks Discord limits:\n%v", what, err)
		}
	}
	return wire
}
