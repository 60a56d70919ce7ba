package gaps

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)} }

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// openLog opens a log in a new folder with the test clock.
func openLog(t *testing.T, c *clock, cfg Config) *Log {
	t.Helper()
	if cfg.Dir == "" {
		cfg.Dir = t.TempDir()
	}
	cfg.Now = c.now
	l, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := l.Close(); err != nil {
			t.Error(err)
		}
	})
	return l
}

// fileText is everything the gaps folder holds, every file.
func fileText(t *testing.T, dataDir string) string {
	t.Helper()
	var b strings.Builder
	entries, err := os.ReadDir(filepath.Join(dataDir, DirName))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dataDir, DirName, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}

func record(t *testing.T, l *Log, a Ask) {
	t.Helper()
	if err := l.Record(t.Context(), a); err != nil {
		t.Fatal(err)
	}
}

func list(t *testing.T, l *Log, f Filter) Report {
	t.Helper()
	r, err := l.List(t.Context(), f)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestGroup(t *testing.T) {
	t0 := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	q := func(h int, ev Event, key, text, guild, user string, passages ...string) Record {
		return Record{Time: at(h), Event: ev, Key: key, Question: text, Guild: guild, User: user, Passages: passages}
	}
	tests := []struct {
		name      string
		recs      []Record
		guild     string
		since     time.Time
		want      []string // "question asked/refused/down/people", most asked first
		answered  int
		dismissed int
	}{
		{
			name: "same key, one gap shown by its most common wording",
			recs: []Record{
				q(1, Refused, "k1", "whens the next summit", "g", "a"),
				q(2, Refused, "k1", "when is the next summit?", "g", "b"),
				q(3, Refused, "k1", "when is the next summit?", "g", "c"),
				q(4, Refused, "k2", "who won the world cup", "g", "a"),
			},
			want: []string{"when is the next summit? 3/3/0/3", "who won the world cup 1/1/0/1"},
		},
		{
			name: "a 👎 counts once a person",
			recs: []Record{
				q(1, Down, "k1", "what did xi say", "g", "a", "doc#1"),
				q(2, Down, "k1", "what did xi say", "g", "a", "doc#1"),
				q(3, Down, "k1", "what did xi say", "g", "b", "doc#2"),
			},
			want: []string{"what did xi say 2/0/2/2"},
		},
		{
			name: "dismissed gaps are hidden, asked before or after",
			recs: []Record{
				q(1, Refused, "k1", "who won the world cup", "g", "a"),
				{Time: at(2), Event: Dismissed, Key: "k1"},
				q(3, Refused, "k1", "who won the world cup", "g", "b"),
				q(4, Refused, "k2", "how tall is the tower", "g", "b"),
			},
			want: []string{"how tall is the tower 1/1/0/1"}, dismissed: 1,
		},
		{
			name: "an answered gap closes, and opens again when refused later",
			recs: []Record{
				q(1, Refused, "k1", "how tall is the tower", "g", "a"),
				q(2, Refused, "k1", "how tall is the tower", "g", "b"),
				{Time: at(3), Event: Answered, Key: "k1", Doc: "tower-note"},
				q(4, Refused, "k2", "how old is the tower", "g", "a"),
				{Time: at(5), Event: Answered, Key: "k2", Doc: "tower-note"},
				q(6, Refused, "k2", "how old is the tower?", "g", "c"),
			},
			want: []string{"how old is the tower? 1/1/0/1"}, answered: 1,
		},
		{
			name:  "a server sees its own questions and DMs",
			guild: "g",
			recs: []Record{
				q(1, Refused, "k1", "asked here", "g", "a"),
				q(2, Refused, "k2", "asked elsewhere", "other", "a"),
				q(3, Refused, "k3", "asked in a DM", "", "a"),
			},
			want: []string{"asked in a DM 1/1/0/1", "asked here 1/1/0/1"},
		},
		{
			name:  "the window",
			since: at(2),
			recs: []Record{
				q(1, Refused, "k1", "old question", "g", "a"),
				q(2, Refused, "k2", "new question", "g", "a"),
			},
			want: []string{"new question 1/1/0/1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := group(tt.recs, tt.guild, tt.since)
			var got []string
			for _, g := range rep.Open {
				got = append(got, fmt.Sprintf("%s %d/%d/%d/%d", g.Question, g.Asked, g.Refused, g.Down, g.People))
				if g.ID != GapID(g.Key) || !ValidID(g.ID) {
					t.Errorf("gap id %q", g.ID)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("open gaps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if rep.Answered != tt.answered || rep.Dismissed != tt.dismissed {
				t.Errorf("answered %d, dismissed %d; want %d, %d", rep.Answered, rep.Dismissed, tt.answered, tt.dismissed)
			}
		})
	}
	rep := group([]Record{
		q(1, Down, "k", "q", "g", "a", "doc#2", "doc#1"),
		q(2, Down, "k", "q", "g", "b", "doc#1"),
	}, "", time.Time{})
	if g := rep.Open[0]; strings.Join(g.Passages, " ") != "doc#1 doc#2" || !g.First.Equal(at(1)) || !g.Last.Equal(at(2)) {
		t.Errorf("passages %v, first %v, last %v", g.Passages, g.First, g.Last)
	}
}

// TestPrivacy checks what a record keeps: never the user's id or name,
// never a channel id, "DM" for a direct message, and the salt made at the
// first record only.
func TestPrivacy(t *testing.T) {
	c := newClock()
	dir := t.TempDir()
	l := openLog(t, c, Config{Dir: dir})
	if _, err := os.Stat(filepath.Join(dir, DirName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Open wrote the gaps folder: %v", err)
	}
	if rep := list(t, l, Filter{}); len(rep.Open) != 0 {
		t.Fatalf("an empty log lists %+v", rep.Open)
	}
	const (
		user  = "123456789012345678"
		other = "876543210987654321"
	)
	record(t, l, Ask{Event: Refused, Question: "<@" + user + "> how tall is the Baiterek tower?", Guild: "300", User: user})
	record(t, l, Ask{Event: Refused, Question: "how tall is the Baiterek tower", User: other})
	record(t, l, Ask{Event: Down, Question: "what did Xi say?", Guild: "300", User: user, Passages: []string{"afp#3", "not a passage"}})
	text := fileText(t, dir)
	for _, secret := range []string{user, other, "user" + user, "<@"} {
		if strings.Contains(text, secret) {
			t.Errorf("the gaps folder holds %q:\n%s", secret, text)
		}
	}
	recs, err := l.store.Records(t.Context(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records", len(recs))
	}
	if r := recs[0]; r.Channel != ChannelServer || r.Guild != "300" || r.Question != "how tall is the Baiterek tower?" || len(r.User) != 16 {
		t.Errorf("server record %+v", r)
	}
	if r := recs[1]; r.Channel != ChannelDM || r.Guild != "" || r.User == recs[0].User {
		t.Errorf("DM record %+v (first user %s)", r, recs[0].User)
	}
	if r := recs[2]; r.User != recs[0].User || strings.Join(r.Passages, ",") != "afp#3" {
		t.Errorf("👎 record %+v: the same user hashes alike; only passage ids are kept", r)
	}
	for _, name := range []string{saltName, currentName} {
		st, err := os.Stat(filepath.Join(dir, DirName, name))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s has mode %v: others can read it", name, st.Mode().Perm())
		}
	}
	// Another folder has another salt: the hashes do not match across.
	l2 := openLog(t, c, Config{})
	h2, err := l2.hash(user)
	if err != nil {
		t.Fatal(err)
	}
	if h2 == recs[0].User {
		t.Error("two folders hash a user alike: the salt is not random")
	}
	// Nothing to fill: small talk and empty questions go unrecorded.
	record(t, l, Ask{Event: Refused, Question: "   ", User: user})
	if recs, _ := l.store.Records(t.Context(), time.Time{}); len(recs) != 3 {
		t.Errorf("an empty question was recorded: %d records", len(recs))
	}
}

// TestRetention checks that records older than the retention are dropped
// from the file, not only from the list.
func TestRetention(t *testing.T) {
	c := newClock()
	dir := t.TempDir()
	l := openLog(t, c, Config{Dir: dir, Retention: 30 * 24 * time.Hour})
	record(t, l, Ask{Event: Refused, Question: "an old question about wheat", Guild: "g", User: "u1"})
	c.advance(20 * 24 * time.Hour)
	record(t, l, Ask{Event: Refused, Question: "a newer question about cotton", Guild: "g", User: "u1"})
	if rep := list(t, l, Filter{}); len(rep.Open) != 2 {
		t.Fatalf("%d gaps within the retention, want 2", len(rep.Open))
	}
	c.advance(15 * 24 * time.Hour) // the first is 35 days old
	if rep := list(t, l, Filter{}); len(rep.Open) != 1 || rep.Open[0].Question != "a newer question about cotton" {
		t.Errorf("listed past the retention: %+v", rep.Open)
	}
	record(t, l, Ask{Event: Refused, Question: "today's question about oil", Guild: "g", User: "u2"})
	text := fileText(t, dir)
	if strings.Contains(text, "wheat") {
		t.Errorf("an expired record is still in the file:\n%s", text)
	}
	if !strings.Contains(text, "cotton") || !strings.Contains(text, "oil") {
		t.Errorf("records within the retention are gone:\n%s", text)
	}
	// The daily check is not needed for Prune itself.
	c.advance(31 * 24 * time.Hour)
	if err := l.Prune(t.Context()); err != nil {
		t.Fatal(err)
	}
	if text := fileText(t, dir); strings.Contains(text, "cotton") || strings.Contains(text, "oil") {
		t.Errorf("Prune left expired records:\n%s", text)
	}
}

// TestBound records 100,000 questions and checks that the files never
// hold more than their bound together, that the latest questions are
// kept, and that a dismissal outlives the rotations.
func TestBound(t *testing.T) {
	c := newClock()
	dir := t.TempDir()
	const bound = DefaultMaxBytes
	l := openLog(t, c, Config{Dir: dir})
	record(t, l, Ask{Event: Refused, Question: "who won the world cup", Guild: "g", User: "u0"})
	rep := list(t, l, Filter{})
	if _, err := l.Dismiss(t.Context(), rep.Open[0].ID, Filter{}, corpus.Actor{ID: "mod", Via: "test"}); err != nil {
		t.Fatal(err)
	}
	size := func() int64 {
		var n int64
		for _, name := range []string{currentName, previousName} {
			st, err := os.Stat(filepath.Join(dir, DirName, name))
			if err == nil {
				n += st.Size()
			} else if !errors.Is(err, os.ErrNotExist) {
				t.Fatal(err)
			}
		}
		return n
	}
	const n = 100_000
	largest := int64(0)
	for i := range n {
		q := fmt.Sprintf("question number %d about the summit of %s", i, strings.Repeat("x", i%200))
		record(t, l, Ask{Event: Refused, Question: q, Guild: "g", User: fmt.Sprint("u", i%500)})
		if i%25 == 0 {
			record(t, l, Ask{Event: Refused, Question: "who won the world cup", Guild: "g", User: "u1"})
		}
		if i%1000 == 0 {
			largest = max(largest, size())
		}
		c.advance(time.Second)
	}
	largest = max(largest, size())
	if largest > bound {
		t.Errorf("the files held %d bytes, bound %d", largest, bound)
	}
	if largest < bound/3 {
		t.Errorf("the files held at most %d bytes of a bound of %d: not filled, so not tested", largest, bound)
	}
	rep = list(t, l, Filter{})
	last := fmt.Sprintf("question number %d about", n-1)
	found := false
	for _, g := range rep.Open {
		found = found || strings.HasPrefix(g.Question, last)
		if g.Question == "who won the world cup" {
			t.Error("the dismissed gap came back after the rotations")
		}
	}
	if !found {
		t.Error("the latest question is not listed")
	}
	if rep.Dismissed != 1 {
		t.Errorf("%d dismissed gaps, want 1", rep.Dismissed)
	}
}

type auditLog struct {
	mu      sync.Mutex
	entries []corpus.AuditEntry
	fail    error
}

func (a *auditLog) Append(e ...corpus.AuditEntry) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.fail != nil {
		return a.fail
	}
	a.entries = append(a.entries, e...)
	return nil
}

func TestDismiss(t *testing.T) {
	c := newClock()
	audit := &auditLog{}
	l := openLog(t, c, Config{Audit: audit})
	record(t, l, Ask{Event: Refused, Question: "who won the world cup", Guild: "g", User: "u1"})
	record(t, l, Ask{Event: Refused, Question: "how tall is the tower", Guild: "g", User: "u1"})
	rep := list(t, l, Filter{Guild: "g"})
	var cup Gap
	for _, g := range rep.Open {
		if g.Question == "who won the world cup" {
			cup = g
		}
	}
	if _, err := l.Dismiss(t.Context(), cup.ID, Filter{Guild: "other"}, corpus.Actor{ID: "m1"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("dismissed from another server's list: %v", err)
	}
	audit.fail = errors.New("disk full")
	if _, err := l.Dismiss(t.Context(), cup.ID, Filter{Guild: "g"}, corpus.Actor{ID: "m1"}); err == nil {
		t.Error("dismissed without its audit line")
	}
	if rep := list(t, l, Filter{}); len(rep.Open) != 2 {
		t.Errorf("a failed dismissal hid the gap: %+v", rep.Open)
	}
	audit.fail = nil
	g, err := l.Dismiss(t.Context(), cup.ID, Filter{Guild: "g"}, corpus.Actor{ID: "m1", Name: "mod", Via: "discord"})
	if err != nil || g.ID != cup.ID {
		t.Fatalf("Dismiss: %+v, %v", g, err)
	}
	if len(audit.entries) != 1 || audit.entries[0].Action != ActionDismiss || audit.entries[0].Gap != cup.ID || audit.entries[0].UserID != "m1" {
		t.Errorf("audit %+v", audit.entries)
	}
	rep = list(t, l, Filter{})
	if len(rep.Open) != 1 || rep.Open[0].Question != "how tall is the tower" || rep.Dismissed != 1 {
		t.Errorf("after Dismiss: %+v", rep)
	}
	if _, err := l.Dismiss(t.Context(), cup.ID, Filter{}, corpus.Actor{ID: "m1"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("dismissed twice: %v", err)
	}
}

// askFunc is an Asker.
type askFunc func(q string) answer.Answer

func (f askFunc) Ask(_ context.Context, q string, _ int) (answer.Answer, error) { return f(q), nil }

func TestRecheck(t *testing.T) {
	c := newClock()
	l := openLog(t, c, Config{})
	for _, q := range []string{"how tall is the tower", "how old is the tower", "who won the world cup"} {
		record(t, l, Ask{Event: Refused, Question: q, Guild: "g", User: "u1"})
	}
	eng := askFunc(func(q string) answer.Answer {
		switch q {
		case "how tall is the tower":
			return answer.Answer{Answered: true, Passages: []answer.Hit{{DocID: "other"}, {DocID: "tower-note"}}}
		case "how old is the tower":
			return answer.Answer{Answered: true, Passages: []answer.Hit{{DocID: "other"}}} // not from the new document
		}
		return answer.Answer{}
	})
	closed, err := l.Recheck(t.Context(), eng, "tower-note")
	if err != nil {
		t.Fatal(err)
	}
	if len(closed) != 1 || closed[0].Question != "how tall is the tower" {
		t.Fatalf("closed %+v", closed)
	}
	rep := list(t, l, Filter{})
	if len(rep.Open) != 2 || rep.Answered != 1 {
		t.Errorf("after Recheck: %+v", rep)
	}
	if closed, err := l.Recheck(t.Context(), eng, "tower-note"); err != nil || len(closed) != 0 {
		t.Errorf("a second Recheck closed %+v, %v", closed, err)
	}
	c.advance(time.Minute)
	record(t, l, Ask{Event: Refused, Question: "how tall is the tower", Guild: "g", User: "u2"})
	if rep := list(t, l, Filter{}); len(rep.Open) != 3 || rep.Answered != 0 {
		t.Errorf("refused again after it was answered: %+v", rep)
	}
}

// TestDamagedLines checks that a line a crash cut short is skipped, and
// that the next record still starts a line of its own.
func TestDamagedLines(t *testing.T) {
	c := newClock()
	dir := t.TempDir()
	l := openLog(t, c, Config{Dir: dir})
	record(t, l, Ask{Event: Refused, Question: "first question", User: "u"})
	path := filepath.Join(dir, DirName, currentName)
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(`{"t":"2025-07-01T12:00:00Z","ev":"refused","key":"x","q":"cut sh`); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	record(t, l, Ask{Event: Refused, Question: "second question", User: "u"})
	rep := list(t, l, Filter{})
	var got []string
	for _, g := range rep.Open {
		got = append(got, g.Question)
	}
	if len(got) != 2 || !strings.Contains(strings.Join(got, ","), "first question") || !strings.Contains(strings.Join(got, ","), "second question") {
		t.Errorf("gaps %q, want the first and second questions", got)
	}
}

// TestSharedSalt checks that two logs on one folder, as two processes,
// make one salt between them.
func TestSharedSalt(t *testing.T) {
	c := newClock()
	dir := t.TempDir()
	a, b := openLog(t, c, Config{Dir: dir}), openLog(t, c, Config{Dir: dir})
	var wg sync.WaitGroup
	hashes := make([]string, 2)
	errs := make([]error, 2)
	for i, l := range []*Log{a, b} {
		wg.Go(func() { hashes[i], errs[i] = l.hash("42") })
	}
	wg.Wait()
	if errors.Join(errs...) != nil || hashes[0] != hashes[1] || hashes[0] == "" {
		t.Errorf("hashes %q, errors %v", hashes, errs)
	}
	if err := os.WriteFile(filepath.Join(dir, DirName, saltName), []byte("not hex"), 0o600); err != nil {
		t.Fatal(err)
	}
	l := openLog(t, c, Config{Dir: dir})
	if err := l.Record(t.Context(), Ask{Event: Refused, Question: "q", User: "42"}); err == nil || !strings.Contains(err.Error(), "salt") || !strings.Contains(err.Error(), "delete it") {
		t.Errorf("a damaged salt: %v", err)
	}
}

// TestReaderKey groups through the real engine's reading: a chat form and
// a typo ask the same as the plain question.
func TestReaderKey(t *testing.T) {
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.OpenMem(t.Context(), docs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	eng, err := answer.Default(ix)
	if err != nil {
		t.Fatal(err)
	}
	l := openLog(t, newClock(), Config{Reader: eng})
	for i, q := range []string{"whens the next summit", "when is the next summit?", "When is the next sumit", "how tall is the Baiterek tower?", "thanks!"} {
		record(t, l, Ask{Event: Refused, Question: q, Guild: "g", User: fmt.Sprint(i)})
	}
	rep := list(t, l, Filter{})
	if len(rep.Open) != 2 || rep.Open[0].Asked != 3 || rep.Open[0].People != 3 || rep.Open[0].Wordings != 3 {
		for _, g := range rep.Open {
			t.Logf("%s: %q asked %d", g.Key, g.Question, g.Asked)
		}
		t.Fatalf("%d gaps, want the summit one asked 3 times and the tower; small talk left out", len(rep.Open))
	}
}

func TestParseAge(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"90d", 90 * 24 * time.Hour},
		{" 7d ", 7 * 24 * time.Hour},
		{"2w", 14 * 24 * time.Hour},
		{"36h", 36 * time.Hour},
		{"90m", 90 * time.Minute},
		{"0d", 0}, {"-1d", 0}, {"d", 0}, {"soon", 0}, {"", 0}, {"-5h", 0},
	}
	for _, tt := range tests {
		got, err := ParseAge(tt.in)
		if tt.want == 0 {
			if err == nil {
				t.Errorf("ParseAge(%q) = %v, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseAge(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestOpenChecks(t *testing.T) {
	if _, err := Open(Config{}); err == nil {
		t.Error("opened without a folder")
	}
	if _, err := Open(Config{Dir: t.TempDir(), MaxBytes: 10}); err == nil || !strings.Contains(err.Error(), "too small") {
		t.Errorf("a tiny bound: %v", err)
	}
	if _, err := Open(Config{Dir: t.TempDir(), Retention: -time.Hour}); err == nil {
		t.Error("a negative retention")
	}
}
