package index

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/summitbot/summitbot/corpus"
)

func defaultDocs(t testing.TB) []corpus.Document {
	t.Helper()
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func memIndex(t testing.TB, docs []corpus.Document) *Index {
	t.Helper()
	ix, err := OpenMem(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func note(id, body string) corpus.Document {
	return corpus.Document{ID: id, Title: "Note " + id, Outlet: "Test", Kind: corpus.KindNote, Lang: "en", Body: body}
}

// find searches the text field for the analysed terms of text, as a
// question's query would, and returns the candidates.
func find(t testing.TB, ix *Index, text string) []Candidate {
	t.Helper()
	snap, err := ix.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	var clauses []Clause
	for _, term := range ix.Lang().Terms(text) {
		for _, fix := range append([]string{term}, snap.Corrections(term)...) {
			clauses = append(clauses, Clause{Field: FieldText, Term: fix, Boost: 1})
		}
	}
	cs, err := snap.Search(context.Background(), clauses, 3)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func openDisk(t *testing.T, dir string, docs []corpus.Document) *Index {
	t.Helper()
	ix, err := Open(t.Context(), dir, docs)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	return ix
}

func TestOpenBuildsReusesAndRebuilds(t *testing.T) {
	dir := t.TempDir()
	docs := defaultDocs(t)

	ix := openDisk(t, dir, docs)
	if got := ix.LastSync(); got.Added != len(docs) || got.Unchanged != 0 {
		t.Errorf("first open: %+v, want %d added", got, len(docs))
	}
	st := ix.Stats()
	if st.Documents != len(docs) || st.Passages < 60 {
		t.Errorf("stats after build: %+v", st)
	}
	ix.Close()

	// Reused as it is.
	ix = openDisk(t, dir, docs)
	if got := ix.LastSync(); got.Changed() || got.Unchanged != len(docs) {
		t.Errorf("second open: %+v, want all %d unchanged", got, len(docs))
	}
	if ix.Stats().Passages != st.Passages {
		t.Errorf("passages %d after reopen, want %d", ix.Stats().Passages, st.Passages)
	}
	ix.Close()

	// One document changed, one removed: only those are touched.
	changed := append([]corpus.Document(nil), docs...)
	changed[0].Body += "\n\nA paragraph about zebrafish added later."
	removed := changed[len(changed)-1]
	changed = changed[:len(changed)-1]
	ix = openDisk(t, dir, changed)
	if got := ix.LastSync(); got.Updated != 1 || got.Removed != 1 || got.Added != 0 || got.Unchanged != len(docs)-2 {
		t.Errorf("open after change: %+v, want 1 updated, 1 removed", got)
	}
	if got := find(t, ix, "zebrafish"); len(got) == 0 || got[0].Doc.ID != changed[0].ID {
		t.Errorf("new paragraph not found: %+v", got)
	}
	if _, ok := ix.Document(removed.ID); ok {
		t.Errorf("removed document %s still listed", removed.ID)
	}
	res, err := ix.bi.Search(searchDocID(removed.ID))
	if err != nil || res.Total != 0 {
		t.Errorf("removed document still has %d passages in the index (%v)", res.Total, err)
	}
	ix.Close()

	// Another mapping: the index is rebuilt from scratch.
	ix = openDisk(t, dir, changed)
	if err := ix.bi.SetInternal(manifestKey, []byte(`{"mapping":"older","docs":{}}`)); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix = openDisk(t, dir, changed)
	if got := ix.LastSync(); got.Added != len(changed) {
		t.Errorf("open after mapping change: %+v, want a rebuild of %d", got, len(changed))
	}
	ix.Close()
}

func TestOpenRebuildsUnreadableIndex(t *testing.T) {
	dir := t.TempDir()
	docs := defaultDocs(t)
	openDisk(t, dir, docs).Close()
	meta := filepath.Join(dir, IndexDirName, "index_meta.json")
	if err := os.WriteFile(meta, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := openDisk(t, dir, docs)
	defer ix.Close()
	if got := ix.LastSync(); got.Added != len(docs) {
		t.Errorf("after corruption: %+v, want a rebuild", got)
	}
	if got := find(t, ix, "Where was the summit held?"); len(got) == 0 {
		t.Error("rebuilt index finds nothing")
	}
}

func TestOpenWhileOpenFailsFast(t *testing.T) {
	dir := t.TempDir()
	ix := openDisk(t, dir, defaultDocs(t))
	defer ix.Close()
	_, err := Open(t.Context(), dir, defaultDocs(t))
	if err == nil || !strings.Contains(err.Error(), "another process") {
		t.Errorf("second Open of an open index: %v, want an 'another process' error", err)
	}
}

func TestSyncRejectsDuplicateIDs(t *testing.T) {
	docs := defaultDocs(t)
	ix := memIndex(t, docs)
	if _, err := ix.Sync(t.Context(), append(docs, docs[0])); err == nil {
		t.Error("Sync with a duplicate id succeeded")
	}
	if ix.Stats().Documents != len(docs) {
		t.Error("a failed Sync changed the documents")
	}
}

// TestAskWhileSyncing checks, under -race, that questions answered while
// documents change see a whole index before or after each change.
func TestAskWhileSyncing(t *testing.T) {
	docs := defaultDocs(t)
	ix := memIndex(t, docs)
	extra := corpus.Document{ID: "extra", Title: "Extra", Outlet: "Test", Kind: corpus.KindNote, Lang: "en",
		Body: "The okapi is a giraffid.\n\nThe okapi lives in the Ituri forest."}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				for _, c := range find(t, ix, "Where does the okapi live?") {
					if c.Passage.Text == "" || c.Doc.Title == "" {
						t.Errorf("half a passage: %+v", c)
					}
				}
			}
		}()
	}
	for i := 0; i < 20; i++ {
		set := docs
		if i%2 == 0 {
			set = append(append([]corpus.Document(nil), docs...), extra)
		}
		if _, err := ix.Sync(t.Context(), set); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
}

func searchDocID(id string) *bleve.SearchRequest {
	q := bleve.NewTermQuery(id)
	q.SetField(fieldDocID)
	return bleve.NewSearchRequest(q)
}

// TestPutAndDeleteKeepTheVocabularyRight: after documents are added,
// changed and deleted, the vocabulary counts exactly the passages that
// hold each term.
func TestPutAndDeleteKeepTheVocabularyRight(t *testing.T) {
	docs := defaultDocs(t)
	ix := memIndex(t, docs)
	extra := note("extra", "The okapi is a giraffid of the Ituri forest.\n\nOkapis eat leaves.")
	changed := docs[0]
	changed.Body += "\n\nAn okapi was seen."
	if _, err := ix.Put(t.Context(), extra, changed); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Delete(t.Context(), docs[1].ID); err != nil {
		t.Fatal(err)
	}
	// The truth: count the terms of the passages the index now holds.
	st := ix.current()
	truth := map[string]uint64{}
	npass := 0
	for _, ps := range st.passages {
		for _, p := range ps {
			npass++
			seen := map[string]bool{}
			for _, term := range ix.Lang().Terms(p.Text) {
				if !seen[term] {
					seen[term] = true
					truth[term]++
				}
			}
		}
	}
	v, err := ix.Snapshot(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if int(v.Passages()) != npass {
		t.Errorf("passages: counted %d, true %d", v.Passages(), npass)
	}
	for term, n := range truth {
		if got := v.DF(FieldText, term); got != n {
			t.Errorf("df[%q]: counted %d, true %d", term, got, n)
		}
	}
	// A term only the deleted document held counts nothing.
	for _, term := range ix.Lang().Terms(docs[1].Body) {
		if truth[term] == 0 && v.DF(FieldText, term) != 0 {
			t.Errorf("df[%q] of a deleted passage: %d", term, v.DF(FieldText, term))
		}
	}
	if !v.Known("okapi") {
		t.Error("a new word is not known")
	}
	// Searchable at once, typo included.
	if got := find(t, ix, "Where does the okapii live?"); len(got) == 0 || !strings.Contains(strings.ToLower(got[0].Passage.Text), "okapi") {
		t.Errorf("new passages not found: %+v", got)
	}
	if _, ok := ix.Document(docs[1].ID); ok {
		t.Error("deleted document still listed")
	}
	if got := ix.Stats(); got.Documents != len(docs) || got.Passages != npass {
		t.Errorf("stats %+v, want %d documents and %d passages", got, len(docs), npass)
	}
}

// TestDocumentsStaySortedByTitle: small changes insert in place, large
// ones sort again; both give the same order.
func TestDocumentsStaySortedByTitle(t *testing.T) {
	ix := memIndex(t, defaultDocs(t))
	for _, title := range []string{"aardvark notes", "Zebra notes", "middle Notes", "Middle notes"} {
		d := note(strings.ToLower(strings.ReplaceAll(title, " ", "-"))+"-x", "Text about "+title+".")
		d.Title = title
		if _, err := ix.Put(t.Context(), d); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ix.Delete(t.Context(), "zebra-notes-x"); err != nil {
		t.Fatal(err)
	}
	got := ix.Documents()
	st := ix.current()
	want := sortedByTitle(st.docs)
	if len(got) != len(want) {
		t.Fatalf("%d documents, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].ID != want[i].ID {
			t.Errorf("position %d: %s, want %s", i, got[i].ID, want[i].ID)
		}
	}
	if got[0].Title != "aardvark notes" {
		t.Errorf("first %q", got[0].Title)
	}
}

// cancelAfter is a context whose Err reports it cancelled after n calls:
// a write stopped between documents, as SIGTERM stops a long sync.
type cancelAfter struct {
	context.Context
	n *int
}

func (c cancelAfter) Err() error {
	if *c.n <= 0 {
		return context.Canceled
	}
	*c.n--
	return nil
}

// TestInterruptedSyncLeavesTheManifestTrue: a sync stopped between
// documents leaves no claim in the manifest that bleve lacks, even after a
// later write persists the manifest: after a restart, every document is
// indexed and found.
func TestInterruptedSyncLeavesTheManifestTrue(t *testing.T) {
	dir := t.TempDir()
	ix := openDisk(t, dir, nil)
	first := note("first", "The okapi lives in the Ituri forest.")
	second := note("second", "The walrus climbs ice with its tusks.")
	n := 1 // the first document goes into the batch; the second finds the write cancelled
	if _, err := ix.Sync(cancelAfter{t.Context(), &n}, []corpus.Document{first, second}); err == nil {
		t.Fatal("the interrupted sync reported success")
	}
	// A later write that succeeds stores the manifest as it stands.
	third := note("third", "The tapir has a short trunk.")
	if _, err := ix.Put(t.Context(), third); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix = openDisk(t, dir, []corpus.Document{first, second, third})
	defer ix.Close()
	if got := ix.LastSync(); got.Added != 2 || got.Unchanged != 1 {
		t.Errorf("reopen: %+v, want first and second added, third unchanged", got)
	}
	for _, q := range []string{"okapi", "walrus", "tapir"} {
		if got := find(t, ix, q); len(got) == 0 {
			t.Errorf("%s not found after restart", q)
		}
	}
}
