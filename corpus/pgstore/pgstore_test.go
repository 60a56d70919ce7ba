package pgstore_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/corpus/pgstore"
	"github.com/summitbot/summitbot/corpus/pgstore/pgtest"
)

func open(t *testing.T, url string, listen bool) *pgstore.Store {
	t.Helper()
	s, err := pgstore.Open(t.Context(), pgstore.Config{URL: url, Listen: listen})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func doc(id, body string) corpus.Document {
	return corpus.Document{ID: id, Title: "Title of " + id, Kind: corpus.KindNote, Lang: "en", Body: body}
}

var who = corpus.Actor{ID: "u1", Name: "Moderator", Via: "cli"}

// apply runs one change of the given documents.
func apply(t *testing.T, s corpus.Storage, action string, docs ...corpus.Document) error {
	t.Helper()
	return s.Change(t.Context(), func(map[string]corpus.Document) ([]corpus.Change, error) {
		var cs []corpus.Change
		for _, d := range docs {
			cs = append(cs, corpus.Change{Action: action, Doc: d, Who: who})
		}
		return cs, nil
	})
}

func TestChanges(t *testing.T) {
	t.Parallel()
	url := pgtest.Database(t)
	s := open(t, url, false)
	docs, v0, err := s.Load(t.Context())
	if err != nil || len(docs) != 0 {
		t.Fatalf("a new database: %d documents, %v", len(docs), err)
	}
	a, b := doc("alpha", "The alpha note.\n\nIts second paragraph."), doc("beta", "The beta note.")
	if err := apply(t, s, corpus.ActionAdd, a, b); err != nil {
		t.Fatal(err)
	}
	if err := apply(t, s, corpus.ActionAdd, a); !errors.Is(err, corpus.ErrExists) {
		t.Fatalf("adding alpha again: %v, want ErrExists", err)
	}
	a2 := a
	a2.Body = "The alpha note, updated."
	if err := apply(t, s, corpus.ActionUpdate, a2); err != nil {
		t.Fatal(err)
	}
	if err := apply(t, s, corpus.ActionRemove, b); err != nil {
		t.Fatal(err)
	}
	if err := apply(t, s, corpus.ActionRemove, b); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("removing beta again: %v, want ErrNotFound", err)
	}
	// Another connection reads what was written, as written.
	other := open(t, url, false)
	got, v1, err := other.Load(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if v1 == v0 || len(got) != 1 || got["alpha"].Hash() != a2.Hash() {
		t.Fatalf("after add, update, remove: version %s (was %s), %v", v1, v0, got)
	}
	mine, v2, err := s.Load(t.Context())
	if err != nil || v2 != v1 || mine["alpha"].Hash() != a2.Hash() || len(mine) != 1 {
		t.Fatalf("the writer's own snapshot: version %s, want %s; %v, %v", v2, v1, mine, err)
	}
	// Every change has its audit row, in order; refused ones have none.
	audit, err := s.Audit(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range audit {
		lines = append(lines, e.Action+" "+e.DocID+" "+e.UserID)
		if e.Time.IsZero() || e.Hash == "" {
			t.Errorf("audit entry without time or hash: %+v", e)
		}
	}
	want := "[add alpha u1 add beta u1 update alpha u1 remove beta u1]"
	if fmt.Sprint(lines) != want {
		t.Fatalf("audit log %v, want %s", lines, want)
	}
	if audit[2].Hash != a2.Hash() {
		t.Errorf("the update's audit hash %s, want %s", audit[2].Hash, a2.Hash())
	}
}

// TestRefusedPlanWritesNothing: a change whose plan fails, or whose
// document does not encode, writes nothing, audit included.
func TestRefusedPlanWritesNothing(t *testing.T) {
	t.Parallel()
	s := open(t, pgtest.Database(t), false)
	boom := errors.New("refused")
	err := s.Change(t.Context(), func(map[string]corpus.Document) ([]corpus.Change, error) { return nil, boom })
	if !errors.Is(err, boom) {
		t.Fatalf("plan's error: %v", err)
	}
	bad := doc("gamma", "") // no body: does not validate
	if err := apply(t, s, corpus.ActionAdd, doc("delta", "A good one."), bad); !errors.Is(err, corpus.ErrEmptyBody) {
		t.Fatalf("a batch with an empty body: %v", err)
	}
	docs, _, err := s.Load(t.Context())
	if err != nil || len(docs) != 0 {
		t.Fatalf("after refused changes: %d documents, %v", len(docs), err)
	}
	audit, err := s.Audit(t.Context())
	if err != nil || len(audit) != 0 {
		t.Fatalf("after refused changes: %d audit rows, %v", len(audit), err)
	}
}

// TestOpenTogether: replicas starting at once on a new database create
// the schema once; opening again migrates nothing and keeps the data.
func TestOpenTogether(t *testing.T) {
	t.Parallel()
	url := pgtest.Database(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			s, err := pgstore.Open(t.Context(), pgstore.Config{URL: url})
			if err == nil {
				err = s.Close()
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("opening together: %v", err)
		}
	}
	s := open(t, url, false)
	if err := apply(t, s, corpus.ActionAdd, doc("kept", "Kept across openings.")); err != nil {
		t.Fatal(err)
	}
	again := open(t, url, false)
	docs, _, err := again.Load(t.Context())
	if err != nil || len(docs) != 1 {
		t.Fatalf("reopened: %d documents, %v", len(docs), err)
	}
}

// TestConcurrentWriters: changes from several stores at once are
// serialised; each id is added once, every add has its audit row.
func TestConcurrentWriters(t *testing.T) {
	t.Parallel()
	url := pgtest.Database(t)
	stores := []*pgstore.Store{open(t, url, false), open(t, url, false), open(t, url, false)}
	var wg sync.WaitGroup
	var mu sync.Mutex
	okCount := 0
	for i := range 30 {
		wg.Go(func() {
			s := stores[i%len(stores)]
			id := fmt.Sprintf("doc-%d", i%10) // each id wanted three times
			err := s.Change(t.Context(), func(stored map[string]corpus.Document) ([]corpus.Change, error) {
				if _, ok := stored[id]; ok {
					return nil, corpus.ErrExists
				}
				return []corpus.Change{{Action: corpus.ActionAdd, Doc: doc(id, "Body of "+id+"."), Who: who}}, nil
			})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				okCount++
			case !errors.Is(err, corpus.ErrExists):
				t.Errorf("change %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	docs, _, err := stores[0].Load(t.Context())
	if err != nil || len(docs) != 10 || okCount != 10 {
		t.Fatalf("%d documents, %d adds acknowledged, want 10 and 10 (%v)", len(docs), okCount, err)
	}
	audit, err := stores[0].Audit(t.Context())
	if err != nil || len(audit) != 10 {
		t.Fatalf("%d audit rows, want 10 (%v)", len(audit), err)
	}
}

// wait waits for ch to receive, up to d.
func wait(ch <-chan struct{}, d time.Duration) bool {
	select {
	case <-ch:
		return true
	case <-time.After(d):
		return false
	}
}

// drain empties ch.
func drain(ch <-chan struct{}) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

func TestNotify(t *testing.T) {
	t.Parallel()
	url := pgtest.Database(t)
	writer, reader := open(t, url, false), open(t, url, true)
	if writer.Changed() != nil {
		t.Fatal("a store without Listen has a Changed channel")
	}
	if !wait(reader.Changed(), 10*time.Second) {
		t.Fatal("no signal on connecting (the full reconcile at start)")
	}
	drain(reader.Changed())
	if err := apply(t, writer, corpus.ActionAdd, doc("news", "Some news.")); err != nil {
		t.Fatal(err)
	}
	if !wait(reader.Changed(), 10*time.Second) {
		t.Fatal("the other store was not notified of the change")
	}
	docs, _, err := reader.Load(t.Context())
	if err != nil || len(docs) != 1 {
		t.Fatalf("the notified store loads %d documents, %v", len(docs), err)
	}
}

// TestOutage stops a throwaway server: changes are refused with
// corpus.ErrUnavailable, never reported saved; after it returns the
// listener reconnects and signals, and what was saved before is there.
func TestOutage(t *testing.T) {
	t.Parallel()
	srv := pgtest.Start(t)
	url := srv.Database()
	s := open(t, url, true)
	if !wait(s.Changed(), 10*time.Second) {
		t.Fatal("no signal on connecting")
	}
	if err := apply(t, s, corpus.ActionAdd, doc("before", "Saved before the outage.")); err != nil {
		t.Fatal(err)
	}
	srv.Kill()
	drain(s.Changed())
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	err := s.Change(ctx, func(map[string]corpus.Document) ([]corpus.Change, error) {
		return []corpus.Change{{Action: corpus.ActionAdd, Doc: doc("during", "Written during the outage."), Who: who}}, nil
	})
	if !errors.Is(err, corpus.ErrUnavailable) {
		t.Fatalf("a change while the server is down: %v, want ErrUnavailable", err)
	}
	if _, _, err := s.Load(ctx); !errors.Is(err, corpus.ErrUnavailable) {
		t.Fatalf("a load while the server is down: %v, want ErrUnavailable", err)
	}
	srv.Up()
	if !wait(s.Changed(), 15*time.Second) {
		t.Fatal("no signal after the server came back (the listener did not reconnect)")
	}
	if err := apply(t, s, corpus.ActionAdd, doc("after", "Saved after the outage.")); err != nil {
		t.Fatalf("a change after the outage: %v", err)
	}
	docs, _, err := open(t, url, false).Load(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := docs["during"]; ok || len(docs) != 2 {
		t.Fatalf("after the outage: %v, want before and after only", docs)
	}
}

// TestLostConnection cuts the listener's connection (the server ends its
// backend, as a restart or a proxy would) and writes a change at once,
// most likely before it has reconnected (its first retry waits 100 ms):
// that notification is lost, the reconnection signals instead, and a Load
// then finds the change. The listener is back afterwards.
func TestLostConnection(t *testing.T) {
	t.Parallel()
	url := pgtest.Database(t)
	reader, writer := open(t, url, true), open(t, url, false)
	if !wait(reader.Changed(), 10*time.Second) {
		t.Fatal("no signal on connecting")
	}
	if _, _, err := reader.Load(t.Context()); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var cut int
	err = conn.QueryRow(t.Context(), `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND query LIKE 'LISTEN %'`).Scan(&cut)
	if err != nil || cut != 1 {
		t.Fatalf("ending the listener's backend: %d ended, %v", cut, err)
	}
	drain(reader.Changed())
	if err := apply(t, writer, corpus.ActionAdd, doc("missed", "Written while the listener was away.")); err != nil {
		t.Fatal(err)
	}
	if !wait(reader.Changed(), 10*time.Second) {
		t.Fatal("no signal after the listener lost its connection")
	}
	docs, _, err := reader.Load(t.Context())
	if err != nil || len(docs) != 1 {
		t.Fatalf("after reconnecting: %d documents, %v", len(docs), err)
	}
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		var listening int
		if err := conn.QueryRow(t.Context(), `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND query LIKE 'LISTEN %'`).Scan(&listening); err != nil {
			t.Fatal(err)
		}
		if listening == 1 {
			break
		}
		if time.Since(start) > 10*time.Second {
			t.Fatalf("%d listeners 10 s after the cut, want 1", listening)
		}
	}
	drain(reader.Changed())
	if err := apply(t, writer, corpus.ActionAdd, doc("heard", "Written once the listener was back.")); err != nil {
		t.Fatal(err)
	}
	if !wait(reader.Changed(), 10*time.Second) {
		t.Fatal("the reconnected listener was not notified")
	}
}
