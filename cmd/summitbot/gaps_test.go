package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/gaps"
)

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/summitbot -run %s -update to create it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file; got:\n%s", path, got)
	}
}

func TestFormatGaps(t *testing.T) {
	last := time.Date(2025, 6, 20, 14, 2, 0, 0, time.UTC)
	rep := gaps.Report{
		Since: time.Date(2025, 5, 21, 14, 2, 0, 0, time.UTC),
		Open: []gaps.Gap{
			{Question: "how tall is the Baiterek tower?", Wordings: 3, Asked: 3, Refused: 3, People: 3, Last: last},
			{Question: "What did Xi say about tariff wars?", Wordings: 1, Asked: 2, Down: 2, People: 2, Last: last.Add(3 * time.Minute),
				Passages: []string{"afp-summit-2025-06-17#4", "note-trade-figures#2"}},
			{Question: "who won the world cup\x1b[2J", Wordings: 1, Asked: 1, Refused: 1, People: 1, Last: last.Add(-48 * time.Hour)},
		},
		Answered: 1, Dismissed: 1,
	}
	tests := []struct {
		name string
		rep  gaps.Report
	}{
		{"gaps.txt", rep},
		{"gaps_empty.txt", gaps.Report{Since: rep.Since}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if err := formatGaps(&b, tt.rep, "30d"); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(b.String(), "\x1b") {
				t.Error("a control character reached the terminal")
			}
			golden(t, tt.name, b.String())
		})
	}
}

// TestGapsCommand runs `summitbot gaps` on a data folder the bot's log
// wrote: the text and JSON lists, the window, and bad settings.
func TestGapsCommand(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"SUMMITBOT_DATA": dir}
	// A fresh folder: nothing listed, nothing written.
	r := runMain(t, "", vars, "gaps")
	if r.code != 0 || !strings.Contains(r.stdout, "0 open, 0 answered, 0 dismissed") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, gaps.DirName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("listing made the gaps folder: %v", err)
	}

	now := time.Now()
	clock := now.Add(-40 * 24 * time.Hour)
	log, err := gaps.Open(gaps.Config{Dir: dir, Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	rec := func(q, user string, ev gaps.Event) {
		t.Helper()
		if err := log.Record(t.Context(), gaps.Ask{Event: ev, Question: q, Guild: "300", User: user, Passages: []string{"afp-summit-2025-06-17#4"}}); err != nil {
			t.Fatal(err)
		}
	}
	rec("an old question about wheat", "u1", gaps.Refused) // 40 days ago
	clock = now.Add(-2 * time.Hour)
	for _, u := range []string{"u1", "u2", "u3"} {
		rec("how tall is the Baiterek tower?", u, gaps.Refused)
	}
	rec("What did Xi say about tariff wars?", "u4", gaps.Down)
	rec("who won the world cup", "u5", gaps.Refused)
	rep, err := log.List(t.Context(), gaps.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range rep.Open {
		if g.Question == "who won the world cup" {
			if _, err := log.Dismiss(t.Context(), g.ID, gaps.Filter{}, corpus.Actor{ID: "mod"}); err != nil {
				t.Fatal(err)
			}
		}
	}

	r = runMain(t, "", vars, "gaps")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if !strings.Contains(lines[0], "Coverage gaps in the last 30d") || !strings.Contains(lines[0], "2 open, 0 answered, 1 dismissed") {
		t.Errorf("summary %q", lines[0])
	}
	if len(lines) != 6 || !strings.HasPrefix(strings.TrimSpace(lines[3]), "3       3     0") || !strings.HasSuffix(lines[3], "how tall is the Baiterek tower?") ||
		!strings.HasSuffix(lines[4], "What did Xi say about tariff wars?") || !strings.HasSuffix(lines[5], "👎 on afp-summit-2025-06-17#4") {
		t.Errorf("output:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "wheat") || strings.Contains(r.stdout, "world cup") {
		t.Errorf("a gap outside the window or dismissed is listed:\n%s", r.stdout)
	}
	if r := runMain(t, "", vars, "gaps", "--since", "60d"); !strings.Contains(r.stdout, "wheat") {
		t.Errorf("--since 60d does not reach back 40 days:\n%s", r.stdout)
	}
	if r := runMain(t, "", map[string]string{"SUMMITBOT_DATA": dir, "GAPS_RETENTION": "30d"}, "gaps", "--since", "60d"); strings.Contains(r.stdout, "wheat") {
		t.Errorf("a record past GAPS_RETENTION is listed:\n%s", r.stdout)
	}

	r = runMain(t, "", vars, "gaps", "--json", "--since", "1w")
	var got struct {
		Since time.Time `json:"since"`
		Gaps  []struct {
			ID       string    `json:"id"`
			Question string    `json:"question"`
			Asked    int       `json:"asked"`
			Down     int       `json:"down"`
			People   int       `json:"people"`
			Last     time.Time `json:"last"`
			Passages []string  `json:"passages"`
		} `json:"gaps"`
		Answered  int `json:"answered"`
		Dismissed int `json:"dismissed"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("--json: %v\n%s", err, r.stdout)
	}
	if len(got.Gaps) != 2 || got.Gaps[0].Asked != 3 || got.Gaps[0].People != 3 || got.Gaps[1].Down != 1 || len(got.Gaps[1].Passages) != 1 ||
		got.Dismissed != 1 || !gaps.ValidID(got.Gaps[0].ID) || got.Since.After(now.Add(-6*24*time.Hour)) {
		t.Errorf("--json: %+v", got)
	}

	for _, bad := range []struct {
		vars map[string]string
		args []string
		want string
	}{
		{vars, []string{"gaps", "--since", "soon"}, "--since"},
		{vars, []string{"gaps", "extra"}, "no arguments"},
		{map[string]string{"SUMMITBOT_DATA": dir, "GAPS_RETENTION": "forever"}, []string{"gaps"}, "GAPS_RETENTION"},
		{map[string]string{"SUMMITBOT_DATA": dir, "GAPS": "maybe"}, []string{"gaps"}, "GAPS="},
	} {
		if r := runMain(t, "", bad.vars, bad.args...); r.code != 2 || !strings.Contains(r.stderr, bad.want) {
			t.Errorf("%v %v: exit %d, stderr %q", bad.vars, bad.args, r.code, r.stderr)
		}
	}
}

func TestGapsSettings(t *testing.T) {
	tests := []struct {
		gaps, retention string
		on              bool
		want            time.Duration
		bad             bool
	}{
		{"", "", true, gaps.DefaultRetention, false},
		{"on", "30d", true, 30 * 24 * time.Hour, false},
		{"OFF", "", false, gaps.DefaultRetention, false},
		{"false", "", false, gaps.DefaultRetention, false},
		{"sometimes", "", false, 0, true},
		{"on", "-3d", false, 0, true},
		{"on", "0", false, 0, true},
	}
	for _, tt := range tests {
		env := map[string]string{"GAPS": tt.gaps, "GAPS_RETENTION": tt.retention}
		on, ret, err := gapsSettings(func(k string) string { return env[k] })
		if (err != nil) != tt.bad || !tt.bad && (on != tt.on || ret != tt.want) {
			t.Errorf("GAPS=%q GAPS_RETENTION=%q: %v, %v, %v", tt.gaps, tt.retention, on, ret, err)
		}
	}
}
