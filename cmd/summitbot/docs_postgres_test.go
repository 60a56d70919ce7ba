package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/corpus/pgstore"
	"github.com/summitbot/summitbot/corpus/pgstore/pgtest"
)

// TestDocsOnPostgres runs the docs commands with DATABASE_URL: add, list,
// update, remove, import and export work on PostgreSQL and not on the
// data folder, ask answers from them, and export then import moves the
// documents from PostgreSQL into a documents folder, and back.
func TestDocsOnPostgres(t *testing.T) {
	t.Parallel()
	db := pgtest.Database(t)
	data, src := t.TempDir(), t.TempDir()
	pg := map[string]string{"SUMMITBOT_DATA": data, "DATABASE_URL": db}
	okapi := writeFile(t, src, "okapi.txt", "Okapi notes\n\nThe okapi lives in the Ituri rainforest.\n")
	if r := runMain(t, "", pg, "docs", "add", okapi); r.code != 0 || !strings.HasPrefix(r.stdout, "saved okapi-notes") {
		t.Fatalf("docs add: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(data, "documents", "okapi-notes.md")); err == nil {
		t.Error("with DATABASE_URL, docs add wrote into the documents folder")
	}
	r := runMain(t, "", pg, "ask", "--json", "Where does the okapi live?")
	if !strings.Contains(r.stdout, `"doc_id":"okapi-notes"`) {
		t.Errorf("ask does not answer from PostgreSQL's document:\n%s%s", r.stdout, r.stderr)
	}
	upd := writeFile(t, src, "okapi2.txt", "Okapi notes\n\nThe okapi lives in the Ituri rainforest of Congo.\n")
	if r := runMain(t, "", pg, "docs", "update", "okapi-notes", upd); r.code != 0 {
		t.Fatalf("docs update: exit %d\n%s", r.code, r.stderr)
	}
	for i := range 30 {
		writeFile(t, src, fmt.Sprintf("many/n%02d.txt", i), fmt.Sprintf("Import note %d\n\nThe marker heron%04d belongs to note %d.", i, i, i))
	}
	if r := runMain(t, "", pg, "docs", "import", filepath.Join(src, "many")); r.code != 0 || !strings.Contains(r.stdout, "imported 30 documents") {
		t.Fatalf("docs import: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runMain(t, "", pg, "docs", "list")
	if !strings.Contains(r.stdout, "okapi-notes") || !strings.Contains(r.stdout, "import-note-29") {
		t.Errorf("docs list on PostgreSQL:\n%s", r.stdout)
	}
	if r := runMain(t, "", pg, "docs", "remove", "import-note-0"); r.code != 0 {
		t.Fatalf("docs remove: exit %d\n%s", r.code, r.stderr)
	}
	if r := runMain(t, "", pg, "docs", "remove", "import-note-0"); r.code != 2 || !strings.Contains(r.stderr, "no such document") {
		t.Errorf("removing twice: exit %d\n%s", r.code, r.stderr)
	}

	// Export: 30 documents (31 added, one removed), each a corpus file
	// that parses back as what PostgreSQL holds.
	out := t.TempDir()
	if r := runMain(t, "", pg, "docs", "export", out); r.code != 0 || !strings.Contains(r.stdout, "exported 30 documents") {
		t.Fatalf("docs export: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	st, err := pgstore.Open(t.Context(), pgstore.Config{URL: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stored, _, err := st.Load(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	exported, err := corpus.OpenStore(out)
	if err != nil {
		t.Fatal(err)
	}
	docs, problems, err := exported.List()
	if err != nil || len(problems) != 0 || len(docs) != len(stored) {
		t.Fatalf("exported %d documents, %v, %v; PostgreSQL holds %d", len(docs), problems, err, len(stored))
	}
	for _, d := range docs {
		if stored[d.ID].Hash() != d.Hash() {
			t.Errorf("exported %s differs from PostgreSQL's", d.ID)
		}
	}
	audit, err := st.Audit(t.Context())
	if err != nil || len(audit) != 33 { // 1 add, 1 update, 30 imported, 1 removal
		t.Errorf("%d audit rows, want 33 (%v)", len(audit), err)
	}

	// Import of the export into a folder (no DATABASE_URL): the same
	// documents, same ids.
	folder := map[string]string{"SUMMITBOT_DATA": t.TempDir()}
	if r := runMain(t, "", folder, "docs", "import", out); r.code != 0 || !strings.Contains(r.stdout, "imported 30 documents") {
		t.Fatalf("docs import of the export into a folder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runMain(t, "", folder, "ask", "--json", "Where does the okapi live?")
	if !strings.Contains(r.stdout, `"doc_id":"okapi-notes"`) || !strings.Contains(r.stdout, "Congo") {
		t.Errorf("the folder does not answer from the exported document:\n%s", r.stdout)
	}
	// And a folder's export into a new PostgreSQL database.
	out2 := t.TempDir()
	if r := runMain(t, "", folder, "docs", "export", out2); r.code != 0 || !strings.Contains(r.stdout, "exported 30 documents") {
		t.Fatalf("docs export of the folder: exit %d\n%s", r.code, r.stderr)
	}
	pg2 := map[string]string{"SUMMITBOT_DATA": t.TempDir(), "DATABASE_URL": pgtest.Database(t)}
	if r := runMain(t, "", pg2, "docs", "import", out2); r.code != 0 || !strings.Contains(r.stdout, "imported 30 documents") {
		t.Fatalf("docs import into PostgreSQL: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestDocsPostgresUnreachable: with DATABASE_URL naming a server that is
// not there, docs commands fail with a message that says so, and write
// nothing into the data folder.
func TestDocsPostgresUnreachable(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	vars := map[string]string{"SUMMITBOT_DATA": data, "DATABASE_URL": "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"}
	file := writeFile(t, t.TempDir(), "n.txt", "A note\n\nSome text.\n")
	r := runMain(t, "", vars, "docs", "add", file)
	if r.code == 0 || !strings.Contains(r.stderr, "cannot be reached") || !strings.Contains(r.stderr, "DATABASE_URL") {
		t.Errorf("docs add with PostgreSQL down: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(data, "documents", "a-note.md")); err == nil {
		t.Error("the document went into the folder instead")
	}
	r = runMain(t, "", map[string]string{"DATABASE_URL": "postgres://user:secret-pw@[bad"}, "docs", "list")
	if r.code == 0 || strings.Contains(r.stderr, "secret-pw") {
		t.Errorf("a bad DATABASE_URL: exit %d, stderr shows the password or no error:\n%s", r.code, r.stderr)
	}
}
