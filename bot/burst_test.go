package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/bot/discordtest"
	"github.com/summitbot/summitbot/corpus"
)

// Shape of the burst.
const (
	burstUsers    = 50
	burstPerUser  = 10
	burstRequests = burstUsers * burstPerUser
	// burstAllowed is each user's bucket. The bucket refills once in 100
	// minutes, so during the test each user gets exactly this many answers
	// and a friendly refusal for every request after them.
	burstAllowed = 5
	burstRefill  = 0.01 // requests a minute
)

// burstQuestions are the questions of the bursts, asked in turn.
var burstQuestions = []string{
	"Where was the summit held?",
	"What treaty did the leaders sign?",
	"Which railway did Xi want to advance?",
	"Who is Nargiza Muratalieva?",
	"What did Xi say about tariff wars?",
}

// TestBurst sends 500 /ask interactions from 50 users, over the gateway
// and over the HTTP endpoint, as fast as the fake sends them, to the real
// engine: every one must be acknowledged exactly once and answered (or
// refused), and the rate limit must refuse each user's requests beyond
// their bucket, and only theirs. It logs the latencies (see burstFigures);
// it asserts none, as the machine's load decides them.
func TestBurst(t *testing.T) {
	t.Parallel()
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	eng := realEngine(t, docs)
	forTransports(t, func(t *testing.T, overHTTP bool) {
		fake := discordtest.Start(t, discordtest.Options{Token: testToken})
		runBurstBot(t, fake, eng, Config{RatePerMinute: burstRefill, RateBurst: burstAllowed}, overHTTP)
		user := func(n int) string { return fmt.Sprintf("burst-user-%02d", n%burstUsers) }
		res := runBurst(t, fake, burstRequests, user)
		for u := range burstUsers {
			id := user(u)
			if res.answered[id] != burstAllowed || res.refused[id] != burstPerUser-burstAllowed {
				t.Errorf("%s: %d answered and %d refused, want %d and %d", id, res.answered[id], res.refused[id], burstAllowed, burstPerUser-burstAllowed)
			}
		}
		t.Log(res)
	})
}

// TestAckUnderBurst measures the acknowledgement of a burst, for
// BENCHMARKS.md ("Acknowledgement under a burst"): 1,000 /ask from 1,000
// users (rate limit off), over the gateway and over HTTP, then 500 signed
// /ask from 50 users over HTTP (rate limit off, so all 500 are answered).
// It asserts only that every interaction is acknowledged once and
// answered; the figures are logged. Run it with
//
//	SUMMITBOT_BURST=1 go test ./bot -run TestAckUnderBurst -v -count=1
func TestAckUnderBurst(t *testing.T) {
	if os.Getenv("SUMMITBOT_BURST") == "" {
		t.Skip("a measurement; run with SUMMITBOT_BURST=1 go test ./bot -run TestAckUnderBurst -v -count=1")
	}
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	eng := realEngine(t, docs)
	t.Run("baseline: a trivial discordgo bot over the gateway", func(t *testing.T) {
		fake := discordtest.Start(t, discordtest.Options{Token: testToken})
		runTrivialBot(t, fake)
		res := runBurst(t, fake, 1000, func(n int) string { return fmt.Sprintf("ack-user-%04d", n) })
		t.Logf("GOMAXPROCS %d: %s", runtime.GOMAXPROCS(0), res)
	})
	for _, tc := range []struct {
		name     string
		overHTTP bool
		n, users int
	}{
		{"1000 users over the gateway", false, 1000, 1000},
		{"1000 users over HTTP", true, 1000, 1000},
		{"500 from 50 users over HTTP", true, 500, 50},
	} {
		t.Run(tc.name, func(t *testing.T) { // one at a time: each has the machine
			fake := discordtest.Start(t, discordtest.Options{Token: testToken})
			runBurstBot(t, fake, eng, Config{RatePerMinute: -1}, tc.overHTTP)
			res := runBurst(t, fake, tc.n, func(n int) string { return fmt.Sprintf("ack-user-%04d", n%tc.users) })
			if res.answeredAll != tc.n {
				t.Errorf("%d of %d answered", res.answeredAll, tc.n)
			}
			t.Logf("GOMAXPROCS %d: %s", runtime.GOMAXPROCS(0), res)
		})
	}
}

// burstResult is what a burst measured.
type burstResult struct {
	n, deferred, answeredAll int
	sentIn                   time.Duration
	// ack is from SendInteraction to the fake recording the response (for
	// HTTP, the response to its POST); shown, to the fake recording what
	// the user finally sees (the response, or the edit of a deferral).
	ack, shown        []time.Duration
	answered, refused map[string]int // by user
}

func (r burstResult) String() string {
	return fmt.Sprintf("%d interactions sent in %v, %d deferred; acknowledged p50 %v, p99 %v, max %v; answer shown p50 %v, p99 %v, max %v",
		r.n, r.sentIn.Round(time.Millisecond), r.deferred,
		pct(r.ack, 50), pct(r.ack, 99), pct(r.ack, 100), pct(r.shown, 50), pct(r.shown, 99), pct(r.shown, 100))
}

// pct is the p-th percentile of d by nearest rank (d sorted).
func pct(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	return d[min(len(d)-1, max(0, (len(d)*p+99)/100-1))].Round(100 * time.Microsecond)
}

// runBurst sends n /ask interactions (user(i) asks the i-th) as fast as
// the fake sends them, waits until each is answered or refused, checks
// that each got exactly one response, and returns the latencies.
func runBurst(t *testing.T, fake *discordtest.Server, n int, user func(int) string) burstResult {
	t.Helper()
	ids := make([]string, n)
	for i := range n {
		ids[i] = fmt.Sprintf("burst-%04d", i)
	}
	// One waiter until every interaction shows its final message. It
	// polls, rather than waking at each request under the fake's lock,
	// which would slow the fake down; the times come from Request.At.
	final := map[string]bool{}
	watched := make(chan error, 1)
	go func() {
		wctx := ctx(t)
		seen := 0
		for {
			rs := fake.RequestsSince(seen)
			for _, r := range rs {
				if id, ok := callbackID(r); ok {
					var c discordtest.Callback
					if json.Unmarshal(r.Body, &c) == nil && c.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
						final[id] = true
					}
				}
				if id, ok := editID(r); ok {
					final[id] = true
				}
			}
			seen += len(rs)
			if len(final) == n {
				watched <- nil
				return
			}
			select {
			case <-wctx.Done():
				watched <- wctx.Err()
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()

	sent := make([]time.Time, n)
	for i := range n {
		in := discordtest.SlashCommand(ids[i], user(i), cmdAsk,
			discordtest.StringOption(optQuestion, burstQuestions[i/max(1, n/100)%len(burstQuestions)]))
		sent[i] = time.Now()
		if err := fake.SendInteraction(in); err != nil {
			t.Fatal(err)
		}
	}
	res := burstResult{n: n, sentIn: time.Since(sent[0]), answered: map[string]int{}, refused: map[string]int{}}
	if err := <-watched; err != nil {
		t.Fatalf("%d of %d interactions answered: %v", len(final), n, err)
	}

	callbacks := map[string][]discordtest.Request{}
	edits := map[string]time.Time{}
	for _, r := range fake.Requests() {
		if id, ok := callbackID(r); ok {
			callbacks[id] = append(callbacks[id], r)
		}
		if id, ok := editID(r); ok {
			if _, seen := edits[id]; !seen {
				edits[id] = r.At
			}
		}
	}
	for i, id := range ids {
		cs := callbacks[id]
		if len(cs) != 1 {
			t.Errorf("interaction %s: %d responses, want 1", id, len(cs))
			continue
		}
		var c discordtest.Callback
		if err := json.Unmarshal(cs[0].Body, &c); err != nil {
			t.Fatalf("response to %s: %v", id, err)
		}
		res.ack = append(res.ack, cs[0].At.Sub(sent[i]))
		shown := cs[0].At
		switch {
		case c.Type == discordgo.InteractionResponseChannelMessageWithSource && c.Data.Ephemeral() && strings.Contains(c.Data.Content, "please try again in"):
			res.refused[user(i)]++
		case c.Type == discordgo.InteractionResponseChannelMessageWithSource && len(c.Data.Embeds) > 0:
			res.answered[user(i)]++
			res.answeredAll++
		case c.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource:
			res.deferred++
			res.answered[user(i)]++
			res.answeredAll++
			shown = edits[id]
		default:
			t.Errorf("interaction %s: unexpected response %d %+v", id, c.Type, c.Data)
		}
		res.shown = append(res.shown, shown.Sub(sent[i]))
	}
	slices.Sort(res.ack)
	slices.Sort(res.shown)
	return res
}

// callbackID returns the interaction id of a response request.
func callbackID(r discordtest.Request) (string, bool) {
	if r.Method != http.MethodPost || !strings.HasPrefix(r.Path, "interactions/") || !strings.HasSuffix(r.Path, "/callback") {
		return "", false
	}
	id, _, ok := strings.Cut(strings.TrimPrefix(r.Path, "interactions/"), "/")
	return id, ok
}

// editID returns the interaction id of an edit of the original response
// (the fake's tokens are "itok-" and the id).
func editID(r discordtest.Request) (string, bool) {
	if r.Method != http.MethodPatch || !strings.HasPrefix(r.Path, "webhooks/") || !strings.HasSuffix(r.Path, "/messages/@original") {
		return "", false
	}
	seg := strings.Split(r.Path, "/")
	if len(seg) != 5 || !strings.HasPrefix(seg[2], "itok-") {
		return "", false
	}
	return strings.TrimPrefix(seg[2], "itok-"), true
}

// runBurstBot runs a bot answering from eng against fake until the test
// ends, logging warnings only (a burst logs a line per interaction), with
// the default answer workers; interactions come over HTTP when overHTTP.
func runBurstBot(t *testing.T, fake *discordtest.Server, eng Engine, cfg Config, overHTTP bool) {
	t.Helper()
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfg.Token, cfg.APIURL = testToken, fake.URL()
	if overHTTP {
		cfg.InteractionsAddr, cfg.PublicKey = "127.0.0.1:0", fake.PublicKey()
	}
	b, err := New(cfg, eng, log)
	if err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(runCtx) }()
	var once sync.Once
	t.Cleanup(func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	})
	select {
	case <-b.ready:
	case err := <-done:
		once.Do(func() {})
		t.Fatalf("Run returned before the bot was ready: %v", err)
	case <-ctx(t).Done():
		t.Fatal("the bot did not get ready")
	}
	if err := fake.WaitReady(ctx(t)); err != nil {
		t.Fatal(err)
	}
	if overHTTP {
		fake.UseEndpoint("http://" + b.httpAddr + InteractionsPath)
	}
}

// runTrivialBot runs, against fake, the least a discordgo bot can do: it
// answers each interaction at once with a fixed message. It is the floor
// the bot's acknowledgement is compared with on the same machine.
func runTrivialBot(t *testing.T, fake *discordtest.Server) {
	t.Helper()
	// discordgo's own default client, as a trivial bot has.
	s, err := newSession(Config{Token: testToken, APIURL: fake.URL(), HTTPClient: &http.Client{Transport: http.DefaultTransport}}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	none := &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
	s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{Title: "ok"}}, AllowedMentions: none},
		})
		if err != nil {
			t.Errorf("trivial bot: %v", err)
		}
	})
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("trivial bot: close: %v", err)
		}
	})
	if err := fake.WaitReady(ctx(t)); err != nil {
		t.Fatal(err)
	}
}
