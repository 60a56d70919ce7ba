package answer

import (
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/reading"
)

// TestPrecedents: a question leans to "I don't know" when it is closer to
// a precedent the documents did not answer than to one they did, not when
// the nearer one was answered; a writer's own questions are skipped while
// fitting; the precedents say nothing when a best candidate is a passage
// they were not answered against.
func TestPrecedents(t *testing.T) {
	known := "The railway will be 523 km long."
	p := Precedents{
		Passages: []string{corpus.ParagraphHash(known)},
		Questions: []Precedent{
			{Terms: []string{"railwai", "long"}, Answered: true, source: "a"},
			{Terms: []string{"railwai", "cost"}, Answered: false, source: "b"},
			{Terms: []string{"nuclear", "plant", "cost"}, Answered: false, source: "c"},
		},
	}
	m := newMemory(p)
	ask := func(terms ...string) reading.Question {
		var q reading.Question
		for _, t := range terms {
			q.Terms = append(q.Terms, reading.Term{Text: t, From: t, Weight: 1})
		}
		return q
	}
	cand := func(text string) *candidate {
		return &candidate{Candidate: index.Candidate{Passage: corpus.Passage{DocID: "d", N: 1, Text: text}}}
	}
	for _, c := range []struct {
		name   string
		q      reading.Question
		source string
		sign   int // the sign of lean
	}{
		{"nearer an unanswered one", ask("railwai", "cost"), "", 1},
		{"nearer an answered one", ask("railwai", "long"), "", -1},
		{"its own writer skipped", ask("railwai", "cost"), "b", -1},
		{"nothing shared", ask("palac"), "", 0},
	} {
		got := m.lean(c.q, c.source)
		if c.sign > 0 && got <= 0 || c.sign < 0 && got >= 0 || c.sign == 0 && got != 0 {
			t.Errorf("%s: lean %.3f, want sign %d", c.name, got, c.sign)
		}
	}
	if !m.applies([]*candidate{cand(known)}) {
		t.Error("the precedents do not apply to the passage they were answered against")
	}
	if m.applies([]*candidate{cand(known), cand("A paragraph a moderator added later.")}) {
		t.Error("the precedents apply although a best candidate is a passage added since")
	}
	if m.applies(nil) {
		t.Error("the precedents apply with no candidate")
	}
}
