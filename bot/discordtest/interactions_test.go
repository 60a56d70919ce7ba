package discordtest

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// TestEndpoint: after UseEndpoint the fake signs and POSTs interactions, a
// valid signature by its public key; the HTTP response is recorded as the
// callback and checked (a message that could ping is a failure); a REST
// callback to such an interaction is a failure too.
func TestEndpoint(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	defer s.Close()
	var reply []byte
	bot := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Error(err)
		}
		ts := r.Header.Get("X-Signature-Timestamp")
		sig, err := hex.DecodeString(r.Header.Get("X-Signature-Ed25519"))
		if err != nil || !ed25519.Verify(s.PublicKey(), append([]byte(ts), body...), sig) {
			t.Errorf("bad signature %q on %s", r.Header.Get("X-Signature-Ed25519"), body)
		}
		if secs, err := strconv.ParseInt(ts, 10, 64); err != nil || time.Since(time.Unix(secs, 0)).Abs() > time.Minute {
			t.Errorf("timestamp %q: want the Unix seconds of now", ts)
		}
		w.Header().Set("Content-Type", "application/json")
		if _, err := w.Write(reply); err != nil {
			t.Error(err)
		}
	}))
	defer bot.Close()
	s.UseEndpoint(bot.URL)
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()

	ok, err := json.Marshal(map[string]any{"type": 4, "data": okMessage()})
	if err != nil {
		t.Fatal(err)
	}
	reply = ok
	if err := s.SendInteraction(SlashCommand("e1", "u", "ask")); err != nil {
		t.Fatal(err)
	}
	c, err := s.WaitCallback(ctx, "e1")
	if err != nil {
		t.Fatal(err)
	}
	if c.Type != discordgo.InteractionResponseChannelMessageWithSource || len(c.Data.Embeds) != 1 {
		t.Errorf("callback %+v", c)
	}
	if f := s.Failures(); len(f) != 0 {
		t.Errorf("failures after a good response: %v", f)
	}

	// A REST callback to it: the bot should have answered over HTTP.
	req, err := http.NewRequest(http.MethodPost, s.URL()+"/interactions/e1/itok-e1/callback", strings.NewReader(string(ok)))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if f := strings.Join(s.Failures(), "\n"); !strings.Contains(f, "came over HTTP but was answered through the REST callback") {
		t.Errorf("no failure for a REST callback to an HTTP interaction: %q", f)
	}
}

// TestEndpointChecksResponses: a response over HTTP that could ping is
// recorded as a failure, as it would be over REST.
func TestEndpointChecksResponses(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	defer s.Close()
	bot := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if _, err := io.WriteString(w, `{"type":4,"data":{"content":"hi"}}`); err != nil {
			t.Error(err)
		}
	}))
	defer bot.Close()
	s.UseEndpoint(bot.URL)
	if err := s.SendInteraction(SlashCommand("e2", "u", "ask")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if _, err := s.WaitCallback(ctx, "e2"); err != nil {
		t.Fatal(err)
	}
	if f := strings.Join(s.Failures(), "\n"); !strings.Contains(f, "allowed_mentions missing") {
		t.Errorf("no failure for a response that could ping: %q", f)
	}
}

// TestPrepared: an interaction prepared for one transport is not sent on
// another (it would be unsigned, or signed for nobody), and sending it
// records nothing.
func TestPrepared(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	defer s.Close()
	if _, err := s.Prepare(SlashCommand("", "u", "ask")); err == nil {
		t.Error("Prepare of an interaction without id: no error")
	}
	forGateway, err := s.Prepare(SlashCommand("p1", "u", "ask"))
	if err != nil {
		t.Fatal(err)
	}
	s.UseEndpoint("http://127.0.0.1:1/interactions")
	if err := s.SendPrepared(forGateway); err == nil || !strings.Contains(err.Error(), "prepared for endpoint") {
		t.Errorf("SendPrepared after UseEndpoint: %v, want an error naming the endpoint", err)
	}
	if s.tokenOf("p1") != "" {
		t.Error("an interaction refused by SendPrepared was recorded")
	}
}
