package pggaps_test

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/corpus/pgstore/pgtest"
	"github.com/summitbot/summitbot/index/gaps"
	"github.com/summitbot/summitbot/index/gaps/pggaps"
)

func open(t *testing.T, url string, maxRows int) *pggaps.Store {
	t.Helper()
	s, err := pggaps.Open(t.Context(), url, maxRows)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var t0 = time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)

func TestStore(t *testing.T) {
	t.Parallel()
	url := pgtest.Database(t)
	s := open(t, url, 5)
	var recs []gaps.Record
	for i := range 8 {
		recs = append(recs, gaps.Record{Time: t0.Add(time.Duration(i) * time.Hour), Event: gaps.Refused,
			Key: fmt.Sprintf("k%d", i), Question: fmt.Sprintf("question %d?", i), Guild: "g1", Channel: gaps.ChannelServer, User: "h1"})
	}
	recs[7].Event, recs[7].Passages = gaps.Down, []string{"doc#1", "doc#2"}
	if err := s.Append(t.Context(), false, recs...); err != nil {
		t.Fatal(err)
	}
	dismissed := gaps.Record{Time: t0.Add(9 * time.Hour), Event: gaps.Dismissed, Key: "k0", User: "h2"}
	if err := s.Append(t.Context(), true, dismissed); err != nil {
		t.Fatal(err)
	}
	// Another connection reads them back: the 5 newest questions (the
	// bound), and the dismissal, in order.
	got, err := open(t, url, 5).Records(t.Context(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want := append(append([]gaps.Record(nil), recs[3:]...), dismissed)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("records\n got %v\nwant %v", got, want)
	}
	since, err := s.Records(t.Context(), t0.Add(6*time.Hour))
	if err != nil || len(since) != 3 {
		t.Fatalf("records since 18:00: %d, %v", len(since), err)
	}
	if err := s.Prune(t.Context(), t0.Add(7*time.Hour)); err != nil {
		t.Fatal(err)
	}
	left, err := s.Records(t.Context(), time.Time{})
	if err != nil || len(left) != 2 || left[0].Key != "k7" || left[1].Event != gaps.Dismissed {
		t.Fatalf("after pruning: %v, %v", left, err)
	}
}

func TestSaltShared(t *testing.T) {
	t.Parallel()
	url := pgtest.Database(t)
	stores := []*pggaps.Store{open(t, url, 0), open(t, url, 0), open(t, url, 0), open(t, url, 0)}
	salts := make([][]byte, 12)
	var wg sync.WaitGroup
	for i := range salts {
		wg.Go(func() {
			s, err := stores[i%len(stores)].Salt(t.Context())
			if err != nil {
				t.Errorf("salt %d: %v", i, err)
			}
			salts[i] = s
		})
	}
	wg.Wait()
	for i, s := range salts {
		if len(s) != 32 || !bytes.Equal(s, salts[0]) {
			t.Fatalf("salt %d is %x, salt 0 %x: not one salt", i, s, salts[0])
		}
	}
}

type audit struct {
	mu      sync.Mutex
	entries []corpus.AuditEntry
}

func (a *audit) Append(e ...corpus.AuditEntry) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.entries = append(a.entries, e...)
	return nil
}

// TestReplicasShareGaps: two gaps logs (two replicas, two data folders)
// on one database count one question asked on each, by one person, as
// one gap asked twice by one person; a dismissal on one closes it on both.
func TestReplicasShareGaps(t *testing.T) {
	t.Parallel()
	url := pgtest.Database(t)
	logs := make([]*gaps.Log, 2)
	au := &audit{}
	for i := range logs {
		l, err := gaps.Open(gaps.Config{Dir: t.TempDir(), Store: open(t, url, 0), Audit: au})
		if err != nil {
			t.Fatal(err)
		}
		logs[i] = l
	}
	ctx := context.Background()
	for i, q := range []string{"When is the next summit?", "when is the next summit"} {
		if err := logs[i].Record(ctx, gaps.Ask{Event: gaps.Refused, Question: q, Guild: "g1", User: "user-1"}); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := logs[0].List(ctx, gaps.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Open) != 1 || rep.Open[0].Asked != 2 || rep.Open[0].People != 1 {
		t.Fatalf("one question asked on each replica by one person: %+v", rep.Open)
	}
	if _, err := logs[1].Dismiss(ctx, rep.Open[0].ID, gaps.Filter{}, corpus.Actor{ID: "mod", Via: "test"}); err != nil {
		t.Fatal(err)
	}
	rep, err = logs[0].List(ctx, gaps.Filter{})
	if err != nil || len(rep.Open) != 0 || rep.Dismissed != 1 {
		t.Fatalf("after a dismissal on the other replica: %+v %v", rep, err)
	}
	if len(au.entries) != 1 || au.entries[0].Action != gaps.ActionDismiss {
		t.Errorf("audit: %+v", au.entries)
	}
}
