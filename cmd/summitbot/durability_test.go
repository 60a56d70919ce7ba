package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/library"
)

// TestDocsAddWithTitleKeepsTheWholeFile: with --title, a text file is all
// body; its first line is not thrown away as a title.
func TestDocsAddWithTitleKeepsTheWholeFile(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	vars := map[string]string{"SUMMITBOT_DATA": data}
	file := writeFile(t, src, "notes.txt", "The first line says where the ibis nests.\n\nThe second paragraph says what it eats.\n")
	if r := runMain(t, "", vars, "docs", "add", "--title", "Ibis notes", file); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	d := storedDoc(t, data, "ibis-notes")
	if ps := d.Passages(); len(ps) != 2 || !strings.Contains(ps[0].Text, "where the ibis nests") {
		t.Errorf("stored passages %+v: the first line was dropped", ps)
	}
	// A one-line file is valid with a title, and a long first line is no
	// title to refuse.
	one := writeFile(t, src, "one.txt", strings.Repeat("word ", 60)+"\n")
	if r := runMain(t, "", vars, "docs", "add", "--title", "One line", one); r.code != 0 {
		t.Errorf("one-line file with --title: exit %d: %s", r.code, r.stderr)
	}
}

func storedDoc(t *testing.T, data, id string) corpus.Document {
	t.Helper()
	store, err := corpus.OpenStore(filepath.Join(data, library.DocumentsDirName))
	if err != nil {
		t.Fatal(err)
	}
	d, err := store.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDocsImportSkipsLinks: a symbolic link in the folder is not followed
// (it could point at a secret); it is named as skipped.
func TestDocsImportSkipsLinks(t *testing.T) {
	data, src, outside := t.TempDir(), t.TempDir(), t.TempDir()
	vars := map[string]string{"SUMMITBOT_DATA": data}
	secret := writeFile(t, outside, "secret.txt", "Secret\n\nThe root password is hunter2.\n")
	writeFile(t, src, "real.txt", "Real note\n\nA real note about cranes.\n")
	if err := os.Symlink(secret, filepath.Join(src, "notes.txt")); err != nil {
		t.Fatal(err)
	}
	r := runMain(t, "", vars, "docs", "import", src)
	if !strings.Contains(r.stderr, "notes.txt: not a regular file") {
		t.Errorf("the link is not named as skipped: %s", r.stderr)
	}
	for _, name := range docFiles(t, data) {
		d := storedDoc(t, data, strings.TrimSuffix(name, ".md"))
		if strings.Contains(d.Body, "hunter2") {
			t.Fatalf("the linked secret was imported as %s", name)
		}
	}
	if n := len(docFiles(t, data)); n != 1 {
		t.Errorf("%d documents imported, want the real one", n)
	}
}

// TestDocsImportStopsCleanlyWhenTheDiskFails: when writing fails (here
// the file size limit, as on a full disk), import stops with the error
// and a non-zero exit; it does not panic.
func TestDocsImportStopsCleanlyWhenTheDiskFails(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process")
	}
	data, src := t.TempDir(), t.TempDir()
	for i := range 30 {
		writeFile(t, src, fmt.Sprintf("n%02d.txt", i), fmt.Sprintf("Note %d\n\n%s", i, strings.Repeat("filler text ", 2000)))
	}
	cmd := exec.Command("sh", "-c", `ulimit -f 16; exec "$0" docs import --data "$1" "$2"`, os.Args[0], data, src)
	cmd.Env = append(environWithout("DATABASE_URL"), "SUMMITBOT_RUN_MAIN=1", "LOG_LEVEL=error")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("import with a full disk succeeded:\n%s", out)
	}
	if strings.Contains(string(out), "panic") || !strings.Contains(string(out), "import stopped") {
		t.Errorf("import with a full disk:\n%s", out)
	}
}

// TestDocsCommandsNeedNoIndex: docs add, list and remove work on the
// folder alone: they never build or open an index (a running bot holds
// it, and would make them wait and rebuild it in memory).
func TestDocsCommandsNeedNoIndex(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	vars := map[string]string{"SUMMITBOT_DATA": data}
	file := writeFile(t, src, "heron.txt", "Heron notes\n\nHerons stand still in shallow water.\n")
	for _, args := range [][]string{{"docs", "add", file}, {"docs", "list"}, {"docs", "remove", "heron-notes"}} {
		if r := runMain(t, "", vars, args...); r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(data, "index.bleve")); !os.IsNotExist(err) {
		t.Errorf("a docs command built an index: %v", err)
	}
}

// TestTwoProcessesAddingAndImporting: an import and adds of the same
// files run at once, in two processes: every text is stored once (no
// x-2), and after both exit, ask finds each.
func TestTwoProcessesAddingAndImporting(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	data, src := t.TempDir(), t.TempDir()
	const n = 60
	var files []string
	for i := range n {
		files = append(files, writeFile(t, src, fmt.Sprintf("r%02d.txt", i), fmt.Sprintf("Race file %d\n\nThe marker grebe%03d belongs to race file %d.", i, i, i)))
	}
	var wg sync.WaitGroup
	outs := make([][]byte, 2)
	for i, args := range [][]string{
		{"docs", "import", "--data", data, src},
		append([]string{"docs", "add", "--data", data}, files[n/2:]...),
	} {
		wg.Go(func() {
			cmd := child(t, args...)
			outs[i], _ = cmd.CombinedOutput() // duplicates make add exit 2: the check is below
		})
	}
	wg.Wait()
	names := docFiles(t, data)
	if len(names) != n {
		t.Errorf("%d documents stored for %d texts:\n%s\n%s", len(names), n, outs[0], outs[1])
	}
	want := map[string]bool{}
	for i := range n {
		want[fmt.Sprintf("race-file-%d.md", i)] = true
	}
	for _, name := range names {
		if !want[name] {
			t.Errorf("a text was stored twice: %s", name)
		}
	}
	cmd := child(t, "ask", "--json", "--data", data, "grebe059")
	out, err := cmd.Output()
	if err != nil || !strings.Contains(string(out), "race file 59") {
		t.Errorf("ask after both: %v %s", err, out)
	}
}
