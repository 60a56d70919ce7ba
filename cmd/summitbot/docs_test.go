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
	md := writeFile(t, src, "walrus.md", "---\ntitle: Walrus notes\noutlet: Zoo Weekly\npublished: \"2025-07-01\"\nkind: note\nlang: en\nid: ignored\n---\nWalruses climb ice with their tusks.\n")

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
		{"no subcommand", []string{"docs"}, "add, import, list or remove"},
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
	if r.code != 0 || !strings.Contains(r.stdout, "imported 120 documents (2 skipped)") {
		t.Fatalf("import: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
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
	if r := runMain(t, "", vars, "docs", "add", file); r.code != 2 || !strings.Contains(r.stderr, "too large") {
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
