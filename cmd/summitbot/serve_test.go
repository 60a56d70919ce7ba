package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
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

// served is a `summitbot serve` child process and what it logs.
type served struct {
	cmd  *exec.Cmd
	logs *lockedBuffer
	done chan error // its exit; whoever takes it puts it back, for the cleanup
}

// startServe starts `summitbot serve` in a child process with env added to
// its environment (see child); the test's cleanup kills it if it still
// runs.
func startServe(t *testing.T, env ...string) *served {
	t.Helper()
	cmd := child(t, "serve")
	cmd.Env = append(cmd.Env, env...)
	s := &served{cmd: cmd, logs: &lockedBuffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = s.logs, s.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-s.done
	})
	return s
}

// stop sends SIGTERM and waits until serve exits or ctx is done: a serve
// that does not stop fails the test, and one that exits with an error is
// reported through exited (t.Errorf or t.Fatalf).
func (s *served) stop(t *testing.T, ctx context.Context, exited func(format string, args ...any)) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.done:
		s.done <- err
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			exited("serve exited with %v after SIGTERM\n%s", err, s.logs.String())
		}
	case <-ctx.Done():
		t.Fatalf("serve did not stop after SIGTERM\n%s", s.logs.String())
	}
}

// TestServeAgainstFakeDiscord runs `summitbot serve` in another process,
// pointed at a fake Discord with DISCORD_API_URL: it connects, registers its
// commands, answers /ask and a mention, and stops cleanly on SIGTERM.
func TestServeAgainstFakeDiscord(t *testing.T) {
	const token = "serve-test-token-never-logged"
	fake := discordtest.Start(t, discordtest.Options{Token: token})
	srv := startServe(t,
		"DISCORD_TOKEN="+token,
		"DISCORD_API_URL="+fake.URL(),
		"SUMMITBOT_DATA="+t.TempDir(),
		"LOG_LEVEL=debug",
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

	srv.stop(t, ctx, t.Errorf)
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

// TestServeRetriesUnreachableDiscord: with Discord unreachable at first
// (a dropped connection, then a 503), serve retries with backoff, logging
// each failure with the API URL it uses, and connects once Discord
// answers; a refused token ends it at once, naming that URL (issue 12,
// item 13).
func TestServeRetriesUnreachableDiscord(t *testing.T) {
	const token = "retry-test-token-never-logged"
	fake := discordtest.Start(t, discordtest.Options{Token: token})
	target, err := url.Parse(fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	var gateway atomic.Int32
	var refuse atomic.Bool
	forward := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: target.Scheme, Host: target.Host})
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/gateway") {
			switch n := gateway.Add(1); {
			case refuse.Load():
				http.Error(w, `{"message": "401: Unauthorized", "code": 0}`, http.StatusUnauthorized)
				return
			case n == 1: // the network fails
				conn, _, err := w.(http.Hijacker).Hijack()
				if err == nil {
					conn.Close()
				}
				return
			case n == 2:
				http.Error(w, "upstream unavailable", http.StatusServiceUnavailable)
				return
			}
		}
		forward.ServeHTTP(w, r)
	}))
	defer proxy.Close()
	api := proxy.URL + "/api/v9"
	vars := map[string]string{"DISCORD_TOKEN": token, "DISCORD_API_URL": api, "LOG_LEVEL": "info"}

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan result, 1)
	go func() { done <- runMainWith(t, ctx, "", vars, nil, "serve") }()
	wait, stop := context.WithTimeout(t.Context(), 60*time.Second)
	defer stop()
	if err := fake.WaitReady(wait); err != nil {
		cancel()
		r := <-done
		t.Fatalf("never connected: %v\n%s", err, r.stderr)
	}
	if err := fake.SendInteraction(discordtest.SlashCommand("9101", "u1", "ask",
		discordtest.StringOption("question", "Where was the summit held?"))); err != nil {
		t.Fatal(err)
	}
	if m, _, err := fake.WaitReply(wait, "9101"); err != nil || !strings.Contains(m.Text(), "Astana") {
		cancel()
		r := <-done
		t.Fatalf("no answer to /ask after connecting: %v\n%s", err, r.stderr)
	}
	cancel()
	r := <-done
	if r.code != 0 {
		t.Errorf("exit %d after a clean stop:\n%s", r.code, r.stderr)
	}
	if n := strings.Count(r.stderr, `msg="Discord unreachable; retrying"`); n != 2 || !strings.Contains(r.stderr, "api_url="+api+"/") ||
		!strings.Contains(r.stderr, "retry_in=1s") || !strings.Contains(r.stderr, "retry_in=2s") || !strings.Contains(r.stderr, `msg=connected`) {
		t.Errorf("%d retries logged, want 2 with backoff 1s then 2s and the URL used:\n%s", n, r.stderr)
	}
	if strings.Contains(r.stderr, "discord.com") || strings.Contains(r.stderr, token) {
		t.Errorf("the log names discord.com, or the token:\n%s", r.stderr)
	}

	refuse.Store(true)
	start := time.Now()
	r = runMainWith(t, t.Context(), "", vars, nil, "serve")
	if r.code != 1 || !strings.Contains(r.stderr, "connect to Discord at "+api+"/: the bot token was refused (401 Unauthorized): check DISCORD_TOKEN") ||
		strings.Contains(r.stderr, "retrying") || time.Since(start) > 30*time.Second {
		t.Errorf("refused token: exit %d after %v:\n%s", r.code, time.Since(start), r.stderr)
	}
}
