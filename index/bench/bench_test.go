package bench

import (
	"reflect"
	"strings"
	"testing"
)

func TestSynthesize(t *testing.T) {
	a, err := Synthesize(7, 1000)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Synthesize(7, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave two corpora")
	}
	n, synthetic := 0, 0
	for _, d := range a {
		if err := d.Validate(); err != nil {
			t.Errorf("%s: %v", d.ID, err)
		}
		for _, p := range d.Passages() {
			n++
			if !strings.HasPrefix(d.ID, "syn-") {
				continue
			}
			synthetic++
			if w := len(strings.Fields(p.Text)); w < minParagraphWords || w > maxParagraphWords+maxSentenceWords {
				t.Errorf("%s: %d words", p.ID(), w)
			}
		}
	}
	if n != 1000 || synthetic == 0 || synthetic == n {
		t.Errorf("%d passages, %d synthetic; want 1000, the embedded corpus mixed in", n, synthetic)
	}
	if c, _ := Synthesize(8, 1000); reflect.DeepEqual(a, c) {
		t.Error("two seeds gave the same corpus")
	}
}

func TestQuestions(t *testing.T) {
	qs, err := Questions()
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 300 {
		t.Errorf("%d questions", len(qs))
	}
	if got := typo("Where was the summit held?"); got != "Where was the sumimt held?" {
		t.Errorf("typo: %q", got)
	}
}

func TestMeasure(t *testing.T) {
	for _, e := range []string{EngineSummitbot, EngineBleve} {
		t.Run(e, func(t *testing.T) {
			r, err := Measure(t.Context(), Plan{Engine: e, Passages: 400, Seed: 1, Dir: t.TempDir(), MinAnswers: 1, MaxQuestions: 20})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%+v", r)
			if r.IndexPerSec <= 0 || r.IndexMB <= 0 || r.P99MS <= 0 || r.QPS1 <= 0 || r.QPSAll <= 0 || r.ColdStartMS <= 0 || r.AddOneMS <= 0 || r.HeapMB <= 0 {
				t.Errorf("a figure is missing: %+v", r)
			}
			if r.Answered == 0 {
				t.Errorf("answered %.2f of the questions", r.Answered)
			}
		})
	}
	if _, err := Measure(t.Context(), Plan{Engine: "lucene", Passages: 400, Dir: t.TempDir()}); err == nil {
		t.Error("an unknown engine was measured")
	}
}
