package index

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAskBadQuestions(t *testing.T) {
	ix := memIndex(t, defaultDocs(t))
	tests := []struct {
		name string
		q    string
	}{
		{"empty", ""},
		{"blank", " \t\n  "},
		{"control characters only", "\x00\x01\x1b"},
		{"too long", strings.Repeat("a", MaxQuestionLen+1)},
		{"too long in characters", strings.Repeat("日", MaxQuestionLen+1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ans, err := ix.Ask(t.Context(), tt.q, 3)
			if !errors.Is(err, ErrBadQuestion) {
				t.Fatalf("Ask(%.20q) error = %v, want ErrBadQuestion", tt.q, err)
			}
			if ans.Answered || len(ans.Passages) > 0 {
				t.Errorf("bad question answered: %+v", ans)
			}
		})
	}
	if _, err := ix.Ask(t.Context(), strings.Repeat("日", MaxQuestionLen), 3); err != nil {
		t.Errorf("question of exactly %d characters: %v", MaxQuestionLen, err)
	}
}

// TestAskHostileQuestions: odd input gets a normal answer or "couldn't
// find", never an error or a panic.
func TestAskHostileQuestions(t *testing.T) {
	ix := memIndex(t, defaultDocs(t))
	tests := []struct {
		name     string
		q        string
		answered bool // must be answered; otherwise either is fine
	}{
		{"invalid UTF-8", "Where was the \xff\xfe summit \xc3 held?", true},
		{"control characters", "Where\x00 was\x1b[31m the summit\x07 held?", true},
		{"query syntax", `+summit -astana title:xi "unterminated ~2 ^5 (a OR b) /.*/ * ? > <`, false},
		{"query syntax around words", `+tariff* AND -wars~ "no winners`, true},
		{"regexp over the dictionary", `text:/.*/`, false},
		{"emoji", "🤔🇰🇿 summit 🎉", false},
		{"Cyrillic", "Где прошёл саммит Китай — Центральная Азия?", false},
		{"Chinese", "中国—中亚峰会在哪里举行？", false},
		{"mass mention", "@everyone @here <@123> where was the summit held?", true},
		{"only stop words", "What was it?", false},
		{"many terms", strings.Repeat("summit treaty railway tariffs Khorgos uranium ", 120), false},
		{"numbers", "1991 2025 5+1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ans, err := ix.Ask(t.Context(), tt.q, 3)
			if err != nil {
				t.Fatalf("Ask: %v", err)
			}
			if tt.answered && !ans.Answered {
				t.Errorf("not answered: %+v", ans)
			}
			checkAnswer(t, ans, 3)
		})
	}
}

func TestAskNoPadding(t *testing.T) {
	ix := memIndex(t, defaultDocs(t))
	ans, err := ix.Ask(t.Context(), "What is the population of Brazil?", 3)
	if err != nil {
		t.Fatal(err)
	}
	if ans.Answered || len(ans.Passages) != 0 || ans.Text != NotFound {
		t.Errorf("out-of-scope question got %+v", ans)
	}
	for _, k := range []int{1, 3, 7} {
		ans, err := ix.Ask(t.Context(), "What did Muratalieva say about Russia?", k)
		if err != nil {
			t.Fatal(err)
		}
		if !ans.Answered || len(ans.Passages) == 0 || len(ans.Passages) > k {
			t.Errorf("k=%d: %d passages", k, len(ans.Passages))
		}
		checkAnswer(t, ans, k)
	}
}

// checkAnswer asserts what holds of every answer.
func checkAnswer(t *testing.T, a Answer, k int) {
	t.Helper()
	if !utf8.ValidString(a.Text) {
		t.Errorf("answer text is not UTF-8: %q", a.Text)
	}
	if !a.Answered {
		if len(a.Passages) != 0 || a.Text != NotFound {
			t.Errorf("unanswered with passages or text: %+v", a)
		}
		return
	}
	if len(a.Passages) == 0 || len(a.Passages) > k {
		t.Errorf("%d passages for k=%d", len(a.Passages), k)
	}
	found := false
	for i, p := range a.Passages {
		if strings.Contains(p.Text, a.Text) {
			found = true
		}
		if p.DocID == "" || p.Title == "" || p.Paragraph < 1 || p.Text == "" {
			t.Errorf("passage %d lacks its citation: %+v", i+1, p)
		}
		if i > 0 && p.Score > a.Passages[i-1].Score {
			t.Errorf("passage %d scores above passage %d", i+1, i)
		}
		end := 0
		for _, s := range p.Matches {
			if s.Start < end || s.End <= s.Start || s.End > len(p.Text) {
				t.Errorf("bad match span %+v in %q", s, p.Text)
			}
			end = s.End
		}
	}
	if !found {
		t.Errorf("direct answer %q is in no passage", a.Text)
	}
	if c := a.Cite(); c < 1 || c > len(a.Passages) {
		t.Errorf("direct answer cites %d", c)
	}
}

func TestMatchesMarkQuestionWords(t *testing.T) {
	ix := memIndex(t, defaultDocs(t))
	ans, err := ix.Ask(t.Context(), "tariff wars winners", 1)
	if err != nil || !ans.Answered {
		t.Fatalf("%+v %v", ans, err)
	}
	p := ans.Passages[0]
	var words []string
	for _, s := range p.Matches {
		words = append(words, strings.ToLower(p.Text[s.Start:s.End]))
	}
	got := strings.Join(words, ",")
	if got != "tariff,wars,wars,winners" {
		t.Errorf("matched words %q in %q", got, p.Text)
	}
}

func TestTypoIsCorrected(t *testing.T) {
	ix := memIndex(t, defaultDocs(t))
	for _, q := range []string{"Muratalieva", "Muratalijeva", "Kazahstan treaty"} {
		ans, err := ix.Ask(t.Context(), q, 3)
		if err != nil || !ans.Answered {
			t.Errorf("%q not answered: %+v %v", q, ans, err)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One. Two.", []string{"One.", "Two."}},
		{`"There is no reason for such fears. China is our partner," Peskov said.`,
			[]string{`"There is no reason for such fears.`, `China is our partner," Peskov said.`}},
		{"The U.S. and Dr. Smith met. Then 5 left.", []string{"The U.S. and Dr. Smith met.", "Then 5 left."}},
		{"It cost $3.7 billion. Really? Yes!", []string{"It cost $3.7 billion.", "Really?", "Yes!"}},
		{"no end", []string{"no end"}},
		{"Ends with the quote.\" Next one.", []string{"Ends with the quote.\"", "Next one."}},
	}
	for _, tt := range tests {
		got := Sentences(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Sentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzAsk(f *testing.F) {
	for _, q := range []string{"Where was the summit held?", "+-:*~\"/()^", "text:/.*/", "\xff", "🤔", "Кремль", "中国", "@everyone", "What was it?", "Kazahstan"} {
		f.Add(q)
	}
	ix := memIndex(f, defaultDocs(f))
	f.Fuzz(func(t *testing.T, q string) {
		ans, err := ix.Ask(t.Context(), q, 3)
		if err != nil {
			if !errors.Is(err, ErrBadQuestion) {
				t.Fatalf("Ask(%q): %v", q, err)
			}
			return
		}
		checkAnswer(t, ans, 3)
	})
}
