package bot

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{"minimal", Config{Token: "t"}, ""},
		{"no token", Config{}, "no Discord bot token"},
		{"blank token", Config{Token: "  "}, "no Discord bot token"},
		{"shards", Config{Token: "t", ShardID: 1, ShardCount: 2}, ""},
		{"shard out of range", Config{Token: "t", ShardID: 2, ShardCount: 2}, "shard 2 of 2"},
		{"negative shard", Config{Token: "t", ShardID: -1}, "shard -1"},
		{"api url", Config{Token: "t", APIURL: "http://127.0.0.1:8080/api/v9"}, ""},
		{"api url not http", Config{Token: "t", APIURL: "ftp://x/api"}, "want an http or https URL"},
		{"api url no host", Config{Token: "t", APIURL: "/api/v9"}, "want an http or https URL"},
		{"defer too late", Config{Token: "t", DeferAfter: 3 * time.Second}, "defer after"},
		{"negative burst", Config{Token: "t", RateBurst: -1}, "burst"},
		{"rate off", Config{Token: "t", RatePerMinute: -1}, ""},
		{"moderator roles", Config{Token: "t", ModeratorRoleIDs: []string{"123456789012345678"}}, ""},
		{"moderator role not an id", Config{Token: "t", ModeratorRoleIDs: []string{"Mods"}}, `moderator role id "Mods"`},
		{"negative body limit", Config{Token: "t", MaxBodyBytes: -1}, "max body bytes"},
		{"negative download timeout", Config{Token: "t", DownloadTimeout: -time.Second}, "download timeout"},
		{"endpoint", Config{Token: "t", InteractionsAddr: ":8080", PublicKey: make(ed25519.PublicKey, ed25519.PublicKeySize)}, ""},
		{"endpoint without key", Config{Token: "t", InteractionsAddr: ":8080"}, "public key must be 32 bytes, got 0"},
		{"endpoint short key", Config{Token: "t", InteractionsAddr: ":8080", PublicKey: make(ed25519.PublicKey, 31)}, "got 31"},
		{"endpoint alone", Config{Token: "t", InteractionsAddr: ":8080", PublicKey: make(ed25519.PublicKey, ed25519.PublicKeySize), NoGateway: true}, ""},
		{"no gateway and no endpoint", Config{Token: "t", NoGateway: true}, "nothing would reach the bot"},
		{"negative workers", Config{Token: "t", AnswerWorkers: -1}, "answer workers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("Validate() = %v, want %q", err, tt.wantErr)
			}
		})
	}
	if _, err := New(Config{}, newTwin(nil), nil); !errors.Is(err, ErrNoToken) {
		t.Errorf("New without a token: %v, want ErrNoToken", err)
	}
	if _, err := New(Config{Token: "t"}, nil, nil); err == nil {
		t.Error("New without an engine succeeded")
	}
}

func TestConfigDefaults(t *testing.T) {
	t.Parallel()
	c := Config{Token: "abc", APIURL: "http://x/api/v9"}.withDefaults()
	if c.Token != "Bot abc" || c.APIURL != "http://x/api/v9/" || c.ShardCount != 1 ||
		c.RatePerMinute != DefaultRatePerMinute || c.RateBurst != DefaultRateBurst ||
		c.AnswerTimeout != DefaultAnswerTimeout || c.DeferAfter != DefaultDeferAfter {
		t.Errorf("defaults: %+v", c)
	}
	if c := (Config{Token: "Bot abc"}).withDefaults(); c.Token != "Bot abc" {
		t.Errorf("token with prefix became %q", c.Token)
	}
}

func TestConfigNeverShowsToken(t *testing.T) {
	t.Parallel()
	cfg := Config{Token: "secret-token-123", GuildID: "9"}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("x", "config", cfg)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("x", "config", cfg)
	fmt.Fprintf(&logs, "%v %+v %#v %s", cfg, cfg, cfg, cfg)
	if strings.Contains(logs.String(), "secret") {
		t.Errorf("the token shows: %s", logs.String())
	}
	if !strings.Contains(logs.String(), "guild_id") {
		t.Errorf("the config is not logged: %s", logs.String())
	}
}

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestRewriteTransport(t *testing.T) {
	t.Parallel()
	var got []string
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = append(got, r.Method+" "+r.URL.String()+" host="+r.Host)
		return &http.Response{StatusCode: 204, Body: io.NopCloser(strings.NewReader("")), Request: r}, nil
	})
	s, err := newSession(Config{Token: "t", APIURL: "http://127.0.0.1:9/proxy/api/v9"}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	s.Client.Transport.(*rewriteTransport).base = base
	for _, u := range []string{
		"https://discord.com/api/v9/gateway",
		"https://discord.com/api/v9/channels/1/messages?x=1",
		"https://cdn.discordapp.com/avatars/1/2.png",
	} {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		resp, err := s.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	want := []string{
		"GET http://127.0.0.1:9/proxy/api/v9/gateway host=127.0.0.1:9",
		"GET http://127.0.0.1:9/proxy/api/v9/channels/1/messages?x=1 host=127.0.0.1:9",
		"GET https://cdn.discordapp.com/avatars/1/2.png host=cdn.discordapp.com",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s.Identify.Intents != intents || s.ShardCount != 1 {
		t.Errorf("session intents %v shards %d", s.Identify.Intents, s.ShardCount)
	}
}
