package answer

import (
	"slices"
	"strings"
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/reading"
)

// TestCorrectionNeedsOnlyItsOwnNames: whether the documents answer a
// correction is read from the names its own turn gives; the names it kept
// from the last question need not stand beside them in one passage.
func TestCorrectionNeedsOnlyItsOwnNames(t *testing.T) {
	ix := corpusIndex(t)
	e, err := Default(ix)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		first, then string
		answered    bool
	}{
		{"how many documents were signed at the astana summit, per xinhua", "no, the other figure, the 24 agreements one", true},
		{"how many agreements were signed at the astana summit", "no i meant the kazakh china ones", true},
	} {
		first, err := e.Ask(t.Context(), tt.first, DefaultK)
		if err != nil {
			t.Fatal(err)
		}
		got, err := e.AskAfter(t.Context(), tt.then, DefaultK, Then(nil, first))
		if err != nil {
			t.Fatal(err)
		}
		if got.Move != reading.Correct {
			t.Errorf("%q after %q: read as move %v, want a correction", tt.then, tt.first, got.Move)
		}
		if got.Answered != tt.answered {
			t.Errorf("%q after %q: answered %v, want %v (read as %q)", tt.then, tt.first, got.Answered, tt.answered, got.ReadAs)
		}
	}
}

// TestFollowUpRefusal: the fitted follow-up model decides a turn read
// with context, and only such a turn; a model file naming other
// follow-up features is refused; fitting needs both kinds of turn.
func TestFollowUpRefusal(t *testing.T) {
	ix := corpusIndex(t)
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.FollowUpRefuse.Weights) == 0 {
		t.Fatal("the embedded model has no follow-up refusal model")
	}
	// Refusing every follow-up: a turn alone is still answered, a turn
	// read with context is not.
	never := m
	never.FollowUpRefuse.Threshold = 2
	e, err := New(ix, never)
	if err != nil {
		t.Fatal(err)
	}
	first, err := e.Ask(t.Context(), "how much did kazakhstan trade with china in 2024", DefaultK)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Answered {
		t.Fatal("a question alone was refused by the follow-up model")
	}
	then, err := e.AskAfter(t.Context(), "and uzbekistan?", DefaultK, Then(nil, first))
	if err != nil {
		t.Fatal(err)
	}
	if then.ReadAs == "" || then.Answered {
		t.Errorf("a follow-up read as %q answered %v under a follow-up model that refuses all", then.ReadAs, then.Answered)
	}

	bad := m
	bad.FollowUpRefuse.Features = []string{"bias"}
	bad.FollowUpRefuse.Weights = []float64{1}
	data, err := bad.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseModel(data); err == nil || !strings.Contains(err.Error(), "follow_up_refuse") {
		t.Errorf("a model with other follow-up features: %v", err)
	}

	answered := func(string) bool { return true }
	onlyIn := []Dialogue{{Source: "a", Turns: []Example{{Question: "how much did kazakhstan trade with china in 2024", Answers: answered}, {Question: "and uzbekistan?", Answers: answered}}}}
	if _, _, err := FitFollowUpRefusal(t.Context(), ix, m, onlyIn); err == nil {
		t.Error("fitted on follow-ups the documents all answer")
	}
}

// TestMoreShowsTheNextPassage: a bare request for more shows the passage
// after the last answer even when it holds none of the question's words
// (the search alone does not find it).
func TestMoreShowsTheNextPassage(t *testing.T) {
	e, err := Default(corpusIndex(t))
	if err != nil {
		t.Fatal(err)
	}
	first, err := e.Ask(t.Context(), "what did xi pledge at the astana summit", DefaultK)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Passages) == 0 {
		t.Fatal("the first question found no passage")
	}
	doc, n, ok := corpus.ParsePassageID(first.Passages[0].ID)
	if !ok {
		t.Fatalf("passage id %q", first.Passages[0].ID)
	}
	next := corpus.PassageID(doc, n+1)
	got, err := e.AskAfter(t.Context(), "go on", DefaultK, Then(nil, first))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range got.Passages {
		ids = append(ids, p.ID)
	}
	if !slices.Contains(ids, next) {
		t.Errorf("\"go on\" after %s showed %q, want %s among them", first.Passages[0].ID, ids, next)
	}
}
