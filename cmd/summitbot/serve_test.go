package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot/discordtest"
)

// TestMain lets a test run the real program in a child process:
// os.Args[0] with SUMMITBOT_RUN_MAIN=1 is summitbot itself.
func TestMain(m *testing.M) {
	if os.Getenv("SUMMITBOT_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// lockedBuffer collects a child's output for the test to read while it runs.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestServeAgainstFakeDiscord runs `summitbot serve` in another process,
// pointed at a fake Discord with DISCORD_API_URL: it connects, registers its
// commands, answers /ask and a mention, and stops cleanly on SIGTERM.
func TestServeAgainstFakeDiscord(t *testing.T) {
	const token = "serve-test-token-never-logged"
	fake := discordtest.Start(t, discordtest.Options{Token: token})
	cmd := exec.Command(os.Args[0], "serve")
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(),
		"SUMMITBOT_RUN_MAIN=1",
		"DISCORD_TOKEN="+token,
		"DISCORD_API_URL="+fake.URL(),
		"SUMMITBOT_DATA="+t.TempDir(),
		"LOG_LEVEL=debug",
	)
	var logs lockedBuffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-done
	})

	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	if err := fake.WaitReady(ctx); err != nil {
		t.Fatalf("bot never connected: %v\n%s", err, logs.String())
	}
	if _, err := fake.WaitFor(ctx, func(r discordtest.Request) bool { return r.Method == "PUT" }); err != nil {
		t.Fatalf("commands never registered: %v\n%s", err, logs.String())
	}
	if err := discordtest.CheckCommands(fake.Commands("")); err != nil || len(fake.Commands("")) < 4 {
		t.Errorf("registered commands (%d): %v", len(fake.Commands("")), err)
	}

	if err := fake.SendInteraction(discordtest.SlashCommand("9001", "u1", "ask",
		discordtest.StringOption("question", "Where was the summit held?"))); err != nil {
		t.Fatal(err)
	}
	m, _, err := fake.WaitReply(ctx, "9001")
	if err != nil {
		t.Fatalf("no reply to /ask: %v\n%s", err, logs.String())
	}
	if !strings.Contains(m.Text(), "Astana") {
		t.Errorf("/ask reply does not name Astana:\n%s", m.Text())
	}

	mention := "<@" + fake.BotID() + "> what did Xi say about tariff wars?"
	if err := fake.SendMessage(discordtest.Mention("9002", "c1", fake.GuildID(), "u2", mention, fake.BotID())); err != nil {
		t.Fatal(err)
	}
	reply, err := fake.WaitChannelMessage(ctx, "c1", "9002")
	if err != nil {
		t.Fatalf("no reply to the mention: %v\n%s", err, logs.String())
	}
	if !strings.Contains(strings.ToLower(reply.Text()), "no winners") {
		t.Errorf("mention reply:\n%s", reply.Text())
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		done <- err // for the cleanup
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Errorf("serve exited with %v after SIGTERM\n%s", err, logs.String())
		}
	case <-ctx.Done():
		t.Fatalf("serve did not stop after SIGTERM\n%s", logs.String())
	}
	if strings.Contains(logs.String(), token) {
		t.Error("the token appears in the logs")
	}
}

func TestServeNeedsToken(t *testing.T) {
	r := runMain(t, "", nil, "serve")
	if r.code != 2 || !strings.Contains(r.stderr, "DISCORD_TOKEN") || !strings.Contains(r.stderr, "summitbot ask") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	r = runMain(t, "", map[string]string{"DISCORD_TOKEN": "x", "SHARD_ID": "2", "SHARD_COUNT": "2"}, "serve")
	if r.code != 2 || !strings.Contains(r.stderr, "shard") {
		t.Errorf("bad shard: exit %d, stderr:\n%s", r.code, r.stderr)
	}
}
