package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/library"
)

// child returns a command running summitbot itself (see TestMain).
func child(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "SUMMITBOT_RUN_MAIN=1", "LOG_LEVEL=error")
	return cmd
}

// TestCrashWhileAddingLosesNothing kills a child adding documents with
// SIGKILL at random moments, many times. After each kill, every document
// it reported saved is on disk and found by ask, and the index holds
// exactly the documents on disk.
func TestCrashWhileAddingLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes; skipped with -short")
	}
	data, src := t.TempDir(), t.TempDir()
	const nfiles, perRound = 300, 20
	var files []string
	for i := 0; i < nfiles; i++ {
		name := filepath.Join(src, fmt.Sprintf("note-%03d.txt", i))
		body := fmt.Sprintf("Crash note %d\n\nThe codeword kestrel%04d marks item %d of the crash test.\n\nA second paragraph about item %d.", i, i, i, i)
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	base, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	reported := map[string]int{} // document id → file number
	kills := 0
	// The first child runs to the end, to learn how long one takes; the
	// others are killed at a random moment within that time.
	var whole time.Duration
	for round := 0; round*perRound < nfiles; round++ {
		batch := files[round*perRound : (round+1)*perRound]
		cmd := child(t, append([]string{"docs", "add", "--data", data}, batch...)...)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var lines []string
		wg.Add(1)
		go func() {
			defer wg.Done()
			for sc := bufio.NewScanner(out); sc.Scan(); {
				lines = append(lines, sc.Text())
			}
		}()
		started := time.Now()
		timer := time.AfterFunc(time.Hour, func() { _ = cmd.Process.Kill() })
		if round > 0 {
			timer.Reset(time.Duration(rng.Int64N(int64(whole))))
		}
		wg.Wait()
		if cmd.Wait() != nil {
			kills++
		}
		timer.Stop()
		if round == 0 {
			whole = time.Since(started)
		}
		for _, l := range lines {
			var id string
			var n int
			if _, err := fmt.Sscanf(l, "saved %s\tCrash note %d", &id, &n); err != nil {
				t.Fatalf("child printed %q", l)
			}
			reported[id] = n
		}

		// Restart: open the data folder as the next process would.
		lib, err := library.Open(t.Context(), library.Config{DataDir: data, Base: base})
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		store, err := corpus.OpenStore(filepath.Join(data, library.DocumentsDirName))
		if err != nil {
			t.Fatal(err)
		}
		onDisk, problems, err := store.List()
		if err != nil || len(problems) > 0 {
			t.Fatalf("round %d: documents folder: %v %v", round, err, problems)
		}
		disk := map[string]bool{}
		for _, d := range onDisk {
			disk[d.ID] = true
		}
		for id, n := range reported {
			if !disk[id] {
				t.Errorf("round %d: %s was reported saved and is not on disk", round, id)
			}
			ans, err := lib.Ask(t.Context(), fmt.Sprintf("kestrel%04d", n), 1)
			if err != nil || !ans.Answered || ans.Passages[0].DocID != id {
				t.Errorf("round %d: %s not found: %+v %v", round, id, ans.Passages, err)
			}
		}
		indexed := 0
		for _, d := range lib.Documents() {
			if lib.IsBuiltIn(d.ID) {
				continue
			}
			indexed++
			if !disk[d.ID] {
				t.Errorf("round %d: the index holds %s, which is not on disk", round, d.ID)
			}
		}
		if indexed != len(disk) {
			t.Errorf("round %d: %d documents indexed, %d on disk", round, indexed, len(disk))
		}
		lib.Close()
	}
	if kills < 7 {
		t.Errorf("only %d of the children were killed mid-way; the test did not exercise crashes", kills)
	}
	// And `ask` itself, as a user runs it, finds a reported document.
	for id, n := range reported {
		cmd := child(t, "ask", "--json", "--data", data, fmt.Sprintf("kestrel%04d", n))
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("ask: %v", err)
		}
		var a struct {
			Passages []struct {
				DocID string `json:"doc_id"`
			} `json:"passages"`
		}
		if err := json.Unmarshal(out, &a); err != nil || len(a.Passages) == 0 || a.Passages[0].DocID != id {
			t.Errorf("ask for %s: %s", id, out)
		}
		break
	}
	t.Logf("%d rounds, %d children killed mid-way, %d documents reported saved", (nfiles+perRound-1)/perRound, kills, len(reported))
}
