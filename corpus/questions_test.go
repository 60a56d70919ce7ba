package corpus

import (
	"errors"
	"slices"
	"testing"
)

func questionDoc() Document {
	return Document{ID: "q", Title: "Q", Kind: KindNote, Lang: "en",
		Body: "The summit met in Astana.\n\nThe railway runs 523 km.\n\nTrade rose."}
}

// TestQuestionsFollowTheirParagraph: sealed questions stay with their
// paragraph when another is inserted before it, and go stale when its
// text changes.
func TestQuestionsFollowTheirParagraph(t *testing.T) {
	d := questionDoc()
	d.Questions = []ParagraphQuestions{{Paragraph: 2, Ask: []string{"how long is the railway"}}}
	d = d.SealQuestions()
	if d.Questions[0].Hash == "" {
		t.Fatal("not sealed")
	}
	if got := d.Passages()[1].Questions; !slices.Equal(got, []string{"how long is the railway"}) {
		t.Errorf("paragraph 2 questions %v", got)
	}
	moved := d
	moved.Body = "A new first paragraph.\n\n" + d.Body
	if got := moved.Passages()[2].Questions; len(got) != 1 || len(moved.Passages()[1].Questions) != 0 {
		t.Errorf("questions did not follow their paragraph: %v", got)
	}
	if s := moved.StaleQuestions(); len(s) != 0 {
		t.Errorf("moved questions called stale: %v", s)
	}
	if n := moved.SealQuestions().Questions[0].Paragraph; n != 3 {
		t.Errorf("resealed paragraph %d, want 3", n)
	}
	changed := d
	changed.Body = "The summit met in Astana.\n\nThe railway runs about 500 km.\n\nTrade rose."
	if got := changed.Passages()[1].Questions; len(got) != 0 {
		t.Errorf("a changed paragraph kept its questions: %v", got)
	}
	if s := changed.StaleQuestions(); len(s) != 1 {
		t.Errorf("stale %v, want the one set", s)
	}
	if d.Hash() == changed.Hash() || d.Hash() == (Document{ID: "q", Title: "Q", Kind: KindNote, Lang: "en", Body: d.Body}).Hash() {
		t.Error("the content hash ignores the questions")
	}
}

func TestQuestionLines(t *testing.T) {
	d := questionDoc()
	qs, err := ParseQuestionLines("1: where did they meet\n\n2: how long is the railway\n2: railway length", 3)
	if err != nil {
		t.Fatal(err)
	}
	d.Questions = qs
	d = d.SealQuestions()
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	want := "1: where did they meet\n2: how long is the railway\n2: railway length\n"
	if got := d.QuestionLines(); got != want {
		t.Errorf("QuestionLines = %q, want %q", got, want)
	}
	round, err := ParseQuestionLines(want, 3)
	if err != nil || len(round) != 2 || len(round[1].Ask) != 2 {
		t.Errorf("round trip: %+v %v", round, err)
	}
	for _, bad := range []string{"where did they meet", "4: too far", "0: zero", "2:"} {
		if _, err := ParseQuestionLines(bad, 3); !errors.Is(err, ErrQuestions) {
			t.Errorf("%q: %v, want ErrQuestions", bad, err)
		}
	}
	if one, err := ParseQuestionLines("where did they meet", 1); err != nil || one[0].Paragraph != 1 {
		t.Errorf("one paragraph: %+v %v", one, err)
	}
	// Formatted and parsed back, they stay the same.
	data, err := Format(d)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(data)
	if err != nil || back.Hash() != d.Hash() {
		t.Errorf("format/parse round trip: %v", err)
	}
}
