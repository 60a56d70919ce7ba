package bot

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
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
	for _, h1 := range []bool{true, false} {
		name := "baseline: a trivial discordgo bot over the gateway, REST over HTTP/2"
		if h1 {
			name = "baseline: a trivial discordgo bot over the gateway, REST over HTTP/1.1"
		}
		t.Run(name, func(t *testing.T) {
			fake := discordtest.Start(t, discordtest.Options{Token: testToken})
			runTrivialBot(t, fake, h1)
			res := runBurst(t, fake, 1000, func(n int) string { return fmt.Sprintf("ack-user-%04d", n) })
			t.Logf("GOMAXPROCS %d: %s", runtime.GOMAXPROCS(0), res)
		})
	}
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
	// ack is from the fake sending the interaction to the response
	// reaching it (Request.Arrived: the REST callback, or over HTTP the
	// response to its POST); shown, to what the user finally sees
	// reaching it (the response, or the edit of a deferral).
	ack, shown        []time.Duration
	answered, refused map[string]int       // by user
	sentAt            map[string]time.Time // when each was sent, by id
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
	// which would slow the fake down; the times come from Request.Arrived.
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

	// Encoded and signed first, as Discord does on its own machines: the
	// burst then sends 1,000 in a few milliseconds, and what is measured
	// is the delivery and the bot, not the fake's encoding and signing on
	// the cores the bot needs.
	prepared := make([]*discordtest.Prepared, n)
	for i := range n {
		in := discordtest.SlashCommand(ids[i], user(i), cmdAsk,
			discordtest.StringOption(optQuestion, burstQuestions[i/max(1, n/100)%len(burstQuestions)]))
		p, err := fake.Prepare(in)
		if err != nil {
			t.Fatal(err)
		}
		prepared[i] = p
	}
	sent := make([]time.Time, n)
	for i, p := range prepared {
		sent[i] = time.Now()
		if err := fake.SendPrepared(p); err != nil {
			t.Fatal(err)
		}
	}
	res := burstResult{n: n, sentIn: time.Since(sent[0]), answered: map[string]int{}, refused: map[string]int{}, sentAt: map[string]time.Time{}}
	for i, id := range ids {
		res.sentAt[id] = sent[i]
	}
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
				edits[id] = r.Arrived
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
		res.ack = append(res.ack, cs[0].Arrived.Sub(sent[i]))
		shown := cs[0].Arrived
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
	endpoint := startBurstBot(t, fake.URL(), fake.PublicKey(), eng, cfg, overHTTP)
	if err := fake.WaitReady(ctx(t)); err != nil {
		t.Fatal(err)
	}
	if overHTTP {
		fake.UseEndpoint(endpoint)
	}
}

// startBurstBot runs a bot as runBurstBot does, against the fake Discord
// at apiURL (whose application key is pub), and returns its interactions
// endpoint URL when overHTTP, once the bot is ready.
func startBurstBot(t *testing.T, apiURL string, pub ed25519.PublicKey, eng Engine, cfg Config, overHTTP bool) string {
	t.Helper()
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfg.Token, cfg.APIURL = testToken, apiURL
	// The bot's own REST transport, over HTTP/2 as to discord.com.
	cfg.HTTPClient = &http.Client{Timeout: DefaultHTTPTimeout, Transport: apiTransport(restTransport())}
	if overHTTP {
		cfg.InteractionsAddr, cfg.PublicKey = "127.0.0.1:0", pub
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
	if !overHTTP {
		return ""
	}
	return "http://" + b.httpAddr + InteractionsPath
}

// burstFakeEnv, set, makes TestBurstFakeProcess the fake Discord and burst
// driver of TestAckUnderBurstApart, in a process of its own.
const burstFakeEnv = "SUMMITBOT_BURST_FAKE"

// TestAckUnderBurstApart is TestAckUnderBurst with the fake Discord and
// the burst driver in another process (this test binary again, running
// TestBurstFakeProcess), as Discord is another machine: this process runs
// only the bot. Both processes share the machine's cores. Run it with
//
//	SUMMITBOT_BURST=1 go test ./bot -run TestAckUnderBurstApart -v -count=1
func TestAckUnderBurstApart(t *testing.T) {
	if os.Getenv("SUMMITBOT_BURST") == "" || os.Getenv(burstFakeEnv) != "" {
		t.Skip("a measurement; run with SUMMITBOT_BURST=1 go test ./bot -run TestAckUnderBurstApart -v -count=1")
	}
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	eng := realEngine(t, docs)
	for _, tc := range []struct {
		name     string
		trivial  bool
		h1       bool // the trivial bot's REST over HTTP/1.1, not HTTP/2
		overHTTP bool
		n, users int
	}{
		{"baseline: a trivial discordgo bot over the gateway, REST over HTTP/1.1", true, true, false, 1000, 1000},
		{"baseline: a trivial discordgo bot over the gateway, REST over HTTP/2", true, false, false, 1000, 1000},
		{"1000 users over the gateway", false, false, false, 1000, 1000},
		{"1000 users over HTTP", false, false, true, 1000, 1000},
		{"500 from 50 users over HTTP", false, false, true, 500, 50},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := startBurstFake(t)
			endpoint := ""
			if tc.trivial {
				runTrivialBotAt(t, fake.url, tc.h1)
			} else {
				endpoint = startBurstBot(t, fake.url, fake.pub, eng, Config{RatePerMinute: -1}, tc.overHTTP)
			}
			res := fake.burst(t, tc.n, tc.users, endpoint)
			t.Logf("GOMAXPROCS %d, fake apart: %s", runtime.GOMAXPROCS(0), res)
		})
	}
}

// burstFake is the fake Discord of TestAckUnderBurstApart, in its process.
type burstFake struct {
	url string
	pub ed25519.PublicKey
	in  io.WriteCloser
	out *bufio.Scanner
}

// burstFakeLine prefixes what TestBurstFakeProcess tells its parent.
const burstFakeLine = "burst-fake: "

// startBurstFake starts TestBurstFakeProcess and reads its address and
// key; it is waited for, and its failures reported, when the test ends
// (after the bot stops: cleanups run last-registered first).
func startBurstFake(t *testing.T) *burstFake {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestBurstFakeProcess$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), burstFakeEnv+"=1")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the fake's process: %v", err)
	}
	f := &burstFake{in: in, out: bufio.NewScanner(out)}
	var log []string
	t.Cleanup(func() {
		if err := in.Close(); err != nil {
			t.Errorf("fake's process: close its input: %v", err)
		}
		for f.out.Scan() {
			log = append(log, f.out.Text())
		}
		if err := cmd.Wait(); err != nil {
			t.Errorf("fake's process: %v:\n%s", err, strings.Join(log, "\n"))
		}
	})
	hello := f.line(t, &log)
	var key string
	if _, err := fmt.Sscanf(hello, "url %s key %s", &f.url, &key); err != nil {
		t.Fatalf("fake's process said %q: %v", hello, err)
	}
	if f.pub, err = hex.DecodeString(key); err != nil {
		t.Fatalf("fake's key %q: %v", key, err)
	}
	return f
}

// line returns the next line the fake's process says to its parent,
// keeping the others (its test log) in log.
func (f *burstFake) line(t *testing.T, log *[]string) string {
	t.Helper()
	for f.out.Scan() {
		if l, ok := strings.CutPrefix(f.out.Text(), burstFakeLine); ok {
			return l
		}
		*log = append(*log, f.out.Text())
	}
	t.Fatalf("the fake's process ended: %v:\n%s", f.out.Err(), strings.Join(*log, "\n"))
	return ""
}

// burst has the fake's process send the burst of n from users users (to
// endpoint, or over the gateway when ""), and returns its figures.
func (f *burstFake) burst(t *testing.T, n, users int, endpoint string) string {
	t.Helper()
	if endpoint == "" {
		endpoint = "-"
	}
	if _, err := fmt.Fprintf(f.in, "burst %d %d %s\n", n, users, endpoint); err != nil {
		t.Fatalf("tell the fake's process: %v", err)
	}
	var log []string
	res := f.line(t, &log)
	if r, ok := strings.CutPrefix(res, "failed "); ok {
		t.Fatalf("fake's process: %s\n%s", r, strings.Join(log, "\n"))
	}
	return strings.TrimPrefix(res, "result ")
}

// TestBurstFakeProcess is the fake Discord of TestAckUnderBurstApart: run
// by it (with burstFakeEnv set), it starts a fake, says its URL and key,
// and for each line "burst N USERS ENDPOINT" of its input, once a bot has
// identified, runs the burst and says the figures; it ends at the end of
// its input, with the fake's failures.
func TestBurstFakeProcess(t *testing.T) {
	if os.Getenv(burstFakeEnv) == "" {
		t.Skip("the fake's process of TestAckUnderBurstApart")
	}
	fake := discordtest.Start(t, discordtest.Options{Token: testToken})
	fmt.Printf("%surl %s key %s\n", burstFakeLine, fake.URL(), fake.PublicKeyHex())
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		var n, users int
		var endpoint string
		if _, err := fmt.Sscanf(in.Text(), "burst %d %d %s", &n, &users, &endpoint); err != nil {
			fmt.Printf("%sfailed bad command %q: %v\n", burstFakeLine, in.Text(), err)
			t.Fatalf("bad command %q: %v", in.Text(), err)
		}
		if err := fake.WaitReady(ctx(t)); err != nil {
			fmt.Printf("%sfailed no bot identified: %v\n", burstFakeLine, err)
			t.Fatal(err)
		}
		if endpoint != "-" {
			fake.UseEndpoint(endpoint)
		}
		res := runBurst(t, fake, n, func(i int) string { return fmt.Sprintf("ack-user-%04d", i%users) })
		if res.answeredAll != n || t.Failed() {
			fmt.Printf("%sfailed %d of %d answered, %s\n", burstFakeLine, res.answeredAll, n, res)
			t.FailNow()
		}
		fmt.Printf("%sresult %s\n", burstFakeLine, res)
	}
	if err := in.Err(); err != nil {
		t.Fatal(err)
	}
}

// runTrivialBot runs, against fake, the least a discordgo bot can do: it
// answers each interaction at once with a fixed message. It is the floor
// the bot's acknowledgement is compared with on the same machine. Its REST
// client is Go's default transport speaking HTTP/2, as it does to
// discord.com (apiTransport), or when h1 the same over HTTP/1.1, as
// against a plaintext server that does not speak HTTP/2 (net/http keeps 2
// idle connections a host: a burst dials a connection for nearly every
// reply).
func runTrivialBot(t *testing.T, fake *discordtest.Server, h1 bool) {
	t.Helper()
	runTrivialBotAt(t, fake.URL(), h1)
	if err := fake.WaitReady(ctx(t)); err != nil {
		t.Fatal(err)
	}
}

// runTrivialBotAt runs the trivial bot against the fake Discord at apiURL.
func runTrivialBotAt(t *testing.T, apiURL string, h1 bool) {
	t.Helper()
	client := &http.Client{Transport: apiTransport(http.DefaultTransport)}
	if h1 {
		client.Transport = http.DefaultTransport
	}
	s, err := newSession(Config{Token: testToken, APIURL: apiURL, HTTPClient: client}.withDefaults())
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
}

// apiTransport is base (an *http.Transport) made to speak HTTP/2 to the
// fake Discord, which serves it without TLS (h2c). Against discord.com Go's
// transport negotiates HTTP/2 over TLS, and a burst's REST calls share a
// connection or a few (a new one each max concurrent streams, 250 on the
// fake as on Go's servers); over HTTP/1.1 every call in flight needs a
// connection of its own, and a burst dials hundreds, which the real API
// would not cost.
func apiTransport(base http.RoundTripper) http.RoundTripper {
	bt, ok := base.(*http.Transport)
	if !ok {
		panic(fmt.Sprintf("apiTransport: %T is not an *http.Transport", base))
	}
	tr := bt.Clone()
	tr.Protocols = new(http.Protocols)
	tr.Protocols.SetHTTP2(true)
	tr.Protocols.SetUnencryptedHTTP2(true)
	return tr
}
