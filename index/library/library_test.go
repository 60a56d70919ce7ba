package library

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/answer"
)

var tester = corpus.Actor{ID: "42", Name: "tester", Via: "test"}

func openLib(t *testing.T, dir string, maxBody int) *Library {
	t.Helper()
	lib, err := Open(t.Context(), Config{DataDir: dir, Base: defaultDocs(t), MaxBodyBytes: maxBody})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	return lib
}

func TestLibraryAddIsDurableAndSearchable(t *testing.T) {
	dir := t.TempDir()
	lib := openLib(t, dir, 0)
	d, err := lib.Add(t.Context(), corpus.Document{Title: "Okapi notes", Body: "The okapi lives in the Ituri rainforest."}, tester)
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "okapi-notes" || d.Kind != corpus.KindNote || d.Lang != "en" {
		t.Errorf("added %+v", d)
	}
	if _, err := os.Stat(filepath.Join(dir, DocumentsDirName, "okapi-notes.md")); err != nil {
		t.Errorf("not on disk: %v", err)
	}
	ans, err := lib.Ask(t.Context(), "Where does the okapi live?", 3)
	if err != nil || !ans.Answered || ans.Passages[0].DocID != "okapi-notes" {
		t.Errorf("not searchable at once: %+v %v", ans, err)
	}
	// Same title, other text: the next free id.
	d2, err := lib.Add(t.Context(), corpus.Document{Title: "Okapi notes", Body: "Okapis eat leaves."}, tester)
	if err != nil || d2.ID != "okapi-notes-2" {
		t.Errorf("second add: %+v %v", d2, err)
	}
	// The audit log has both, as JSON lines.
	f, err := os.Open(filepath.Join(dir, AuditFileName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	for sc := bufio.NewScanner(f); sc.Scan(); {
		lines = append(lines, sc.Text())
	}
	if len(lines) != 2 || !strings.Contains(lines[0], `"action":"add"`) || !strings.Contains(lines[0], `"user_id":"42"`) ||
		!strings.Contains(lines[0], `"doc_id":"okapi-notes"`) || !strings.Contains(lines[0], `"content_hash":"`+d.Hash()+`"`) {
		t.Errorf("audit log:\n%s", strings.Join(lines, "\n"))
	}
	// A new process sees them: reopened from disk.
	lib.Close()
	lib2 := openLib(t, dir, 0)
	if _, ok := lib2.Document("okapi-notes-2"); !ok {
		t.Error("added document lost on reopen")
	}
}

func TestLibraryRejectsBadDocuments(t *testing.T) {
	lib := openLib(t, t.TempDir(), 100)
	article := defaultDocs(t)[0]
	tests := []struct {
		name string
		doc  corpus.Document
		want error
	}{
		{"empty body", corpus.Document{Title: "T", Body: "  \n\n "}, corpus.ErrEmptyBody},
		{"body over the limit", corpus.Document{Title: "T", Body: strings.Repeat("word ", 30)}, corpus.ErrBodyTooBig},
		{"invalid UTF-8", corpus.Document{Title: "T", Body: "bad \xff byte"}, corpus.ErrInvalidUTF8},
		{"title too long", corpus.Document{Title: strings.Repeat("t", corpus.MaxTitleLen+1), Body: "Body."}, corpus.ErrTitle},
		{"no title", corpus.Document{Body: "Body."}, corpus.ErrTitle},
		{"bad date", corpus.Document{Title: "T", Body: "Body.", Published: "17/06/2025"}, corpus.ErrDate},
		{"duplicate", corpus.Document{Title: "Copy", Body: strings.ToUpper(article.Passages()[0].Text)}, nil},
	}
	before := lib.Stats()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lib.Add(t.Context(), tt.doc, tester)
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if err == nil {
				t.Error("accepted")
			}
		})
	}
	// The duplicate check compares whole bodies: one passage is no copy.
	var dup *corpus.DuplicateError
	one := corpus.Document{Title: "Whole", Body: article.Body}
	lib2 := openLib(t, t.TempDir(), 0)
	if _, err := lib2.Add(t.Context(), one, tester); !errors.As(err, &dup) || dup.ID != article.ID {
		t.Errorf("duplicate of the article: %v", err)
	}
	if lib.Stats() != before {
		t.Errorf("refused documents changed the library: %+v → %+v", before, lib.Stats())
	}
}

func TestLibraryIDsStayInTheFolder(t *testing.T) {
	dir := t.TempDir()
	lib := openLib(t, dir, 0)
	for _, title := range []string{"../../etc/passwd", "/absolute/path", "nul", "CON", "a\x00b", "日本語のタイトル", "Café déjà vu"} {
		d, err := lib.Add(t.Context(), corpus.Document{Title: title, Body: "Body of " + title + " " + strings.Repeat("x", len(title))}, tester)
		if err != nil {
			if errors.Is(err, corpus.ErrTitle) || errors.Is(err, corpus.ErrInvalidUTF8) {
				continue
			}
			t.Fatalf("%q: %v", title, err)
		}
		p := filepath.Join(dir, DocumentsDirName, d.ID+".md")
		if filepath.Dir(p) != filepath.Join(dir, DocumentsDirName) || strings.ContainsAny(d.ID, "/\\.\x00") {
			t.Errorf("%q got id %q", title, d.ID)
		}
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%q: %v", title, err)
		}
	}
	if d, _ := lib.Document("cafe-deja-vu"); d.Title != "Café déjà vu" {
		t.Errorf("accented title slug: %+v", d)
	}
	if _, ok := lib.Document("nul-doc"); !ok {
		t.Error("reserved name not renamed")
	}
}

func TestLibraryUpdateAndRemove(t *testing.T) {
	lib := openLib(t, t.TempDir(), 0)
	d, err := lib.Add(t.Context(), corpus.Document{Title: "Zebra notes", Body: "Zebras have stripes."}, tester)
	if err != nil {
		t.Fatal(err)
	}
	d.Body = "Zebras live in herds on the savanna."
	if _, err := lib.Update(t.Context(), d, tester); err != nil {
		t.Fatal(err)
	}
	if ans, _ := lib.Ask(t.Context(), "Where do zebras live?", 1); !ans.Answered || !strings.Contains(ans.Passages[0].Text, "savanna") {
		t.Errorf("update not searchable: %+v", ans)
	}
	if _, err := lib.Update(t.Context(), corpus.Document{ID: "no-such", Title: "X", Body: "Y"}, tester); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("update of a missing document: %v", err)
	}
	if err := lib.Remove(t.Context(), d.ID, tester); err != nil {
		t.Fatal(err)
	}
	if ans, err := lib.Ask(t.Context(), "Where do zebras live?", 3); err != nil || holds(ans, "zebra") {
		t.Errorf("removed document still answers: %+v %v", ans, err)
	}
	if err := lib.Remove(t.Context(), d.ID, tester); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("second remove: %v", err)
	}

	// The built-in corpus: overridden by an update, restored by removing
	// the override, never removed itself.
	article := defaultDocs(t)[0]
	if err := lib.Remove(t.Context(), article.ID, tester); !errors.Is(err, corpus.ErrProtected) {
		t.Errorf("remove built-in: %v", err)
	}
	over := article
	over.Body += "\n\nA correction about flamingos."
	if _, err := lib.Update(t.Context(), over, tester); err != nil {
		t.Fatal(err)
	}
	if ans, err := lib.Ask(t.Context(), "flamingos correction", 3); err != nil || !holds(ans, "flamingos") {
		t.Errorf("override not searchable: %+v %v", ans, err)
	}
	if err := lib.Remove(t.Context(), article.ID, tester); err != nil {
		t.Fatal(err)
	}
	if ans, err := lib.Ask(t.Context(), "flamingos correction", 3); err != nil || holds(ans, "flamingos") {
		t.Errorf("override still answers after removal: %+v %v", ans, err)
	}
	if _, ok := lib.Document(article.ID); !ok {
		t.Error("built-in document gone with its override")
	}
}

// TestLibraryRefreshSeesOtherWriters: a document another process stored is
// searchable after Refresh, and one it removed is gone.
func TestLibraryRefreshSeesOtherWriters(t *testing.T) {
	dir := t.TempDir()
	lib := openLib(t, dir, 0)
	other, err := corpus.OpenStore(filepath.Join(dir, DocumentsDirName))
	if err != nil {
		t.Fatal(err)
	}
	d := corpus.Document{ID: "walrus", Title: "Walrus", Kind: corpus.KindNote, Lang: "en", Body: "Walruses use their tusks to climb ice."}
	if err := other.Create(d); err != nil {
		t.Fatal(err)
	}
	if ans, _ := lib.Ask(t.Context(), "walrus tusks", 1); ans.Answered {
		t.Fatal("found before refresh")
	}
	rep, err := lib.Refresh(t.Context())
	if err != nil || rep.Added != 1 {
		t.Fatalf("refresh: %+v %v", rep, err)
	}
	if ans, _ := lib.Ask(t.Context(), "walrus tusks", 1); !ans.Answered {
		t.Error("not found after refresh")
	}
	if rep, _ := lib.Refresh(t.Context()); rep.Changed() {
		t.Errorf("refresh of an unchanged folder changed %+v", rep)
	}
	// A broken file is skipped, the rest still served.
	if err := os.WriteFile(filepath.Join(dir, DocumentsDirName, "broken.md"), []byte("no header"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := other.Remove("walrus"); err != nil {
		t.Fatal(err)
	}
	if rep, err := lib.Refresh(t.Context()); err != nil || rep.Removed != 1 {
		t.Errorf("refresh after removal: %+v %v", rep, err)
	}
}

func defaultDocs(t testing.TB) []corpus.Document {
	t.Helper()
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// holds reports whether a passage of the answer holds word.
func holds(a answer.Answer, word string) bool {
	for _, p := range a.Passages {
		if strings.Contains(strings.ToLower(p.Text), word) {
			return true
		}
	}
	return false
}

// TestConcurrentAddsOfOneText: two writers (as two processes: each its
// own collection and lock descriptor) add the same text at once, many
// times: one saves it, the other is told it is a duplicate; never x and x-2.
func TestConcurrentAddsOfOneText(t *testing.T) {
	dir := t.TempDir()
	cfg := Config{DataDir: dir, Base: defaultDocs(t)}
	a, err := OpenCollection(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, err := OpenCollection(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for round := range 20 {
		d := corpus.Document{Title: "Race note", Body: fmt.Sprintf("Round %d of the race: both writers add this text.", round)}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, c := range []*Collection{a, b} {
			wg.Go(func() { _, errs[i] = c.Add(t.Context(), d, tester) })
		}
		wg.Wait()
		saved, dup := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				saved++
			case errors.Is(err, corpus.ErrDuplicate):
				dup++
			default:
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if saved != 1 || dup != 1 {
			t.Fatalf("round %d: %d saved, %d duplicates; want one of each", round, saved, dup)
		}
	}
	docs, _, err := a.Documents()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(docs) - len(defaultDocs(t)); n != 20 {
		t.Errorf("%d documents added, want 20", n)
	}
}

// TestEveryStoredDocumentHasItsAuditLine: the audit line is written before
// the document, so that no document on disk lacks one, however a process
// dies.
func TestEveryStoredDocumentHasItsAuditLine(t *testing.T) {
	dir := t.TempDir()
	c, err := OpenCollection(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	// An audit log that cannot be written: the document is not stored.
	if err := os.MkdirAll(filepath.Join(dir, AuditFileName), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Add(t.Context(), corpus.Document{Title: "Unaudited", Body: "Text that must not be stored unaudited."}, tester); err == nil {
		t.Fatal("added with no audit log")
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, DocumentsDirName)); len(documentFiles(entries)) != 0 {
		t.Errorf("a document was stored without its audit line: %v", entries)
	}
}

func documentFiles(entries []os.DirEntry) []string {
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestRetryAfterIndexingFailedFindsTheSaved: a change stored but not
// indexed says so; the same text sent again is found saved, not copied.
func TestRetryAfterIndexingFailedFindsTheSaved(t *testing.T) {
	dir := t.TempDir()
	lib := openLib(t, dir, 0)
	d := corpus.Document{Title: "Indexing fails", Body: "A note whose indexing fails once."}
	if err := lib.ix.Close(); err != nil { // every write to the index fails now
		t.Fatal(err)
	}
	saved, err := lib.Add(t.Context(), d, tester)
	if !errors.Is(err, corpus.ErrNotIndexed) || saved.ID != "indexing-fails" {
		t.Fatalf("add with a closed index: %+v, %v; want it saved and ErrNotIndexed", saved, err)
	}
	_, err = lib.Add(t.Context(), d, tester)
	var dup *corpus.DuplicateError
	if !errors.As(err, &dup) || dup.ID != "indexing-fails" {
		t.Errorf("retry: %v, want a duplicate of indexing-fails", err)
	}
}

// TestHeaderFieldsThatWouldBreakTheFileAreRefused: an outlet or source
// holding a newline and "---" would end the header when written; it is
// refused, and nothing is stored.
func TestHeaderFieldsThatWouldBreakTheFileAreRefused(t *testing.T) {
	dir := t.TempDir()
	lib := openLib(t, dir, 0)
	for _, d := range []corpus.Document{
		{Title: "Outlet", Outlet: "AFP\n---\nDesk", Body: "Body one."},
		{Title: "Sources", Sources: []string{"a\n---\nb"}, Body: "Body two."},
	} {
		if _, err := lib.Add(t.Context(), d, tester); !errors.Is(err, corpus.ErrField) {
			t.Errorf("%s: %v, want ErrField", d.Title, err)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, DocumentsDirName)); len(documentFiles(entries)) != 0 {
		t.Errorf("refused documents were stored: %v", documentFiles(entries))
	}
}

// TestTinyParagraphFloodIsRefused: a 1 MiB document of hundreds of
// thousands of one-letter paragraphs (each would be a passage) is refused
// at once, before any work per paragraph.
func TestTinyParagraphFloodIsRefused(t *testing.T) {
	lib := openLib(t, t.TempDir(), 0)
	d := corpus.Document{Title: "Flood", Body: strings.Repeat("a\n\n", 349000)}
	if _, err := lib.Add(t.Context(), d, tester); !errors.Is(err, corpus.ErrBodyTooBig) {
		t.Errorf("a flood of paragraphs: %v, want ErrBodyTooBig", err)
	}
}

// TestWatchSurvivesAPanic: a panic in a refresh is an error for the log,
// not the end of the bot.
func TestWatchSurvivesAPanic(t *testing.T) {
	l := &Library{} // no collection: Refresh panics
	if _, err := l.refreshSafely(t.Context()); err == nil || !strings.Contains(err.Error(), "panicked") {
		t.Errorf("refreshSafely: %v, want the panic as an error", err)
	}
}

// TestLibraryAddWithIDs: a document naming its id keeps it when free and
// is refused with corpus.ErrExists when a stored or built-in document has
// it; one without an id gets one from its title.
func TestLibraryAddWithIDs(t *testing.T) {
	dir := t.TempDir()
	lib := openLib(t, dir, 0)
	got, err := lib.AddWithIDs(t.Context(), []corpus.Document{
		{ID: "heron-guide", Title: "Heron notes", Body: "Herons stand still in shallow water."},
		{Title: "Egret notes", Body: "Egrets follow cattle."},
	}, tester)
	if err != nil || len(got) != 2 || got[0].ID != "heron-guide" || got[1].ID != "egret-notes" {
		t.Fatalf("added %+v, %v", got, err)
	}
	for _, id := range []string{"heron-guide", "afp-summit-2025-06-17"} {
		_, err := lib.AddWithIDs(t.Context(), []corpus.Document{{ID: id, Title: "Other", Body: "Some other text about " + id + "."}}, tester)
		if !errors.Is(err, corpus.ErrExists) {
			t.Errorf("id %s taken: err = %v, want ErrExists", id, err)
		}
	}
	entries, err := os.ReadDir(filepath.Join(dir, DocumentsDirName))
	if err != nil || len(documentFiles(entries)) != 2 {
		t.Errorf("%v stored, want 2 files: %v", documentFiles(entries), err)
	}
	// Add, as the bot calls it, still makes the id from the title.
	d, err := lib.Add(t.Context(), corpus.Document{ID: "heron-guide", Title: "Heron notes", Body: "Herons eat fish."}, tester)
	if err != nil || d.ID != "heron-notes" {
		t.Errorf("Add: %+v %v", d, err)
	}
}
