package bot

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/bot/discordtest"
)

// TestSignatures posts requests to the bot's real endpoint, signed right
// and wrong: only a valid signature with a fresh timestamp is served;
// everything else gets 401 (or 413, 405), and the refusal is logged
// without the body.
func TestSignatures(t *testing.T) {
	t.Parallel()
	fake := discordtest.Start(t, discordtest.Options{Token: testToken})
	h := startBotOn(t, fake, newTwin(fixtureDocs()), Config{RatePerMinute: -1}, true)
	url := "http://" + h.bot.httpAddr + InteractionsPath
	_, otherKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	const secret = "secret-token-in-a-refused-body"
	about, err := json.Marshal(&discordgo.Interaction{
		ID: "sig-about", AppID: fake.AppID(), Token: secret, Type: discordgo.InteractionApplicationCommand, Version: 1,
		GuildID: fake.GuildID(), ChannelID: "400", Member: &discordgo.Member{User: &discordgo.User{ID: "u-sig"}},
		Data: discordgo.ApplicationCommandInteractionData{Name: cmdAbout, CommandType: discordgo.ChatApplicationCommand},
	})
	if err != nil {
		t.Fatal(err)
	}
	ping := []byte(`{"id":"sig-ping","application_id":"200","type":1,"token":"` + secret + `","version":1}`)
	now := func(d time.Duration) string { return strconv.FormatInt(time.Now().Add(d).Unix(), 10) }
	signed := func(ts string, body []byte) http.Header {
		return http.Header{"X-Signature-Ed25519": {fake.Sign(ts, body)}, "X-Signature-Timestamp": {ts}}
	}

	for _, tc := range []struct {
		name   string
		method string
		body   []byte
		header http.Header
		want   int
		reason string // logged for a refusal
	}{
		{"valid ping", "", ping, signed(now(0), ping), http.StatusOK, ""},
		{"valid command", "", about, signed(now(0), about), http.StatusOK, ""},
		{"clock a little behind", "", ping, signed(now(-time.Minute), ping), http.StatusOK, ""},
		{"wrong key", "", ping, func() http.Header {
			ts := now(0)
			return http.Header{"X-Signature-Ed25519": {discordtest.Sign(otherKey, ts, ping)}, "X-Signature-Timestamp": {ts}}
		}(), http.StatusUnauthorized, "bad signature"},
		{"tampered body", "", bytes.Replace(about, []byte(cmdAbout), []byte(cmdAsk), 1), signed(now(0), about), http.StatusUnauthorized, "bad signature"},
		{"signature of another timestamp", "", ping, func() http.Header {
			h := signed(now(0), ping)
			h.Set("X-Signature-Timestamp", now(-time.Second))
			return h
		}(), http.StatusUnauthorized, "bad signature"},
		{"old timestamp", "", ping, signed(now(-MaxSignatureAge-time.Minute), ping), http.StatusUnauthorized, "stale timestamp"},
		{"future timestamp", "", ping, signed(now(MaxClockAhead+time.Minute), ping), http.StatusUnauthorized, "timestamp in the future"},
		{"timestamp not a number", "", ping, signed("yesterday", ping), http.StatusUnauthorized, "bad timestamp"},
		{"no headers", "", ping, http.Header{}, http.StatusUnauthorized, "missing signature headers"},
		{"no signature", "", ping, http.Header{"X-Signature-Timestamp": {now(0)}}, http.StatusUnauthorized, "missing signature headers"},
		{"no timestamp", "", ping, func() http.Header {
			h := signed(now(0), ping)
			h.Del("X-Signature-Timestamp")
			return h
		}(), http.StatusUnauthorized, "missing signature headers"},
		{"signature not hex", "", ping, http.Header{"X-Signature-Ed25519": {"zz" + strings.Repeat("0", 126)}, "X-Signature-Timestamp": {now(0)}}, http.StatusUnauthorized, "bad signature"},
		{"body too large", "", bytes.Repeat([]byte(" "), MaxInteractionBytes+1), http.Header{}, http.StatusRequestEntityTooLarge, "body too large"},
		{"signed, but no interaction", "", []byte("not json"), signed(now(0), []byte("not json")), http.StatusBadRequest, "not an interaction"},
		{"GET", http.MethodGet, nil, http.Header{}, http.StatusMethodNotAllowed, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var resp discordtest.HTTPResponse
			if tc.method == http.MethodGet {
				r, err := http.Get(url)
				if err != nil {
					t.Fatal(err)
				}
				defer r.Body.Close()
				resp.Status = r.StatusCode
			} else {
				resp, err = discordtest.Post(ctx(t), url, tc.body, tc.header)
				if err != nil {
					t.Fatal(err)
				}
			}
			if resp.Status != tc.want {
				t.Fatalf("status %d, want %d; body %q", resp.Status, tc.want, resp.Body)
			}
			if tc.reason != "" && !h.logged("interaction request refused", "reason=\""+tc.reason+"\"", "status="+strconv.Itoa(tc.want)) {
				t.Errorf("no log line of the refusal (%s)", tc.reason)
			}
			if tc.want != http.StatusOK {
				return
			}
			var c discordtest.Callback
			if err := json.Unmarshal(resp.Body, &c); err != nil {
				t.Fatalf("response %q: %v", resp.Body, err)
			}
			if bytes.Equal(tc.body, ping) {
				if c.Type != discordgo.InteractionResponsePong {
					t.Errorf("PING answered with type %d, want PONG (1)", c.Type)
				}
				return
			}
			if c.Type != discordgo.InteractionResponseChannelMessageWithSource || len(c.Data.Embeds) == 0 {
				t.Errorf("/about answered with %+v", c)
			}
			wantNoPings(t, c.Data)
		})
	}
	if strings.Contains(h.logs.String(), secret) {
		t.Errorf("a request body reached the log:\n%s", h.logs.String())
	}
}

// TestHealth: /healthz says ok while the engine is ready, 503 when it is
// not, and 503 once the bot is shutting down.
func TestHealth(t *testing.T) {
	t.Parallel()
	fake := discordtest.Start(t, discordtest.Options{Token: testToken})
	var state atomic.Pointer[error]
	h := startBotOn(t, fake, newTwin(fixtureDocs()), Config{Ready: func() error {
		if p := state.Load(); p != nil {
			return *p
		}
		return nil
	}}, true)
	get := func() (int, string) {
		t.Helper()
		r, err := http.Get("http://" + h.bot.httpAddr + HealthPath)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Fatal(err)
		}
		return r.StatusCode, string(body)
	}
	if code, body := get(); code != http.StatusOK {
		t.Errorf("ready: %d %q, want 200", code, body)
	}
	closed := errors.New("the index is closed")
	state.Store(&closed)
	if code, body := get(); code != http.StatusServiceUnavailable || !strings.Contains(body, "the index is closed") {
		t.Errorf("index closed: %d %q, want 503 saying why", code, body)
	}
	state.Store(nil)
	h.bot.inflight.close() // as shutdown does first
	if code, body := get(); code != http.StatusServiceUnavailable {
		t.Errorf("shutting down: %d %q, want 503", code, body)
	}
}

// TestReadyWithoutApplication: when the first gateway event carries no
// application id, the bot asks the REST API for it and registers its
// commands, instead of stopping.
func TestReadyWithoutApplication(t *testing.T) {
	t.Parallel()
	fake := discordtest.Start(t, discordtest.Options{Token: testToken, NoApplicationInReady: true})
	h := startBot(t, fake, newTwin(fixtureDocs()), Config{RatePerMinute: -1})
	if !sameCommands(fake.Commands(""), h.bot.defs) {
		t.Error("the commands were not registered")
	}
	if countRequests(fake, http.MethodGet, "applications/@me") != 1 {
		t.Error("the bot did not ask the REST API for its application once")
	}
	if !h.logged("no application id in the first gateway event") {
		t.Error("no log line saying READY lacked the application id")
	}
}

// TestNoGateway: with NoGateway the bot opens no gateway connection, takes
// its application id from the REST API to register the commands, and
// answers interactions over HTTP, editing deferred ones through the
// webhook API.
func TestNoGateway(t *testing.T) {
	t.Parallel()
	fake := discordtest.Start(t, discordtest.Options{Token: testToken})
	eng := newTwin(fixtureDocs())
	h := startBotOn(t, fake, eng, Config{NoGateway: true, RatePerMinute: -1}, true)
	if n := len(fake.Identifies()); n != 0 {
		t.Errorf("%d gateway connections identified, want none", n)
	}
	if countRequests(fake, http.MethodGet, "gateway") != 0 {
		t.Error("the bot asked for the gateway's address")
	}
	if !sameCommands(fake.Commands(""), h.bot.defs) {
		t.Error("the commands were not registered")
	}
	if !h.logged("no gateway connection", "mentions") {
		t.Error("no log line saying mentions need a gateway process")
	}
	m := h.reply(t, discordtest.SlashCommand(h.id(), "u-nogw", cmdAsk, discordtest.StringOption(optQuestion, "Where was the treaty signed?")),
		discordgo.InteractionResponseChannelMessageWithSource)
	if len(m.Embeds) == 0 {
		t.Errorf("no answer: %+v", m)
	}
	id := h.send(t, discordtest.SlashCommand(h.id(), "u-nogw", cmdAsk, discordtest.StringOption(optQuestion, "slow treaty")))
	c, err := fake.WaitCallback(ctx(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("a slow answer's response has type %d, want a deferral (5)", c.Type)
	}
	close(eng.slow)
	if m, err := fake.WaitEdit(ctx(t), id); err != nil || len(m.Embeds) == 0 {
		t.Errorf("the deferred answer was not edited in: %+v, %v", m, err)
	}
}

// TestQueuedAnswersAreAcknowledgedAtOnce: with every answer worker busy,
// an interaction is deferred at once (not after DeferAfter) and edited
// when a worker is free, over both transports.
func TestQueuedAnswersAreAcknowledgedAtOnce(t *testing.T) {
	t.Parallel()
	forTransports(t, func(t *testing.T, overHTTP bool) {
		fake := discordtest.Start(t, discordtest.Options{Token: testToken})
		eng := newTwin(fixtureDocs())
		// A DeferAfter longer than the test waits: a deferral seen is the
		// queue's, not the timer's.
		h := startBotOn(t, fake, eng, Config{AnswerWorkers: 1, DeferAfter: 2 * time.Second, AnswerTimeout: time.Minute, RatePerMinute: -1}, overHTTP)
		slow := h.send(t, discordtest.SlashCommand(h.id(), "u-q1", cmdAsk, discordtest.StringOption(optQuestion, "slow treaty")))
		if _, err := fake.WaitCallback(ctx(t), slow); err != nil { // deferred after DeferAfter, holding the worker
			t.Fatal(err)
		}
		queued := h.send(t, discordtest.SlashCommand(h.id(), "u-q2", cmdAsk, discordtest.StringOption(optQuestion, "Where was the treaty signed?")))
		c, err := fake.WaitCallback(ctx(t), queued)
		if err != nil {
			t.Fatal(err)
		}
		if c.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
			t.Fatalf("a queued answer's response has type %d, want a deferral (5)", c.Type)
		}
		if n := countRequests(fake, http.MethodPatch, "webhooks/"+fake.AppID()+"/itok-"+queued); n != 0 {
			t.Fatal("the queued answer was sent while the worker was busy")
		}
		close(eng.slow)
		for _, id := range []string{slow, queued} {
			if m, err := fake.WaitEdit(ctx(t), id); err != nil || len(m.Embeds) == 0 {
				t.Errorf("interaction %s: the answer was not edited in: %+v, %v", id, m, err)
			}
		}
	})
}

// TestHTTPShutdownDrains: a request in flight when the bot stops is still
// answered in its HTTP response (a deferral here), and its answer edited
// in, before Run returns.
func TestHTTPShutdownDrains(t *testing.T) {
	t.Parallel()
	fake := discordtest.Start(t, discordtest.Options{Token: testToken})
	eng := newTwin(fixtureDocs())
	h := startBotOn(t, fake, eng, Config{DeferAfter: 2 * time.Second}, true)
	id := h.send(t, discordtest.SlashCommand(h.id(), "u-drain", cmdAsk, discordtest.StringOption(optQuestion, "slow treaty")))
	wctx := ctx(t)
	poll := func(what string, done func() bool) {
		t.Helper()
		for !done() {
			select {
			case <-wctx.Done():
				t.Fatalf("waiting for %s: %v", what, wctx.Err())
			case <-time.After(time.Millisecond):
			}
		}
	}
	poll("the request to be handled", func() bool {
		h.bot.inflight.mu.Lock()
		defer h.bot.inflight.mu.Unlock()
		return h.bot.inflight.n == 1
	})
	stopped := make(chan struct{})
	go func() {
		h.stop()
		close(stopped)
	}()
	poll("the shutdown", func() bool { return h.bot.healthy() != nil })
	c, err := fake.WaitCallback(ctx(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("the request in flight got type %d, want a deferral (5)", c.Type)
	}
	select {
	case <-stopped:
		t.Fatal("Run returned before the answer in progress was sent")
	default:
	}
	close(eng.slow)
	if m, err := fake.WaitEdit(ctx(t), id); err != nil || len(m.Embeds) == 0 {
		t.Errorf("the answer was not edited in during the shutdown: %+v, %v", m, err)
	}
	<-stopped
	if _, err := http.Get("http://" + h.bot.httpAddr + HealthPath); err == nil {
		t.Error("the endpoint still listens after Run returned")
	}
}

// TestLanes: the rate-limit buckets of interactions' REST calls are
// bounded whatever the number of interactions, and one token keeps its
// bucket.
func TestLanes(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for n := range 10000 {
		tok := "itok-" + strconv.Itoa(n)
		k := lane("edit", tok)
		if k != lane("edit", tok) {
			t.Fatalf("token %s changes lane", tok)
		}
		seen[k] = true
	}
	if len(seen) > restLanes || len(seen) < restLanes/2 {
		t.Errorf("10,000 tokens in %d buckets, want at most %d and most of them used", len(seen), restLanes)
	}
	if lane("edit", "x") == lane("callback", "x") {
		t.Error("edits and callbacks share a bucket")
	}
}
