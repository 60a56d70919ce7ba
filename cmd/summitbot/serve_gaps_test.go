package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot/discordtest"
	"github.com/summitbot/summitbot/index/gaps"
)

// TestServeGaps runs `summitbot serve` against a fake Discord with the
// coverage gaps on (the default) and with GAPS=off: the same refused
// question and 👎 are recorded in the data folder, without the user's id,
// or not at all, and /doc gaps is registered only when on.
func TestServeGaps(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, gaps string
		on         bool
	}{
		{"default", "", true},
		{"off", "off", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			const token = "serve-gaps-token"
			fake := discordtest.Start(t, discordtest.Options{Token: token})
			data := t.TempDir()
			srv := startServe(t,
				"DISCORD_TOKEN="+token, "DISCORD_API_URL="+fake.URL(),
				"SUMMITBOT_DATA="+data, "GAPS="+tt.gaps, "LOG_LEVEL=debug",
			)
			logs := srv.logs
			ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
			defer cancel()
			if err := fake.WaitReady(ctx); err != nil {
				t.Fatalf("bot never connected: %v\n%s", err, logs.String())
			}
			if _, err := fake.WaitFor(ctx, func(r discordtest.Request) bool { return r.Method == "PUT" }); err != nil {
				t.Fatalf("commands never registered: %v\n%s", err, logs.String())
			}
			registered := false
			for _, c := range fake.Commands("") {
				for _, o := range c.Options {
					registered = registered || c.Name == "doc" && o.Name == "gaps"
				}
			}
			if registered != tt.on {
				t.Errorf("/doc gaps registered: %v, want %v", registered, tt.on)
			}

			const user = "424242424242"
			if err := fake.SendInteraction(discordtest.SlashCommand("8001", user, "ask", discordtest.StringOption("question", "who won the world cup"))); err != nil {
				t.Fatal(err)
			}
			m, _, err := fake.WaitReply(ctx, "8001")
			if err != nil || !strings.Contains(m.Text(), "couldn't find") {
				t.Fatalf("reply %v:\n%s\n%s", err, m.Text(), logs.String())
			}
			down, ok := m.Button("fb:down")
			if !ok {
				t.Fatalf("no 👎 on %+v", m)
			}
			if err := fake.SendInteraction(discordtest.ButtonClick("8002", user, down.CustomID, m.Discord("m1", "400"))); err != nil {
				t.Fatal(err)
			}
			if _, _, err := fake.WaitReply(ctx, "8002"); err != nil {
				t.Fatal(err)
			}
			srv.stop(t, ctx, t.Fatalf)

			folder := filepath.Join(data, gaps.DirName)
			if !tt.on {
				if _, err := os.Stat(folder); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("GAPS=off wrote %s: %v", folder, err)
				}
				return
			}
			text, err := os.ReadFile(filepath.Join(folder, "gaps.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Count(string(text), "who won the world cup") != 2 || !strings.Contains(string(text), `"ev":"down"`) {
				t.Errorf("want the refusal and the 👎 recorded:\n%s", text)
			}
			if strings.Contains(string(text), user) || strings.Contains(string(text), "user"+user) {
				t.Errorf("the user's id or name is in the file:\n%s", text)
			}
			r := runMain(t, "", map[string]string{"SUMMITBOT_DATA": data}, "gaps")
			if r.code != 0 || !strings.Contains(r.stdout, "who won the world cup") {
				t.Errorf("summitbot gaps: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			t.Logf("summitbot gaps:\n%s", r.stdout)
		})
	}
}
