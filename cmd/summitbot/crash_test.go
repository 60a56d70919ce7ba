package main

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/bot/discordtest"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/library"
)

// child returns a command running summitbot itself (see TestMain).
func child(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = t.TempDir()
	cmd.Env = append(environWithout("DATABASE_URL"), "SUMMITBOT_RUN_MAIN=1", "LOG_LEVEL=error")
	return cmd
}

// environWithout is this process's environment without the variables
// named: a child gets DATABASE_URL only when its test gives it one (a
// database of its own).
func environWithout(names ...string) []string {
	var out []string
next:
	for _, kv := range os.Environ() {
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				continue next
			}
		}
		out = append(out, kv)
	}
	return out
}

// crashRun is one data folder under repeated kills, and what was
// acknowledged saved in it: document id → the codeword of its text.
type crashRun struct {
	t     *testing.T
	data  string
	base  []corpus.Document
	rng   *rand.Rand
	acked map[string]string
	kills int
	next  int // next note number
}

// note writes the text of note n, with its codeword, and returns its file.
func (c *crashRun) note(dir string) (string, string) {
	n := c.next
	c.next++
	word := fmt.Sprintf("kestrel%05d", n)
	name := filepath.Join(dir, fmt.Sprintf("note-%05d.txt", n))
	body := fmt.Sprintf("Crash note %d\n\nThe codeword %s marks item %d of the crash test.\n\nA second paragraph about item %d.", n, word, n, n)
	if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
		c.t.Fatal(err)
	}
	return name, word
}

// killed runs cmd, kills it after a random wait up to max, and returns the
// lines it printed.
func (c *crashRun) killed(cmd *exec.Cmd, max time.Duration) []string {
	out, err := cmd.StdoutPipe()
	if err != nil {
		c.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	var lines []string
	var wg sync.WaitGroup
	wg.Go(func() {
		for sc := bufio.NewScanner(out); sc.Scan(); {
			lines = append(lines, sc.Text())
		}
	})
	timer := time.AfterFunc(time.Duration(c.rng.Int64N(int64(max))), func() { _ = cmd.Process.Kill() })
	wg.Wait()
	if cmd.Wait() != nil {
		c.kills++
	}
	timer.Stop()
	return lines
}

// adapt is the next round's time to kill within: shorter after a round
// the child finished before its kill (the machine is faster than the
// first round said), a little longer after a kill, so that the kills
// come throughout a command's run however loaded the machine is.
func adapt(d time.Duration, killed bool) time.Duration {
	if killed {
		return d * 21 / 20
	}
	return d * 4 / 5
}

// check verifies the folder after a kill: every acknowledged document is
// on disk and parses, and every document on disk has its audit line; with
// index, also that a restart's index holds exactly the folder's documents
// and finds each acknowledged one.
func (c *crashRun) check(round string, index bool) {
	t := c.t
	store, err := corpus.OpenStore(filepath.Join(c.data, library.DocumentsDirName))
	if err != nil {
		t.Fatal(err)
	}
	onDisk, problems, err := store.List()
	if err != nil || len(problems) > 0 {
		t.Fatalf("%s: documents folder: %v %v", round, err, problems)
	}
	disk := map[string]corpus.Document{}
	for _, d := range onDisk {
		disk[d.ID] = d
	}
	for id := range c.acked {
		if _, ok := disk[id]; !ok {
			t.Errorf("%s: %s was acknowledged saved and is not on disk", round, id)
		}
	}
	audited := map[string]bool{}
	entries, _, err := corpus.ReadAuditLog(filepath.Join(c.data, library.AuditFileName))
	if err != nil {
		t.Errorf("%s: %v", round, err)
	}
	for _, e := range entries {
		if e.Action == corpus.ActionAdd {
			audited[e.DocID+"\x00"+e.Hash] = true
		}
	}
	for id, d := range disk {
		if !audited[id+"\x00"+d.Hash()] {
			t.Errorf("%s: %s is on disk without its audit line", round, id)
		}
	}
	if !index {
		return
	}
	lib, err := library.Open(t.Context(), library.Config{DataDir: c.data, Base: c.base})
	if err != nil {
		t.Fatalf("%s: reopen: %v", round, err)
	}
	defer lib.Close()
	indexed := 0
	for _, d := range lib.Documents() {
		if lib.IsBuiltIn(d.ID) {
			continue
		}
		indexed++
		if _, ok := disk[d.ID]; !ok {
			t.Errorf("%s: the index holds %s, which is not on disk", round, d.ID)
		}
	}
	if indexed != len(disk) {
		t.Errorf("%s: %d documents indexed, %d on disk", round, indexed, len(disk))
	}
	for id, word := range c.acked {
		ans, err := lib.Ask(t.Context(), word, 1)
		if err != nil || len(ans.Passages) == 0 || ans.Passages[0].DocID != id {
			t.Errorf("%s: %s (%s) not found: %+v %v", round, id, word, ans.Passages, err)
		}
	}
}

var (
	savedLine = regexp.MustCompile(`^saved (\S+)\t`)
	confirmed = regexp.MustCompile("\\(`(crash-note-[0-9]+)`\\)")
)

// codeword is the codeword of note number n (given as text).
func codeword(t *testing.T, n string) string {
	t.Helper()
	var i int
	if _, err := fmt.Sscanf(n, "%d", &i); err != nil {
		t.Fatalf("note number %q: %v", n, err)
	}
	return fmt.Sprintf("kestrel%05d", i)
}

// TestKillsLoseNothing SIGKILLs, at random moments, `docs add`, `docs
// import` and a serving bot to which moderators add documents through the
// fake Discord: at least 100 kills. After each, every document
// acknowledged saved is on disk and has its audit line, and after a
// restart the index holds exactly the folder's documents and finds every
// acknowledged one.
func TestKillsLoseNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes; skipped with -short")
	}
	base, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := &crashRun{t: t, data: t.TempDir(), base: base, rng: rand.New(rand.NewPCG(7, 11)), acked: map[string]string{}}
	src := t.TempDir()
	words := map[string]string{} // file → codeword

	// docs add: a few files each time, killed within the time one add takes.
	// Rounds go on until each kind has its kills (or a cap on rounds).
	const addKills, importKills, botRounds, maxRounds = 40, 30, 30, 400
	whole := time.Duration(0)
	addRounds := 0
	for round := 0; c.kills < addKills && round < maxRounds; round++ {
		addRounds++
		var files []string
		for range 4 {
			f, w := c.note(src)
			files = append(files, f)
			words[filepath.Base(f)] = w
		}
		cmd := child(t, append([]string{"docs", "add", "--data", c.data}, files...)...)
		start := time.Now()
		limit := whole
		if round == 0 {
			limit = time.Hour
		}
		kills := c.kills
		lines := c.killed(cmd, max(limit, time.Millisecond))
		if round == 0 {
			whole = time.Since(start)
		} else {
			whole = adapt(whole, c.kills > kills)
		}
		for _, l := range lines {
			m := savedLine.FindStringSubmatch(l)
			if m == nil {
				t.Fatalf("docs add printed %q", l)
			}
			c.acked[m[1]] = codeword(t, strings.TrimPrefix(m[1], "crash-note-"))
		}
		c.check(fmt.Sprintf("add %d", round), round%15 == 14)
	}

	// docs import: a folder of 30 files each time; an import
	// acknowledges nothing file by file, only the count at the end.
	importRounds, before := 0, c.kills
	for round := 0; c.kills-before < importKills && round < maxRounds; round++ {
		importRounds++
		dir := t.TempDir()
		for range 30 {
			c.note(dir)
		}
		kills := c.kills
		lines := c.killed(child(t, "docs", "import", "--data", c.data, dir), max(whole*3/2, time.Millisecond))
		whole = adapt(whole, c.kills > kills)
		for _, l := range lines {
			if strings.HasPrefix(l, "imported") {
				// Acknowledged as a whole: each of its files is a document.
				entries, err := os.ReadDir(dir)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range entries {
					data, err := os.ReadFile(filepath.Join(dir, e.Name()))
					if err != nil {
						t.Fatal(err)
					}
					title, _, _ := strings.Cut(string(data), "\n")
					c.acked[corpus.Slug(title)] = codeword(t, strings.TrimPrefix(title, "Crash note "))
				}
			}
		}
		c.check(fmt.Sprintf("import %d", round), round%15 == 14)
	}

	// A serving bot, moderators adding through the fake Discord.
	const token = "crash-test-token"
	for round := range botRounds {
		fake := discordtest.Start(t, discordtest.Options{Token: token})
		serve := child(t, "serve")
		serve.Env = append(serve.Env, "DISCORD_TOKEN="+token, "DISCORD_API_URL="+fake.URL(), "SUMMITBOT_DATA="+c.data, "RATE_PER_MINUTE=-1")
		if err := serve.Start(); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
		if err := fake.WaitReady(ctx); err != nil {
			t.Fatalf("bot round %d: serve never connected: %v", round, err)
		}
		// Submissions in a stream; the kill comes while they run.
		kill := time.AfterFunc(time.Duration(c.rng.Int64N(int64(400*time.Millisecond))), func() { _ = serve.Process.Kill() })
		for k := range 8 {
			n := c.next
			c.next++
			id := fmt.Sprintf("%d%03d", 5000+round, k)
			i := discordtest.WithPermissions(discordtest.ModalSubmit(id, "u-mod", "add", map[string]string{
				"title": fmt.Sprintf("Crash note %d", n),
				"body":  fmt.Sprintf("The codeword kestrel%05d marks item %d of the crash test.\n\nA second paragraph about item %d.", n, n, n),
			}), discordgo.PermissionManageGuild)
			if err := fake.SendInteraction(i); err != nil {
				break // the bot is gone
			}
			time.Sleep(20 * time.Millisecond)
		}
		_ = serve.Wait() // the kill's exit status, always
		kill.Stop()
		cancel()
		c.kills++
		// Acknowledged: a reply that says saved, with the document's id.
		for _, r := range fake.Requests() {
			if !strings.Contains(string(r.Body), "is saved and searchable now") {
				continue
			}
			m := confirmed.FindStringSubmatch(string(r.Body))
			if m == nil {
				t.Fatalf("a confirmation without an id: %s", r.Body)
			}
			c.acked[m[1]] = codeword(t, strings.TrimPrefix(m[1], "crash-note-"))
		}
		c.check(fmt.Sprintf("bot %d", round), round%10 == 9)
	}
	c.check("end", true)
	if c.kills < 100 {
		t.Errorf("only %d kills; the test did not exercise crashes enough", c.kills)
	}
	t.Logf("%d kills (add %d, import %d, bot %d rounds); %d documents acknowledged, all found after restart", c.kills, addRounds, importRounds, botRounds, len(c.acked))
}
