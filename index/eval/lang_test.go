package eval

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/summitbot/summitbot/index/answer"
)

const langDir = "../testdata/lang"

// langTargets are what issue 16 asks of the question sets in Russian,
// Chinese and Kazakh at first run (a zero is no target); langFloors the
// least each set must keep (its first-run figures, less a little; the
// test sets' were scored once, after the reading was tuned on dev).
var (
	langTargets = map[string]targets{
		"ru": {top1: 0.70, top3: 0.85, outRefused: 0.90},
		"zh": {top1: 0.70, top3: 0.85, outRefused: 0.90},
		"kk": {top3: 0.70, outRefused: 0.90},
	}
	langFloors = map[string]targets{
		// The second round of passage questions (English, four more a
		// paragraph) cost ru-dev two questions (top-1 73.9 -> 69.6%) and
		// ru-judge one at top-3 (80.0 -> 76.7), for ru-judge2 +10 and
		// zh-test +3.7 points at top-1.
		"ru-dev": {top1: 0.66, top3: 0.75, direct: 0.66, outRefused: 0.50, inRefused: 0.22},
		// Comparing the words no document holds with the precedents as
		// well cost zh-dev one question (top-1 17 -> 16 of 23) while the
		// fifteen language sets gained (top-1 431 -> 434, top-3 476 ->
		// 478, out of scope refused 165 -> 167, in scope refused 85 -> 81).
		"zh-dev":  {top1: 0.69, top3: 0.73, direct: 0.69, outRefused: 0.50, inRefused: 0.22},
		"kk-dev":  {top1: 0.81, top3: 0.86, direct: 0.81, outRefused: 0.56, inRefused: 0.14},
		"ru-test": {top1: 0.80, top3: 0.87, direct: 0.78, outRefused: 0.51, inRefused: 0.12},
		// The precedents (the English training questions the "I don't
		// know" decision compares with) cost zh-test one in-scope
		// question (top-3 0.76 -> 0.74, in scope refused 0.17 -> 0.19)
		// for five more out-of-scope ones refused.
		"zh-test": {top1: 0.80, top3: 0.84, direct: 0.78, outRefused: 0.74, inRefused: 0.12},
		"kk-test": {top1: 0.81, top3: 0.89, direct: 0.81, outRefused: 0.34, inRefused: 0.08},
		// The judge sets (45 each, 15 out of scope), written blind by
		// other writers after the reading was done, scored once: ru 73.3 /
		// 80.0 / 73.3 / 73.3 / 10.0, zh 80.0 / 90.0 / 80.0 / 46.7 / 10.0,
		// kk 70.0 / 83.3 / 70.0 / 60.0 / 16.7 (top-1, top-3, direct, out
		// of scope refused, in scope refused).
		// The precedents cost ru-judge one in-scope question refused
		// (in scope refused 0.13 -> 0.14) and kk-judge one at top-1 (0.67
		// -> 0.63), for one and two more out-of-scope ones refused.
		"ru-judge": {top1: 0.70, top3: 0.76, direct: 0.70, outRefused: 0.70, inRefused: 0.14},
		"zh-judge": {top1: 0.77, top3: 0.87, direct: 0.77, outRefused: 0.43, inRefused: 0.13},
		"kk-judge": {top1: 0.63, top3: 0.80, direct: 0.63, outRefused: 0.56, inRefused: 0.20},
		// judge2 (45 each, 15 out of scope), by three more blind writers,
		// scored once when the precedents came in: ru 80.0 / 86.7 / 76.7 /
		// 86.7 / 10.0, zh 56.7 / 70.0 / 56.7 / 86.7 / 26.7, kk 70.0 / 86.7
		// / 63.3 / 80.0 / 6.7 (the engine before them: ru 80.0 / 90.0 /
		// 76.7 / 93.3 / 6.7, zh 60.0 / 73.3 / 60.0 / 80.0 / 23.3, kk 70.0
		// / 86.7 / 63.3 / 53.3 / 6.7).
		"ru-judge2": {top1: 0.76, top3: 0.83, direct: 0.73, outRefused: 0.80, inRefused: 0.14},
		"zh-judge2": {top1: 0.53, top3: 0.66, direct: 0.53, outRefused: 0.80, inRefused: 0.30},
		"kk-judge2": {top1: 0.66, top3: 0.83, direct: 0.60, outRefused: 0.73, inRefused: 0.10},
		// judge3 (80 each, 20 out of scope), by three more blind writers,
		// scored once against a285a6f: ru 86.7 / 88.3 / 86.7 / 75.0 / 8.3,
		// zh 66.7 / 76.7 / 66.7 / 95.0 / 18.3, kk 61.7 / 78.3 / 61.7 /
		// 60.0 / 15.0 (plain bleve top-1 10.0, 15.0, 10.0).
		"ru-judge3": {top1: 0.83, top3: 0.85, direct: 0.83, outRefused: 0.70, inRefused: 0.12},
		"zh-judge3": {top1: 0.63, top3: 0.73, direct: 0.63, outRefused: 0.90, inRefused: 0.22},
		"kk-judge3": {top1: 0.58, top3: 0.75, direct: 0.58, outRefused: 0.55, inRefused: 0.19},
		// judge4 (80 each, 16 out of scope), by three more blind writers,
		// scored once against 3d01212: ru 67.2 / 78.1 / 65.6 / 75.0 /
		// 15.6, zh 67.2 / 73.4 / 65.6 / 87.5 / 25.0, kk 70.3 / 85.9 / 70.3
		// / 81.2 / 6.2 (plain bleve top-1 12.5, 12.5, 15.6).
		"ru-judge4": {top1: 0.76, top3: 0.82, direct: 0.75, outRefused: 0.74, inRefused: 0.14},
		"zh-judge4": {top1: 0.75, top3: 0.79, direct: 0.72, outRefused: 0.86, inRefused: 0.20},
		"kk-judge4": {top1: 0.79, top3: 0.89, direct: 0.79, outRefused: 0.86, inRefused: 0.10},
		// judge5 (80 each, 16 out of scope), by three more blind writers,
		// scored once against c21e5ee: ru 75.0 / 82.8 / 73.4 / 81.2 /
		// 12.5, zh 59.4 / 64.1 / 56.2 / 81.2 / 31.2, kk 62.5 / 71.9 /
		// 59.4 / 75.0 / 20.3 (plain bleve top-1 18.8, 15.6, 17.2).
		// The Chinese reading's cross-references and segmentation from
		// both ends then raised zh-judge5 to 62.5 / 67.2 / 59.4 / 81.2 /
		// 26.6.
		"ru-judge5": {top1: 0.75, top3: 0.81, direct: 0.73, outRefused: 0.75, inRefused: 0.14},
		"zh-judge5": {top1: 0.61, top3: 0.68, direct: 0.57, outRefused: 0.75, inRefused: 0.28},
		"kk-judge5": {top1: 0.67, top3: 0.76, direct: 0.65, outRefused: 0.80, inRefused: 0.19},
		// judge6 (80 each, 16 out of scope), by three more blind writers,
		// scored once against 454c155: ru 68.8 / 75.0 / 67.2 / 75.0 /
		// 15.6, zh 62.5 / 67.2 / 60.9 / 93.8 / 28.1, kk 70.3 / 79.7 / 70.3
		// / 68.8 / 14.1 (plain bleve top-1 10.9, 7.8, 9.4).
		// Floors of the test and judge4-6 sets raised at f67e2d4, a few
		// points under its figures, after the reading fixes of 2026-12-04.
		"ru-judge6": {top1: 0.79, top3: 0.82, direct: 0.78, outRefused: 0.74, inRefused: 0.11},
		"zh-judge6": {top1: 0.61, top3: 0.65, direct: 0.59, outRefused: 0.87, inRefused: 0.29},
		"kk-judge6": {top1: 0.81, top3: 0.86, direct: 0.81, outRefused: 0.74, inRefused: 0.12},
	}
)

// TestLanguages scores the question sets written in Russian, Chinese and
// Kazakh (by writers who saw only the corpus) beside plain bleve, which
// reads them as they are, and holds each set's floor. The test and judge
// sets' figures are also held against issue 16's targets: a target not met is
// reported, not failed, while the floor holds.
func TestLanguages(t *testing.T) {
	ours, plain, _ := setup(t)
	for _, name := range []string{"ru-dev", "ru-test", "ru-judge", "ru-judge2", "ru-judge3", "ru-judge4", "ru-judge5", "ru-judge6", "zh-dev", "zh-test", "zh-judge", "zh-judge2", "zh-judge3", "zh-judge4", "zh-judge5", "zh-judge6", "kk-dev", "kk-test", "kk-judge", "kk-judge2", "kk-judge3", "kk-judge4", "kk-judge5", "kk-judge6"} {
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
			if tg := langTargets[name[:2]]; name[3:] != "dev" {
				f := rep.Figures()
				for _, c := range []struct {
					name      string
					got, want float64
				}{{"top-1", f.Top1, tg.top1}, {"top-3", f.Top3, tg.top3}, {"out of scope refused", f.OutRefused, tg.outRefused}} {
					if c.want == 0 {
						continue
					}
					state := "met"
					if c.got < c.want {
						state = "NOT MET"
					}
					t.Logf("issue 16 target %s %.2f: %.3f, %s", c.name, c.want, c.got, state)
				}
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

// TestLanguageSetsExpect: every phrase a language set expects occurs in
// a passage of the corpus, so a miss is the engine's, never the set's.
func TestLanguageSetsExpect(t *testing.T) {
	_, _, docs := setup(t)
	var passages []string
	for _, d := range docs {
		for _, p := range d.Passages() {
			passages = append(passages, p.Text)
		}
	}
	files, err := filepath.Glob(filepath.Join(langDir, "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no language sets in %s (%v)", langDir, err)
	}
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		cases, err := ReadCases(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, c := range cases {
			if !c.InScope() {
				continue
			}
			for _, item := range c.Expect {
				one := Case{Expect: []ExpectItem{item}}
				if !slices.ContainsFunc(passages, one.Holds) {
					t.Errorf("%s: %q expects %q, which no passage holds", filepath.Base(path), c.Q, item)
				}
			}
		}
	}
}
