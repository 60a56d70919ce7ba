package eval

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
)

const (
	bankDir    = "../testdata/bank"
	earlierDir = "../testdata/earlier"
	newDocsDir = "../testdata/newdocs"
)

// engines are built once for all the tests of the package.
var engines struct {
	once  sync.Once
	err   error
	docs  []corpus.Document
	ours  *answer.Engine
	plain *Plain
}

func setup(t *testing.T) (*answer.Engine, *Plain, []corpus.Document) {
	t.Helper()
	engines.once.Do(func() {
		ctx := context.Background()
		engines.docs, engines.err = corpus.Default()
		if engines.err != nil {
			return
		}
		var ix *index.Index
		if ix, engines.err = index.OpenMem(ctx, engines.docs); engines.err != nil {
			return
		}
		if engines.ours, engines.err = answer.Default(ix); engines.err != nil {
			return
		}
		engines.plain, engines.err = NewPlain(engines.docs)
	})
	if engines.err != nil {
		t.Fatal(engines.err)
	}
	return engines.ours, engines.plain, engines.docs
}

// targets are what the engine must reach on a split (issue 10's "Done
// when"): top-1 and top-3 at least, the direct answer holding the phrase,
// out-of-scope questions refused, and in-scope ones refused at most.
type targets struct {
	top1, top3, direct, outRefused, inRefused float64
}

// issueTargets are the figures issue 10 asks of the test split at first
// run. floors are the least each split must keep (the first-run figures of
// the fitted engine, less a little): the line CI holds while a target is
// out of reach, which the test reports as such.
var (
	issueTargets = targets{top1: 0.88, top3: 0.96, direct: 0.85, outRefused: 0.90, inRefused: 0.05}
	floors       = map[string]targets{
		SplitTrain: {top1: 0.81, top3: 0.87, direct: 0.80, outRefused: 0.58, inRefused: 0.10},
		SplitDev:   {top1: 0.86, top3: 0.92, direct: 0.84, outRefused: 0.60, inRefused: 0.06},
		SplitTest:  {top1: 0.85, top3: 0.87, direct: 0.83, outRefused: 0.65, inRefused: 0.10},
		// Sets written blind after the test split had been read, each
		// scored once at its first run: w9-w10 (160 questions, 40 out of
		// scope) for the precedents: top-1 85.8%, top-3 94.2%, direct
		// 82.5%, out of scope refused 87.5%, in scope refused 4.2% (the
		// engine before: 86.7 / 94.2 / 83.3 / 72.5 / 4.2); w11-w12 (160, 40)
		// after them: 78.3 / 88.3 / 75.0 / 90.0 / 8.3 (before: 78.3 / 86.7 /
		// 75.0 / 75.0 / 10.8); w13-w14 (160, 40) after the second round of
		// passage questions: 85.8 / 90.0 / 84.2 / 90.0 / 9.2 (with the
		// precedents alone 85.0 / 90.0 / 83.3 / 90.0 / 8.3; before them
		// 84.2 / 88.3 / 82.5 / 75.0 / 10.8; plain bleve 79.2 / 88.3). All
		// six then: 85.0 / 91.4 / 81.9 / 89.2 / 6.9. w15-w16 (160, 40), scored
		// once against 25ff122: 81.7 / 91.7 / 80.0 / 92.5 / 3.3 (plain bleve
		// 65.8 / 76.7); all eight: 84.2 / 91.5 / 81.5 / 90.0 / 6.0. w17 (80,
		// 20), scored once against 6892abc and 7d7684e: both 95.0 / 96.7 /
		// 93.3 / 90.0 / 1.7 (plain bleve 73.3-75.0 / 90.0: one question's
		// tie in BM25 falls either way from run to run). w18 (80, 20), at
		// the end of that session, scored once against 6892abc and 3c24afd:
		// 85.0 / 95.0 / 83.3 / 95.0 / 3.3 -> 83.3 / 93.3 / 81.7 / 95.0 / 5.0
		// (plain bleve 53.3 / 75.0). w19 (80, 20), scored once against
		// 3d01212: 93.3 / 96.7 / 91.7 / 90.0 / 0.0 (plain bleve 63.3 /
		// 80.0). w20 (80, 20), scored once against 454c155: 81.7 / 88.3 /
		// 81.7 / 90.0 / 10.0 (plain bleve 63.3 / 76.7).
		SplitJudge: {top1: 0.79, top3: 0.88, direct: 0.76, outRefused: 0.84, inRefused: 0.09},
	}
)

// TestSplits scores every split of the bank, beside plain bleve, and holds
// the line: summitbot beats plain bleve at top-1 and top-3 on every split,
// and each split keeps its floor. The test split's figures are also held
// against the issue's targets; a target not met is reported, not failed,
// while the floor holds.
func TestSplits(t *testing.T) {
	ours, plain, _ := setup(t)
	for _, split := range []string{SplitTrain, SplitDev, SplitTest, SplitJudge} {
		t.Run(split, func(t *testing.T) {
			cases, err := ReadSplit(bankDir, split)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Evaluate(t.Context(), ours, cases, answer.DefaultK)
			if err != nil {
				t.Fatal(err)
			}
			base, err := Evaluate(t.Context(), plain, cases, answer.DefaultK)
			if err != nil {
				t.Fatal(err)
			}
			f, b := rep.Figures(), base.Figures()
			t.Logf("%s (%d questions, %d out of scope)\n  summitbot:   %s\n  plain bleve: top-1 %.1f%%, top-3 %.1f%%",
				split, len(cases), rep.OutOfScope, rep.Summary(), 100*b.Top1, 100*b.Top3)
			if f.Top1 <= b.Top1 || f.Top3 <= b.Top3 {
				t.Errorf("summitbot does not beat plain bleve: top-1 %.3f vs %.3f, top-3 %.3f vs %.3f", f.Top1, b.Top1, f.Top3, b.Top3)
			}
			checkFloor(t, f, floors[split])
			if split == SplitTest || split == SplitJudge {
				reportTargets(t, f, issueTargets)
			}
			if testing.Verbose() && os.Getenv("MISSES") == split {
				for _, r := range rep.Results {
					if !r.Correct || r.Case.InScope() && !r.Direct {
						t.Logf("MISS %s %s", r.Case.Style, r.Describe())
					}
				}
			}
		})
	}
}

func checkFloor(t *testing.T, f Figures, fl targets) {
	t.Helper()
	for _, c := range []struct {
		name      string
		got, want float64
		atMost    bool
	}{
		{"top-1", f.Top1, fl.top1, false}, {"top-3", f.Top3, fl.top3, false}, {"direct answer", f.Direct, fl.direct, false},
		{"out of scope refused", f.OutRefused, fl.outRefused, false}, {"in scope refused", f.InRefused, fl.inRefused, true},
	} {
		if c.atMost && c.got > c.want || !c.atMost && c.got < c.want {
			t.Errorf("%s %.3f, past its floor %.2f", c.name, c.got, c.want)
		}
	}
}

func reportTargets(t *testing.T, f Figures, tg targets) {
	t.Helper()
	for _, c := range []struct {
		name      string
		got, want float64
		atMost    bool
	}{
		{"top-1", f.Top1, tg.top1, false}, {"top-3", f.Top3, tg.top3, false}, {"direct answer", f.Direct, tg.direct, false},
		{"out of scope refused", f.OutRefused, tg.outRefused, false}, {"in scope refused", f.InRefused, tg.inRefused, true},
	} {
		met := c.atMost && c.got <= c.want || !c.atMost && c.got >= c.want
		state := "met"
		if !met {
			state = "NOT MET"
		}
		t.Logf("issue target %s %.2f: %.3f, %s", c.name, c.want, c.got, state)
	}
}

// TestExpectsAreVerbatim: every phrase the bank expects stands in a
// passage of the built-in corpus (and those of the new-documents set in
// it or the new documents), as the writers were told to copy them.
func TestExpectsAreVerbatim(t *testing.T) {
	_, _, docs := setup(t)
	newDocs, err := corpus.LoadFS(os.DirFS(filepath.Join(newDocsDir, "docs")))
	if err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, cases []Case, docs []corpus.Document) {
		var texts []string
		for _, d := range docs {
			for _, p := range d.Passages() {
				texts = append(texts, normalize(p.Text))
			}
		}
		for _, c := range cases {
			for _, item := range c.Expect {
				for _, phrase := range item {
					found := false
					for _, tx := range texts {
						if strings.Contains(tx, normalize(phrase)) {
							found = true
							break
						}
					}
					if !found {
						t.Errorf("%q expects %q, which no passage holds", c.Q, phrase)
					}
				}
			}
		}
	}
	for _, split := range []string{SplitTrain, SplitDev, SplitTest, SplitJudge} {
		cases, err := ReadSplit(bankDir, split)
		if err != nil {
			t.Fatal(err)
		}
		check(t, cases, docs)
	}
	cases, err := ReadFile(filepath.Join(newDocsDir, "questions.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	check(t, cases, append(append([]corpus.Document(nil), docs...), newDocs...))
}

// TestNewDocuments answers the new-documents set: questions about six
// notes kept out of the built-in corpus, written by a writer who saw only
// them, from an index of those notes alone (they restate facts the
// built-in notes hold, in other words, so the expected phrases are theirs
// only); with the notes' passage questions (written by another blind
// writer, as the built-in corpus's were) and without them (a moderator's
// document without questions). The issue asks top-1 of 80%; each variant
// holds its floor (its first run, less a little) and the target is
// reported.
func TestNewDocuments(t *testing.T) {
	newDocs, err := corpus.LoadFS(os.DirFS(filepath.Join(newDocsDir, "docs")))
	if err != nil {
		t.Fatal(err)
	}
	cases, err := ReadFile(filepath.Join(newDocsDir, "questions.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct {
		name  string
		docs  []corpus.Document
		floor float64
	}{{"with passage questions", newDocs, 0.76}, {"without passage questions", withoutQuestions(newDocs), 0.66}} {
		rep, base := evaluateOn(t, v.docs, cases)
		f, b := rep.Figures(), base.Figures()
		t.Logf("new documents, %s: %s; plain bleve top-1 %.1f%%, top-3 %.1f%%", v.name, rep.Summary(), 100*b.Top1, 100*b.Top3)
		state := "met"
		if f.Top1 < 0.80 {
			state = "NOT MET"
		}
		t.Logf("issue target new-documents top-1 0.80 (%s): %.3f, %s", v.name, f.Top1, state)
		if f.Top1 < v.floor {
			t.Errorf("%s: top-1 %.3f, past its floor %.2f", v.name, f.Top1, v.floor)
		}
	}
}

// withoutQuestions returns docs with their passage questions dropped.
func withoutQuestions(docs []corpus.Document) []corpus.Document {
	out := make([]corpus.Document, len(docs))
	for i, d := range docs {
		d.Questions = nil
		out[i] = d
	}
	return out
}

// TestQuestionsFieldGain reports what the passage questions add on the
// built-in corpus: the dev and test splits with and without them.
func TestQuestionsFieldGain(t *testing.T) {
	_, _, docs := setup(t)
	bare := withoutQuestions(docs)
	for _, split := range []string{SplitDev, SplitTest} {
		cases, err := ReadSplit(bankDir, split)
		if err != nil {
			t.Fatal(err)
		}
		with, _ := evaluateOn(t, docs, cases)
		without, _ := evaluateOn(t, bare, cases)
		fw, fo := with.Figures(), without.Figures()
		t.Logf("%s: passage questions indexed: top-1 %.1f%%, top-3 %.1f%%; not indexed: top-1 %.1f%%, top-3 %.1f%%",
			split, 100*fw.Top1, 100*fw.Top3, 100*fo.Top1, 100*fo.Top3)
		if fw.Top1 < fo.Top1 {
			t.Errorf("%s: the passage questions lower top-1 (%.3f < %.3f)", split, fw.Top1, fo.Top1)
		}
	}
}

// evaluateOn answers cases from an in-memory index of docs, and from plain
// bleve over the same paragraphs.
func evaluateOn(t *testing.T, docs []corpus.Document, cases []Case) (Report, Report) {
	t.Helper()
	ix, err := index.OpenMem(t.Context(), docs)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	eng, err := answer.Default(ix)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Evaluate(t.Context(), eng, cases, answer.DefaultK)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := NewPlain(docs)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	base, err := Evaluate(t.Context(), plain, cases, answer.DefaultK)
	if err != nil {
		t.Fatal(err)
	}
	return rep, base
}

// TestFactSpeakers: every fact the bank's answers print carries the
// speaker its sentence is labelled with (index/answer/testdata/speakers.tsv),
// or none.
func TestFactSpeakers(t *testing.T) {
	ours, _, _ := setup(t)
	labels := map[string]string{} // passage id + sentence → speaker
	f, err := os.Open("../answer/testdata/speakers.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sc := bufio.NewScanner(f); sc.Scan(); {
		fields := strings.SplitN(sc.Text(), "\t", 4)
		if len(fields) != 4 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		sp := fields[2]
		if sp == "-" {
			sp = ""
		}
		labels[fields[0]+"\x00"+fields[3]] = sp
	}
	facts, given := 0, 0
	for _, split := range []string{SplitTrain, SplitDev, SplitTest} {
		cases, err := ReadSplit(bankDir, split)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			ans, err := ours.Ask(t.Context(), c.Q, answer.DefaultK)
			if err != nil {
				t.Fatal(err)
			}
			for _, fact := range ans.Facts {
				id := ans.Passages[fact.Cite-1].ID
				want, ok := labels[id+"\x00"+fact.Text]
				if !ok {
					t.Fatalf("%q: fact %q of %s is no labelled sentence", c.Q, fact.Text, id)
				}
				facts++
				if fact.Speaker != "" {
					given++
				}
				if fact.Speaker != "" && fact.Speaker != want {
					t.Errorf("%q: fact %q said by %q, labelled %q", c.Q, fact.Text, fact.Speaker, want)
				}
			}
		}
	}
	t.Logf("%d facts printed, %d with a speaker, none wrong", facts, given)
}

// TestModelIsFitted: the embedded model is what `summitbot train` fits
// from the bank: no weight was set by hand or left stale.
func TestModelIsFitted(t *testing.T) {
	got, err := TrainFrom(t.Context(), Sources{BankDir: bankDir, EarlierDir: earlierDir, ConversationsDir: conversationsDir})
	if err != nil {
		t.Fatal(err)
	}
	want, err := answer.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	same := func(a, b []float64) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if math.Abs(a[i]-b[i]) > 1e-6*math.Max(1, math.Abs(b[i])) {
				return false
			}
		}
		return true
	}
	if !same(got.Rank.Weights, want.Rank.Weights) || !same(got.Refuse.Weights, want.Refuse.Weights) ||
		!same(got.Sentence.Weights, want.Sentence.Weights) || math.Abs(got.Refuse.Threshold-want.Refuse.Threshold) > 1e-6 ||
		got.Show != want.Show || got.FollowUp != want.FollowUp ||
		!same(got.FollowUpRefuse.Weights, want.FollowUpRefuse.Weights) || math.Abs(got.FollowUpRefuse.Threshold-want.FollowUpRefuse.Threshold) > 1e-6 {
		t.Errorf("index/answer/model.json is not what the bank fits: run %s", TrainCommand)
	}
}

// TestAblation measures what each rule the model reads is worth: the
// model is fitted again with the rule switched off, and the dev and test
// splits scored. It fits the model once per rule, so it runs only when
// ABLATE is set: ABLATE=1 go test ./index/eval -run TestAblation -v -timeout 60m
func TestAblation(t *testing.T) {
	if os.Getenv("ABLATE") == "" {
		t.Skip("set ABLATE=1 to fit the model once per rule switched off")
	}
	_, _, docs := setup(t)
	src := Sources{BankDir: bankDir, EarlierDir: earlierDir}
	rules := [][]string{
		nil, // all on
		{"kind_hit", "kind_miss"}, {"subject"}, {"said", "unsaid"}, {"article"}, {"has_questions"}, {"aliases"},
		{"sentence"}, {"pq_best"}, {"questions", "cov_q"}, {"unknown_share"}, {"unknown_words"}, {"unknown_en"},
		{"near_share"}, {"top_names"}, {"unknown_name"}, {"unknown_act"}, {"strict_fail"},
		{"unsaid_all"}, {"no_terms"}, {"small_talk"}, {"top_content"}, {"precedent", "remembered"},
		// Every rule whose removal alone changed nothing, at once.
		{"unknown_words", "unknown_en", "top_names", "unknown_act", "no_terms", "small_talk", "top_content"},
	}
	dev, err := ReadSplit(bankDir, SplitDev)
	if err != nil {
		t.Fatal(err)
	}
	test, err := ReadSplit(bankDir, SplitTest)
	if err != nil {
		t.Fatal(err)
	}
	judge, err := ReadSplit(bankDir, SplitJudge)
	if err != nil {
		t.Fatal(err)
	}
	for _, off := range rules {
		m, err := TrainFrom(t.Context(), src, off...)
		if err != nil {
			t.Fatal(err)
		}
		ix, err := index.OpenMem(t.Context(), docs)
		if err != nil {
			t.Fatal(err)
		}
		eng, err := answer.New(ix, m)
		if err != nil {
			t.Fatal(err)
		}
		line := ""
		for _, set := range []struct {
			name  string
			cases []Case
		}{{"dev", dev}, {"test", test}, {"judge", judge}} {
			rep, err := Evaluate(t.Context(), eng, set.cases, answer.DefaultK)
			if err != nil {
				t.Fatal(err)
			}
			f := rep.Figures()
			line += fmt.Sprintf("  %s: top-1 %.1f top-3 %.1f direct %.1f out-refused %.1f in-refused %.1f", set.name,
				100*f.Top1, 100*f.Top3, 100*f.Direct, 100*f.OutRefused, 100*f.InRefused)
		}
		_ = ix.Close()
		name := strings.Join(off, "+")
		if name == "" {
			name = "(all on)"
		}
		t.Logf("off %-26s%s", name, line)
	}
}
