package main

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot/discordtest"
)

// TestServeInteractionsConfig: each bad setting of the HTTP endpoint is
// refused before anything starts, naming the variable and the fix.
func TestServeInteractionsConfig(t *testing.T) {
	key := strings.Repeat("ab", 32)
	for _, tc := range []struct {
		name string
		vars map[string]string
		want []string
	}{
		{"address without key", map[string]string{"INTERACTIONS_ADDR": ":8080"}, []string{"INTERACTIONS_ADDR is set but DISCORD_PUBLIC_KEY is not", "Public Key"}},
		{"key not hex", map[string]string{"INTERACTIONS_ADDR": ":8080", "DISCORD_PUBLIC_KEY": "not-a-key"}, []string{"DISCORD_PUBLIC_KEY", "64 hexadecimal digits"}},
		{"key too short", map[string]string{"INTERACTIONS_ADDR": ":8080", "DISCORD_PUBLIC_KEY": "abcd"}, []string{"DISCORD_PUBLIC_KEY", "64 hexadecimal digits"}},
		{"bad address", map[string]string{"INTERACTIONS_ADDR": "no port", "DISCORD_PUBLIC_KEY": key}, []string{`INTERACTIONS_ADDR="no port"`, ":8080"}},
		{"gateway off alone", map[string]string{"GATEWAY": "off"}, []string{"GATEWAY=off without INTERACTIONS_ADDR", "set INTERACTIONS_ADDR"}},
		{"gateway what", map[string]string{"GATEWAY": "maybe"}, []string{`GATEWAY="maybe"`, "on or off"}},
		{"workers", map[string]string{"ANSWER_WORKERS": "0"}, []string{"ANSWER_WORKERS", "1 or more"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vars := map[string]string{"DISCORD_TOKEN": "x", "SUMMITBOT_DATA": t.TempDir()}
			for k, v := range tc.vars {
				vars[k] = v
			}
			r := runMain(t, "", vars, "serve")
			if r.code != 2 {
				t.Errorf("exit %d, want 2 (a usage error); stderr:\n%s", r.code, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr does not say %q:\n%s", w, r.stderr)
				}
			}
		})
	}
}

// TestServeOverHTTP runs `summitbot serve` in another process with the
// HTTP endpoint and GATEWAY=off against a fake Discord that signs its
// interactions: no gateway connection, the commands registered, /healthz
// ready, /ask answered over HTTP, and a clean stop on SIGTERM with
// /healthz then refused.
func TestServeOverHTTP(t *testing.T) {
	const token = "serve-http-token-never-logged"
	fake := discordtest.Start(t, discordtest.Options{Token: token})
	srv := startServe(t,
		"DISCORD_TOKEN="+token,
		"DISCORD_API_URL="+fake.URL(),
		"SUMMITBOT_DATA="+t.TempDir(),
		"INTERACTIONS_ADDR=127.0.0.1:0",
		"DISCORD_PUBLIC_KEY="+fake.PublicKeyHex(),
		"GATEWAY=off",
		"LOG_LEVEL=info",
	)
	logs := srv.logs
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()

	listening := regexp.MustCompile(`msg="interactions endpoint listening".* addr=(\S+)`)
	var addr string
	for addr == "" {
		if m := listening.FindStringSubmatch(logs.String()); m != nil {
			addr = m[1]
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("the endpoint never listened:\n%s", logs.String())
		case err := <-srv.done:
			srv.done <- err
			t.Fatalf("serve exited: %v\n%s", err, logs.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	if _, err := fake.WaitFor(ctx, func(r discordtest.Request) bool { return r.Method == "PUT" }); err != nil {
		t.Fatalf("commands never registered: %v\n%s", err, logs.String())
	}
	health := func() int {
		r, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return 0
		}
		r.Body.Close()
		return r.StatusCode
	}
	if code := health(); code != http.StatusOK {
		t.Errorf("/healthz: %d, want 200", code)
	}
	fake.UseEndpoint("http://" + addr + "/interactions")
	if err := fake.SendInteraction(discordtest.SlashCommand("9201", "u1", "ask",
		discordtest.StringOption("question", "Where was the summit held?"))); err != nil {
		t.Fatal(err)
	}
	m, _, err := fake.WaitReply(ctx, "9201")
	if err != nil {
		t.Fatalf("no reply to /ask: %v\n%s", err, logs.String())
	}
	if !strings.Contains(m.Text(), "Astana") {
		t.Errorf("/ask reply does not name Astana:\n%s", m.Text())
	}
	if n := len(fake.Identifies()); n != 0 {
		t.Errorf("GATEWAY=off, yet %d gateway connections", n)
	}
	if !strings.Contains(logs.String(), "no gateway connection") {
		t.Errorf("no log line saying there is no gateway:\n%s", logs.String())
	}

	srv.stop(t, ctx, t.Errorf)
	if code := health(); code == http.StatusOK {
		t.Error("/healthz still ready after the stop")
	}
	if strings.Contains(logs.String(), token) || strings.Contains(logs.String(), "itok-9201") {
		t.Error("the bot token or the interaction token appears in the logs")
	}
}
