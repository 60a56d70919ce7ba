package library

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/corpus/pgstore"
	"github.com/summitbot/summitbot/corpus/pgstore/pgtest"
)

// openPG opens a library on PostgreSQL (its own index in memory).
func openPG(t *testing.T, url string) (*Library, *pgstore.Store) {
	t.Helper()
	st, err := pgstore.Open(t.Context(), pgstore.Config{URL: url, Listen: true})
	if err != nil {
		t.Fatal(err)
	}
	lib, err := Open(t.Context(), Config{DataDir: t.TempDir(), Base: defaultDocs(t), Memory: true, Storage: st})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		lib.Close()
		st.Close()
	})
	return lib, st
}

// TestPostgresLibrary: the same changes as on the folder, through
// PostgreSQL: added, updated, an override of a built-in document, removed;
// duplicates and missing ids refused; audit rows for each.
func TestPostgresLibrary(t *testing.T) {
	t.Parallel()
	lib, st := openPG(t, pgtest.Database(t))
	d, err := lib.Add(t.Context(), corpus.Document{Title: "Zebra notes", Body: "Zebras have stripes."}, tester)
	if err != nil || d.ID != "zebra-notes" {
		t.Fatalf("add: %+v %v", d, err)
	}
	if _, err := lib.Add(t.Context(), corpus.Document{Title: "Other", Body: "zebras  have STRIPES."}, tester); !errors.Is(err, corpus.ErrDuplicate) {
		t.Errorf("the same text again: %v", err)
	}
	d.Body = "Zebras live in herds on the savanna."
	if _, err := lib.Update(t.Context(), d, tester); err != nil {
		t.Fatal(err)
	}
	if ans, err := lib.Ask(t.Context(), "Where do zebras live?", 1); err != nil || !holds(ans, "savanna") {
		t.Errorf("update not searchable: %+v %v", ans, err)
	}
	article := defaultDocs(t)[0]
	over := article
	over.Body += "\n\nA correction about flamingos."
	if _, err := lib.Update(t.Context(), over, tester); err != nil {
		t.Fatal(err)
	}
	if !lib.Stored(article.ID) || !lib.IsBuiltIn(article.ID) {
		t.Error("the override is not stored")
	}
	if err := lib.Remove(t.Context(), article.ID, tester); err != nil {
		t.Fatal(err)
	}
	if err := lib.Remove(t.Context(), article.ID, tester); !errors.Is(err, corpus.ErrProtected) {
		t.Errorf("removing a built-in document: %v", err)
	}
	if err := lib.Remove(t.Context(), d.ID, tester); err != nil {
		t.Fatal(err)
	}
	if err := lib.Remove(t.Context(), d.ID, tester); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("second remove: %v", err)
	}
	if ans, err := lib.Ask(t.Context(), "Where do zebras live?", 3); err != nil || holds(ans, "zebra") {
		t.Errorf("removed document still answers: %+v %v", ans, err)
	}
	audit, err := st.Audit(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range audit {
		actions = append(actions, e.Action+" "+e.DocID)
	}
	want := []string{"add zebra-notes", "update zebra-notes", "update " + article.ID, "remove " + article.ID, "remove zebra-notes"}
	if len(actions) != len(want) {
		t.Fatalf("audit %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Fatalf("audit %v, want %v", actions, want)
		}
	}
}

// TestPostgresReplicas: two libraries on one database, each with its own
// index; a change through one is searchable in the other once its Watch
// hears of it, well before the polling interval.
func TestPostgresReplicas(t *testing.T) {
	t.Parallel()
	url := pgtest.Database(t)
	a, _ := openPG(t, url)
	b, _ := openPG(t, url)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		b.Watch(ctx, time.Hour) // only notifications can make it refresh
	}()
	defer func() {
		cancel()
		<-done
	}()
	if _, err := a.Add(t.Context(), corpus.Document{Title: "Walrus", Body: "Walruses use their tusks to climb ice."}, tester); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		ans, err := b.Ask(t.Context(), "What do walruses use their tusks for?", 1)
		if err != nil {
			t.Fatal(err)
		}
		if holds(ans, "tusks") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the other replica never answered from the new document")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := a.Remove(t.Context(), "walrus", tester); err != nil {
		t.Fatal(err)
	}
	for {
		ans, err := b.Ask(t.Context(), "What do walruses use their tusks for?", 3)
		if err != nil {
			t.Fatal(err)
		}
		if !holds(ans, "tusks") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the other replica still answers from the removed document")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
