package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDocsCommands(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	vars := map[string]string{"SUMMITBOT_DATA": data}
	txt := writeFile(t, src, "okapi.txt", "Okapi notes\n\nThe okapi lives in the Ituri rainforest.\n")
	md := writeFile(t, src, "walrus.md", "---\ntitle: Walrus notes\noutlet: Zoo Weekly\npublished: \"2025-07-01\"\n---\nWalruses climb ice with their tusks.\n")

	r := runMain(t, "", vars, "docs", "add", "--source", "Field notes", txt, md)
	if r.code != 0 || !strings.Contains(r.stdout, "saved okapi-notes") || !strings.Contains(r.stdout, "saved walrus-notes") {
		t.Fatalf("docs add: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runMain(t, "", vars, "ask", "--json", "How do walruses climb ice?")
	if !strings.Contains(r.stdout, `"doc_id":"walrus-notes"`) || !strings.Contains(r.stdout, `"source":"Field notes"`) {
		t.Errorf("added document not answered with its source:\n%s", r.stdout)
	}

	// Questions the document answers, given on the command line, find it
	// through words its text lacks.
	qs := writeFile(t, src, "q.txt", "1: which beast has a striped behind\n")
	zebra := writeFile(t, src, "tapir.txt", "Tapir calves\n\nYoung tapirs wear white bands on their hindquarters.\n")
	r = runMain(t, "", vars, "docs", "add", "--questions", qs, zebra)
	if r.code != 0 {
		t.Fatalf("docs add --questions: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runMain(t, "", vars, "ask", "--json", "which beast has a striped behind")
	if !strings.Contains(r.stdout, `"doc_id":"tapir-calves"`) {
		t.Errorf("the document's own question does not find it:\n%s", r.stdout)
	}
	badQ := writeFile(t, src, "bad.txt", "7: no such paragraph\n")
	if r := runMain(t, "", vars, "docs", "add", "--questions", badQ, writeFile(t, src, "z2.txt", "Other\n\nText.\n")); r.code != 2 || !strings.Contains(r.stderr, "paragraph 7") {
		t.Errorf("bad questions: exit %d: %s", r.code, r.stderr)
	}

	r = runMain(t, "", vars, "docs", "list", "--json")
	var added, builtIn int
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var d struct {
			ID      string `json:"id"`
			BuiltIn bool   `json:"built_in"`
		}
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("list line %q: %v", line, err)
		}
		if d.BuiltIn {
			builtIn++
		} else {
			added++
		}
	}
	if added != 3 || builtIn < 7 {
		t.Errorf("list: %d added, %d built in", added, builtIn)
	}

	bad := []struct {
		name string
		args []string
		msg  string
	}{
		{"duplicate", []string{"docs", "add", txt}, "already exists"},
		{"unsupported type", []string{"docs", "add", writeFile(t, src, "x.pdf", "%PDF")}, "unsupported file type"},
		{"empty body", []string{"docs", "add", writeFile(t, src, "empty.txt", "Only a title\n\n   \n")}, "empty"},
		{"long title", []string{"docs", "add", "--title", strings.Repeat("t", 201), txt}, "title"},
		{"bad date", []string{"docs", "add", "--published", "June 17", writeFile(t, src, "d.txt", "Dated\n\nSome text.")}, "YYYY-MM-DD"},
		{"invalid UTF-8", []string{"docs", "add", writeFile(t, src, "bad.txt", "Bad\n\nText \xff\xfe.")}, "UTF-8"},
		{"built-in removal", []string{"docs", "remove", "afp-summit-2025-06-17"}, "cannot be removed"},
		{"missing removal", []string{"docs", "remove", "no-such-doc"}, "no such document"},
		{"no files", []string{"docs", "add"}, "at least one file"},
		{"no subcommand", []string{"docs"}, "add, update, import, list, remove or export"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			r := runMain(t, "", vars, tt.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tt.msg) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, tt.msg)
			}
		})
	}
	if n := len(docFiles(t, data)); n != 3 {
		t.Errorf("refused documents changed the folder: %d files", n)
	}

	r = runMain(t, "", vars, "docs", "remove", "okapi-notes")
	if r.code != 0 {
		t.Fatalf("remove: %d %s", r.code, r.stderr)
	}
	if r := runMain(t, "", vars, "ask", "--json", "Where does the okapi live?"); !strings.Contains(r.stdout, `"answered":false`) {
		t.Errorf("removed document still answers:\n%s", r.stdout)
	}
	audit, _ := os.ReadFile(filepath.Join(data, "audit.jsonl"))
	if n := strings.Count(string(audit), "\n"); n != 4 || !strings.Contains(string(audit), `"via":"cli"`) {
		t.Errorf("audit log (%d lines):\n%s", n, audit)
	}
}

func TestDocsImport(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	for i := 0; i < 120; i++ {
		writeFile(t, src, fmt.Sprintf("sub%d/n%03d.txt", i%3, i), fmt.Sprintf("Import note %d\n\nThe marker heron%04d belongs to note %d.", i, i, i))
	}
	writeFile(t, src, "broken.md", "---\nnot: [valid\n---\nx")
	writeFile(t, src, "dup.txt", "Import note copy\n\nThe marker heron0007 belongs to note 7.")
	writeFile(t, src, "ignored.pdf", "%PDF")
	vars := map[string]string{"SUMMITBOT_DATA": data}
	r := runMain(t, "", vars, "docs", "import", src)
	if r.code != 1 || !strings.Contains(r.stdout, "imported 120 documents (2 skipped)") || !strings.Contains(r.stderr, "2 of 122 files skipped") {
		t.Fatalf("import with skipped files: exit %d, want 1\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	// dup.txt sorts first, so the note it copies is the one skipped.
	if !strings.Contains(r.stderr, "broken.md") || !strings.Contains(r.stderr, "n007.txt: a document with the same text already exists") {
		t.Errorf("skipped files not named:\n%s", r.stderr)
	}
	r = runMain(t, "", vars, "ask", "--json", "heron0119")
	if !strings.Contains(r.stdout, "note 119") {
		t.Errorf("imported note not answered:\n%s", r.stdout)
	}
}

func TestDocsBodyLimitFromEnvironment(t *testing.T) {
	src := t.TempDir()
	file := writeFile(t, src, "long.txt", "Long note\n\n"+strings.Repeat("word ", 100))
	vars := map[string]string{"SUMMITBOT_DATA": t.TempDir(), "MAX_DOCUMENT_BYTES": "200"}
	if r := runMain(t, "", vars, "docs", "add", file); r.code != 2 || !strings.Contains(r.stderr, "over the limit of 200 bytes") {
		t.Errorf("over the configured limit: exit %d %q", r.code, r.stderr)
	}
	vars["MAX_DOCUMENT_BYTES"] = "zero"
	if r := runMain(t, "", vars, "docs", "add", file); r.code != 2 || !strings.Contains(r.stderr, "MAX_DOCUMENT_BYTES") {
		t.Errorf("bad setting: exit %d %q", r.code, r.stderr)
	}
}

// docFiles lists the document files of a data folder.
func docFiles(t *testing.T, data string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(data, "documents"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}

// withoutLock names the entries of a documents folder but its lock file.
func withoutLock(entries []os.DirEntry) []string {
	var out []string
	for _, e := range entries {
		if e.Name() != ".lock" {
			out = append(out, e.Name())
		}
	}
	return out
}

// auditActions returns the action and document id of each audit line.
func auditActions(t *testing.T, data string) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(data, "audit.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var e struct {
			Action string `json:"action"`
			DocID  string `json:"doc_id"`
			Via    string `json:"via"`
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("audit line %q: %v", line, err)
		}
		out = append(out, e.Action+" "+e.DocID+" "+e.Via)
	}
	return out
}

// TestDocsUpdate: docs update replaces an added document or overrides a
// built-in one, audited and written atomically like /doc update; fields
// the file leaves out are kept (issue 12, item 3).
func TestDocsUpdate(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	vars := map[string]string{"SUMMITBOT_DATA": data}
	first := writeFile(t, src, "okapi.txt", "Okapi notes\n\nThe okapi lives in the Ituri rainforest.\n")
	if r := runMain(t, "", vars, "docs", "add", "--source", "Field notes", "--published", "2025-07-01", first); r.code != 0 {
		t.Fatalf("add: exit %d %s", r.code, r.stderr)
	}
	second := writeFile(t, src, "okapi2.txt", "Okapi notes, revised\n\nThe okapi eats leaves of the understorey, some of them poisonous.\n")
	r := runMain(t, "", vars, "docs", "update", "okapi-notes", second)
	if r.code != 0 || r.stdout != "updated okapi-notes\tOkapi notes, revised\n" {
		t.Fatalf("update: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runMain(t, "", vars, "ask", "--json", "What does the okapi eat?")
	if !strings.Contains(r.stdout, `"doc_id":"okapi-notes"`) || !strings.Contains(r.stdout, "understorey") || !strings.Contains(r.stdout, `"source":"Field notes"`) || !strings.Contains(r.stdout, `"published":"2025-07-01"`) {
		t.Errorf("updated document not answered with its kept source and date:\n%s", r.stdout)
	}
	stored, err := os.ReadFile(filepath.Join(data, "documents", "okapi-notes.md"))
	if err != nil || !strings.Contains(string(stored), "understorey") || strings.Contains(string(stored), "Ituri") {
		t.Errorf("stored file after update (%v):\n%s", err, stored)
	}
	entries, err := os.ReadDir(filepath.Join(data, "documents"))
	if err != nil || len(withoutLock(entries)) != 1 {
		t.Errorf("documents folder holds %v, want one file (no copy, no temporary file): %v", withoutLock(entries), err)
	}

	// A built-in document: overridden, listed so, answered, and restored
	// by removing the override.
	const builtIn = "afp-summit-2025-06-17"
	override := writeFile(t, src, "afp.md", "---\ntitle: Summit report, corrected\noutlet: AFP\n---\nThe summit's corrected report mentions the zebra-striped marquee.\n")
	r = runMain(t, "", vars, "docs", "update", builtIn, override)
	if r.code != 0 || !strings.Contains(r.stdout, "updated "+builtIn) || !strings.Contains(r.stdout, "overrides the built-in document") {
		t.Fatalf("update of a built-in: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runMain(t, "", vars, "docs", "list"); !strings.Contains(r.stdout, "built-in, overridden") {
		t.Errorf("list after override:\n%s", r.stdout)
	}
	if r := runMain(t, "", vars, "ask", "--json", "zebra-striped marquee"); !strings.Contains(r.stdout, `"doc_id":"`+builtIn+`"`) {
		t.Errorf("override not answered:\n%s", r.stdout)
	}
	if r := runMain(t, "", vars, "docs", "remove", builtIn); r.code != 0 {
		t.Errorf("remove the override: exit %d %s", r.code, r.stderr)
	}
	if r := runMain(t, "", vars, "ask", "--json", "What did Xi say about tariff wars?"); !strings.Contains(r.stdout, `"doc_id":"`+builtIn+`"`) {
		t.Errorf("built-in not restored:\n%s", r.stdout)
	}
	want := []string{"add okapi-notes cli", "update okapi-notes cli", "update " + builtIn + " cli", "remove " + builtIn + " cli"}
	if got := auditActions(t, data); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("audit:\n got %q\nwant %q", got, want)
	}

	refused := []struct {
		name string
		args []string
		msg  string
	}{
		{"no such document", []string{"docs", "update", "no-such-doc", second}, "no-such-doc: no such document (summitbot docs list shows the ids)"},
		{"header names another id", []string{"docs", "update", "okapi-notes", writeFile(t, src, "other.md", "---\nid: walrus\ntitle: W\n---\nText.\n")}, "its header has id: walrus, not okapi-notes"},
		{"missing file", []string{"docs", "update", "okapi-notes", filepath.Join(src, "nosuch.txt")}, "no such file"},
		{"one argument", []string{"docs", "update", "okapi-notes"}, "needs a document id and a file"},
		{"bad date", []string{"docs", "update", "okapi-notes", second, "--published", "June"}, "YYYY-MM-DD"},
	}
	for _, tt := range refused {
		r := runMain(t, "", vars, tt.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.msg) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tt.name, r.code, r.stderr, tt.msg)
		}
	}
	if got := auditActions(t, data); len(got) != len(want) {
		t.Errorf("refused updates were audited: %q", got)
	}
}

// TestDocsHeaderOptional: a .md needs neither id nor kind; an id given is
// used when free and refused, naming its owner and the fix, when taken
// (a built-in's id no longer makes a second document); an unknown header
// field is named (issue 12, item 4).
func TestDocsHeaderOptional(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	vars := map[string]string{"SUMMITBOT_DATA": data}
	bare := writeFile(t, src, "bare.md", "---\ntitle: Heron notes\n---\nHerons stand still in shallow water.\n")
	named := writeFile(t, src, "named.md", "---\nid: egret-field-guide\ntitle: Egret notes\nkind: article\n---\nEgrets follow cattle across the steppe.\n")
	r := runMain(t, "", vars, "docs", "add", bare, named)
	if r.code != 0 || !strings.Contains(r.stdout, "saved heron-notes\t") || !strings.Contains(r.stdout, "saved egret-field-guide\t") {
		t.Fatalf("add: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runMain(t, "", vars, "docs", "list", "--json")
	if !strings.Contains(r.stdout, `"id":"heron-notes","title":"Heron notes","outlet":"","published":"","kind":"note"`) ||
		!strings.Contains(r.stdout, `"id":"egret-field-guide","title":"Egret notes","outlet":"","published":"","kind":"article"`) {
		t.Errorf("kinds and ids:\n%s", r.stdout)
	}

	taken := []struct {
		name, id, owner string
	}{
		{"built-in", "afp-summit-2025-06-17", `"China and Central Asian leaders sign`},
		{"added", "egret-field-guide", `"Egret notes"`},
	}
	for _, tt := range taken {
		file := writeFile(t, src, tt.name+".md", "---\nid: "+tt.id+"\ntitle: Another "+tt.name+"\n---\nA text of its own about "+tt.name+" documents.\n")
		r := runMain(t, "", vars, "docs", "add", file)
		if r.code != 2 || !strings.Contains(r.stderr, "the id "+tt.id) || !strings.Contains(r.stderr, tt.owner) ||
			!strings.Contains(r.stderr, "summitbot docs update "+tt.id+" "+file) {
			t.Errorf("%s id: exit %d, stderr %q", tt.name, r.code, r.stderr)
		}
	}
	entries, err := os.ReadDir(filepath.Join(data, "documents"))
	if err != nil || len(withoutLock(entries)) != 2 {
		t.Errorf("refused documents were stored: %v, %v", withoutLock(entries), err)
	}

	unknown := writeFile(t, src, "unknown.md", "---\ntitle: T\ncolour: red\n---\nText.\n")
	r = runMain(t, "", vars, "docs", "add", unknown)
	if r.code != 2 || !strings.Contains(r.stderr, `line 3: unknown field "colour"`) || strings.Contains(r.stderr, "corpus.Document") || strings.Contains(r.stderr, "type") {
		t.Errorf("unknown field: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestDocsFileErrors: every message about a file names it once, says in
// words what is wrong and what to do (issue 12, item 5).
func TestDocsFileErrors(t *testing.T) {
	src := t.TempDir()
	vars := map[string]string{"SUMMITBOT_DATA": t.TempDir()}
	dir := filepath.Join(src, "d.md")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	big := writeFile(t, src, "big.txt", "Big\n\n"+strings.Repeat("word ", 240_000))
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"missing .txt", filepath.Join(src, "nosuch.txt"), []string{"no such file", "check the name"}},
		{"missing, no extension", filepath.Join(src, "nosuch"), []string{"no such file"}},
		{"a folder", dir, []string{"is a folder, not a file", "summitbot docs import " + dir}},
		{"not UTF-8", writeFile(t, src, "latin1.txt", "Caf\xe9\n\nText."), []string{"not UTF-8 text (first bad byte on line 1)", "save it as UTF-8"}},
		{"too big", big, []string{"the file is 1.1 MiB, and a document's text may be at most 1 MiB", "split it"}},
		{"unsupported", writeFile(t, src, "x.pdf", "%PDF"), []string{`unsupported file type ".pdf"`, "use .md"}},
		{"no extension", writeFile(t, src, "README", "Readme\n\nText."), []string{"no extension", "name it .md"}},
		{"questions file missing", "", []string{"--questions " + filepath.Join(src, "noq.txt") + ": no such file"}},
	}
	ok := writeFile(t, src, "ok.txt", "Fine\n\nA fine text.")
	for _, tt := range tests {
		args := []string{"docs", "add", tt.file}
		name := tt.file
		if tt.file == "" {
			args, name = []string{"docs", "add", "--questions", filepath.Join(src, "noq.txt"), ok}, filepath.Join(src, "noq.txt")
		}
		r := runMain(t, "", vars, args...)
		if r.code != 2 || strings.Count(r.stderr, name) != 1 && tt.name != "a folder" {
			t.Errorf("%s: exit %d, stderr %q; want 2 and the file named once", tt.name, r.code, r.stderr)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%s: stderr %q lacks %q", tt.name, r.stderr, w)
			}
		}
		for _, bad := range []string{"open ", "read ", "1114112", "1048576", `""`} {
			if strings.Contains(r.stderr, bad) {
				t.Errorf("%s: stderr %q holds %q", tt.name, r.stderr, bad)
			}
		}
	}
}

// TestDocumentLimitCeiling: MAX_DOCUMENT_BYTES above the 1 MiB ceiling is
// refused with the ceiling, not ignored (issue 12, item 9).
func TestDocumentLimitCeiling(t *testing.T) {
	file := writeFile(t, t.TempDir(), "n.txt", "Note\n\nText.")
	for _, cmd := range [][]string{{"docs", "add", file}, {"docs", "list"}, {"serve"}} {
		vars := map[string]string{"MAX_DOCUMENT_BYTES": "2000000", "DISCORD_TOKEN": "x"}
		r := runMain(t, "", vars, cmd...)
		if r.code != 2 || !strings.Contains(r.stderr, "MAX_DOCUMENT_BYTES=2000000 is over the ceiling of 1048576 bytes (1 MiB)") {
			t.Errorf("%q: exit %d, stderr %q", cmd, r.code, r.stderr)
		}
	}
	vars := map[string]string{"MAX_DOCUMENT_BYTES": "1048576"}
	if r := runMain(t, "", vars, "docs", "add", file); r.code != 0 {
		t.Errorf("the ceiling itself: exit %d %s", r.code, r.stderr)
	}
}

// TestDocsImportFilesAndSummary: import takes files as well as folders,
// exits 1 with a summary on standard error when it skipped some, and
// reports a rate for a fast import (issue 12, item 9).
func TestDocsImportFilesAndSummary(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	vars := map[string]string{"SUMMITBOT_DATA": data}
	one := writeFile(t, src, "one.txt", "Import one\n\nThe lynx hunts hares at dusk.")
	folder := filepath.Join(src, "more")
	writeFile(t, folder, "two.md", "---\ntitle: Import two\n---\nThe ibex climbs the cliffs.")
	r := runMain(t, "", vars, "docs", "import", one, folder)
	if r.code != 0 || !strings.Contains(r.stdout, "imported 2 documents (0 skipped) in ") || r.stderr != "" {
		t.Fatalf("import a file and a folder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	rate := r.stdout[strings.LastIndex(r.stdout, ", ")+2:]
	if strings.HasPrefix(rate, "0 ") || !strings.HasSuffix(rate, " documents/s\n") {
		t.Errorf("rate %q in %q", rate, r.stdout)
	}
	// Again: both are duplicates now, skipped, and the exit status says so.
	r = runMain(t, "", vars, "docs", "import", one, folder)
	if r.code != 1 || !strings.Contains(r.stderr, "2 of 2 files skipped") || !strings.Contains(r.stdout, "imported 0 documents (2 skipped)") {
		t.Errorf("import of duplicates: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runMain(t, "", vars, "docs", "import", filepath.Join(src, "nosuch")); r.code != 2 || !strings.Contains(r.stderr, "no such file or folder") {
		t.Errorf("import of a missing path: exit %d %q", r.code, r.stderr)
	}
}
