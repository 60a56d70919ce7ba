package eval

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/summitbot/summitbot/index/answer"
)

const langDir = "../testdata/lang"

// langTargets are what issue 16 asks of the question sets in Russian,
// Chinese and Kazakh at first run; langFloors the least each set must
// keep (the first-run figures, less a little).
var (
	langTargets = map[string]targets{
		"ru": {top1: 0.70, top3: 0.85, outRefused: 0.90},
		"zh": {top1: 0.70, top3: 0.85, outRefused: 0.90},
		"kk": {top3: 0.70, outRefused: 0.90},
	}
	langFloors = map[string]targets{
		"ru-dev": {inRefused: 1},
		"zh-dev": {inRefused: 1},
		"kk-dev": {inRefused: 1},
	}
)

// TestLanguages scores the question sets written in Russian, Chinese and
// Kazakh (by writers who saw only the corpus) beside plain bleve, which
// reads them as they are, and holds each set's floor. The test sets'
// figures are also held against issue 16's targets: a target not met is
// reported, not failed, while the floor holds.
func TestLanguages(t *testing.T) {
	ours, plain, _ := setup(t)
	for _, name := range []string{"ru-dev", "ru-test", "zh-dev", "zh-test", "kk-dev", "kk-test"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(langDir, name+".jsonl")
			f, err := os.Open(path)
			if os.IsNotExist(err) {
				t.Skipf("%s is not there", path)
			}
			if err != nil {
				t.Fatal(err)
			}
			cases, err := ReadCases(f)
			f.Close()
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			rep, err := Evaluate(t.Context(), ours, cases, answer.DefaultK)
			if err != nil {
				t.Fatal(err)
			}
			base, err := Evaluate(t.Context(), plain, cases, answer.DefaultK)
			if err != nil {
				t.Fatal(err)
			}
			b := base.Figures()
			t.Logf("%s (%d questions, %d out of scope)\n  summitbot:   %s\n  plain bleve: top-1 %.1f%%, top-3 %.1f%%",
				name, len(cases), rep.OutOfScope, rep.Summary(), 100*b.Top1, 100*b.Top3)
			fl, ok := langFloors[name]
			if !ok {
				t.Fatalf("no floor for %s", name)
			}
			checkFloor(t, rep.Figures(), fl)
			if tg := langTargets[name[:2]]; filepath.Ext(name) == "" && name[3:] == "test" {
				reportTargets(t, rep.Figures(), tg)
			}
			if testing.Verbose() && os.Getenv("MISSES") == name {
				for _, r := range rep.Results {
					if !r.Correct || r.Case.InScope() && !r.Direct {
						t.Logf("MISS %s read as %q: %s", r.Case.Style, r.Answer.ReadAs, r.Describe())
					}
				}
			}
		})
	}
}
