package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
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

// TestBurst sends 500 /ask interactions from 50 users through the fake
// gateway as fast as it sends them, to the real engine: every one must be
// acknowledged exactly once, and the rate limit must refuse each user's
// requests beyond their bucket, and only theirs. It logs the
// acknowledgement latency (from SendInteraction to the fake seeing the
// response); it asserts none, as the machine's load decides it.
func TestBurst(t *testing.T) {
	t.Parallel()
	questions := []string{
		"Where was the summit held?",
		"What treaty did the leaders sign?",
		"Which railway did Xi want to advance?",
		"Who is Nargiza Muratalieva?",
		"What did Xi say about tariff wars?",
	}
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	eng := realEngine(t, docs)
	fake := discordtest.Start(t, discordtest.Options{Token: testToken})
	runBurstBot(t, fake, eng, Config{RatePerMinute: burstRefill, RateBurst: burstAllowed})

	// One waiter notes when each response reaches the fake.
	arrived := map[string]time.Time{}
	watched := make(chan error, 1)
	go func() {
		lastSeq := 0
		_, err := fake.WaitFor(ctx(t), func(r discordtest.Request) bool {
			if r.Seq <= lastSeq {
				return false
			}
			lastSeq = r.Seq
			if id, ok := callbackID(r); ok {
				if _, seen := arrived[id]; !seen {
					arrived[id] = time.Now()
				}
			}
			return len(arrived) == burstRequests
		})
		watched <- err
	}()

	sent := make([]time.Time, burstRequests)
	user := func(n int) string { return fmt.Sprintf("burst-user-%02d", n%burstUsers) }
	for n := range burstRequests {
		i := discordtest.SlashCommand(fmt.Sprintf("burst-%03d", n), user(n), cmdAsk,
			discordtest.StringOption(optQuestion, questions[n/burstUsers%len(questions)]))
		sent[n] = time.Now()
		if err := fake.SendInteraction(i); err != nil {
			t.Fatal(err)
		}
	}
	sentAll := time.Since(sent[0])
	if err := <-watched; err != nil {
		t.Fatalf("%d of %d interactions acknowledged: %v", len(arrived), burstRequests, err)
	}

	// Every interaction: one response, an answer or a refusal.
	callbacks := map[string][]discordtest.Callback{}
	for _, r := range fake.Requests() {
		if id, ok := callbackID(r); ok {
			var c discordtest.Callback
			if err := json.Unmarshal(r.Body, &c); err != nil {
				t.Fatalf("response to %s: %v", id, err)
			}
			callbacks[id] = append(callbacks[id], c)
		}
	}
	answered, refused := map[string]int{}, map[string]int{}
	lat := make([]time.Duration, 0, burstRequests)
	deferred := 0
	for n := range burstRequests {
		id := fmt.Sprintf("burst-%03d", n)
		cs := callbacks[id]
		if len(cs) != 1 {
			t.Errorf("interaction %s: %d responses, want 1", id, len(cs))
			continue
		}
		lat = append(lat, arrived[id].Sub(sent[n]))
		c := cs[0]
		switch {
		case c.Type == discordgo.InteractionResponseChannelMessageWithSource && c.Data.Ephemeral() && strings.Contains(c.Data.Content, "please try again in"):
			refused[user(n)]++
		case c.Type == discordgo.InteractionResponseChannelMessageWithSource && len(c.Data.Embeds) > 0:
			answered[user(n)]++
		case c.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource:
			deferred++
			answered[user(n)]++
			if _, err := fake.WaitEdit(ctx(t), id); err != nil {
				t.Errorf("deferred interaction %s never got its answer: %v", id, err)
			}
		default:
			t.Errorf("interaction %s: unexpected response %d %+v", id, c.Type, c.Data)
		}
	}
	for u := range burstUsers {
		id := user(u)
		if answered[id] != burstAllowed || refused[id] != burstPerUser-burstAllowed {
			t.Errorf("%s: %d answered and %d refused, want %d and %d", id, answered[id], refused[id], burstAllowed, burstPerUser-burstAllowed)
		}
	}

	slices.Sort(lat)
	pct := func(p int) time.Duration { return lat[min(len(lat)-1, max(0, (len(lat)*p+50)/100-1))] }
	t.Logf("%d interactions from %d users sent in %v; acknowledged %d (%d deferred); ack latency p50 %v, p99 %v, max %v",
		burstRequests, burstUsers, sentAll.Round(time.Millisecond), len(arrived), deferred,
		pct(50).Round(time.Microsecond), pct(99).Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond))
}

// callbackID returns the interaction id of a response request.
func callbackID(r discordtest.Request) (string, bool) {
	if r.Method != http.MethodPost || !strings.HasPrefix(r.Path, "interactions/") || !strings.HasSuffix(r.Path, "/callback") {
		return "", false
	}
	id, _, ok := strings.Cut(strings.TrimPrefix(r.Path, "interactions/"), "/")
	return id, ok
}

// runBurstBot runs a bot answering from eng against fake until the test
// ends, logging warnings only (a burst logs a line per interaction).
func runBurstBot(t *testing.T, fake *discordtest.Server, eng Engine, cfg Config) {
	t.Helper()
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfg.Token, cfg.APIURL = testToken, fake.URL()
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
}
