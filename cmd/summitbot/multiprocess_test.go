package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot/discordtest"
)

// TestDocsAddWhileServing runs serve against the fake Discord while
// `docs add` runs in another process on the same data folder: the new
// document is answered by /ask within seconds, without a restart.
func TestDocsAddWhileServing(t *testing.T) {
	const token = "multi-process-token"
	fake := discordtest.Start(t, discordtest.Options{Token: token})
	data := t.TempDir()
	serve := child(t, "serve")
	serve.Env = append(serve.Env,
		"DISCORD_TOKEN="+token, "DISCORD_API_URL="+fake.URL(),
		"SUMMITBOT_DATA="+data, "RATE_PER_MINUTE=-1")
	var logs lockedBuffer
	serve.Stdout, serve.Stderr = &logs, &logs
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = serve.Process.Signal(syscall.SIGTERM)
		_ = serve.Wait()
	})
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	if err := fake.WaitReady(ctx); err != nil {
		t.Fatalf("serve never connected: %v\n%s", err, logs.String())
	}

	file := filepath.Join(t.TempDir(), "harbour.txt")
	text := "Harbour report\n\nThe harbour of Aktau received the new grain ferry named Steppe Falcon.\n"
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	add := child(t, "docs", "add", "--data", data, file)
	out, err := add.CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "saved harbour-report") {
		t.Fatalf("docs add while serving: %v\n%s", err, out)
	}
	added := time.Now()

	for n := 0; ; n++ {
		id := fmt.Sprintf("77%03d", n)
		if err := fake.SendInteraction(discordtest.SlashCommand(id, "u1", "ask",
			discordtest.StringOption("question", "Which ferry did the harbour of Aktau receive?"))); err != nil {
			t.Fatal(err)
		}
		m, _, err := fake.WaitReply(ctx, id)
		if err != nil {
			t.Fatalf("no reply: %v\n%s", err, logs.String())
		}
		if strings.Contains(m.Text(), "Steppe Falcon") {
			t.Logf("answered from the new document %v after docs add (%d tries)", time.Since(added).Round(10*time.Millisecond), n+1)
			return
		}
		if time.Since(added) > 20*time.Second {
			t.Fatalf("the document added by another process is still not answered after 20 s:\n%s\n%s", m.Text(), logs.String())
		}
		time.Sleep(300 * time.Millisecond)
	}
}
