package index

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// EvalCase is one question of an evaluation set, one JSON object per line:
// {"q": "...", "expect": ["phrase", ["all", "of", "these"]]}. A passage
// answers the case when its text holds one item of Expect (a phrase, or a
// list of phrases that must all appear); an empty Expect means the engine
// must say it does not know.
type EvalCase struct {
	Q      string       `json:"q"`
	Expect []ExpectItem `json:"expect"`
}

// ExpectItem is a list of phrases that must all appear in one passage; in
// JSON a single string stands for a list of one.
type ExpectItem []string

// UnmarshalJSON accepts a string or a list of strings.
func (e *ExpectItem) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*e = ExpectItem{s}
		return nil
	}
	var l []string
	if err := json.Unmarshal(data, &l); err != nil {
		return fmt.Errorf("expect item must be a string or a list of strings: %w", err)
	}
	*e = l
	return nil
}

// ReadEvalCases reads an evaluation set in JSON lines; blank lines are skipped.
func ReadEvalCases(r io.Reader) ([]EvalCase, error) {
	var out []EvalCase
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c EvalCase
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if strings.TrimSpace(c.Q) == "" {
			return nil, fmt.Errorf("line %d: empty question", n)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read evaluation set: %w", err)
	}
	return out, nil
}

// Holds reports whether text answers the case: it holds every phrase of one
// of the expected items, ignoring case, spacing and dash variants.
func (c EvalCase) Holds(text string) bool {
	t := normalize(text)
	for _, item := range c.Expect {
		all := len(item) > 0
		for _, phrase := range item {
			if !strings.Contains(t, normalize(phrase)) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// normalize lower-cases s, makes every dash a hyphen, every apostrophe
// straight and collapses spacing.
func normalize(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.Is(unicode.Pd, r) || r == '\u2212':
			return '-'
		case r == '\u2019' || r == '\u2018':
			return '\''
		case unicode.IsSpace(r):
			return ' '
		}
		return unicode.ToLower(r)
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// EvalResult is the outcome of one case.
type EvalResult struct {
	Case     EvalCase
	Answer   Answer
	Rank     int // 1-based rank of the first passage that answers, 0 if none
	InScope  bool
	Correct1 bool // in scope: first passage answers; out of scope: refused
}

// EvalReport sums up an evaluation.
type EvalReport struct {
	Results                 []EvalResult
	InScope, OutOfScope     int
	Top1, Top3              int     // in-scope cases answered at rank 1, within 3
	MRR                     float64 // mean reciprocal rank over in-scope cases
	Refused, RefusedInScope int     // out-of-scope refused; in-scope wrongly refused
	AnsweredOutOfScope      int     // out-of-scope questions answered anyway
}

// Asker answers questions; *Index is one.
type Asker interface {
	Ask(ctx context.Context, question string, k int) (Answer, error)
}

// Evaluate asks every case with k passages and scores the answers.
func Evaluate(ctx context.Context, a Asker, cases []EvalCase, k int) (EvalReport, error) {
	var rep EvalReport
	for _, c := range cases {
		ans, err := a.Ask(ctx, c.Q, k)
		if err != nil {
			return rep, fmt.Errorf("ask %q: %w", c.Q, err)
		}
		r := EvalResult{Case: c, Answer: ans, InScope: len(c.Expect) > 0}
		if r.InScope {
			rep.InScope++
			for i, p := range ans.Passages {
				if c.Holds(p.Text) {
					r.Rank = i + 1
					break
				}
			}
			if !ans.Answered {
				rep.RefusedInScope++
			}
			if r.Rank == 1 {
				rep.Top1++
				r.Correct1 = true
			}
			if r.Rank >= 1 && r.Rank <= 3 {
				rep.Top3++
			}
			if r.Rank > 0 {
				rep.MRR += 1 / float64(r.Rank)
			}
		} else {
			rep.OutOfScope++
			if ans.Answered {
				rep.AnsweredOutOfScope++
			} else {
				rep.Refused++
				r.Correct1 = true
			}
		}
		rep.Results = append(rep.Results, r)
	}
	if rep.InScope > 0 {
		rep.MRR /= float64(rep.InScope)
	}
	return rep, nil
}

// Summary is a one-line account of the report.
func (r EvalReport) Summary() string {
	return fmt.Sprintf("top-1 %d/%d (%.1f%%), top-3 %d/%d (%.1f%%), MRR %.3f, out-of-scope refused %d/%d, in-scope refused %d",
		r.Top1, r.InScope, pct(r.Top1, r.InScope), r.Top3, r.InScope, pct(r.Top3, r.InScope), r.MRR,
		r.Refused, r.OutOfScope, r.RefusedInScope)
}

func pct(a, b int) float64 {
	if b == 0 {
		return 100
	}
	return 100 * float64(a) / float64(b)
}

// Describe tells what the engine returned for the case, for a list of misses.
func (r EvalResult) Describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q", r.Case.Q)
	switch {
	case !r.InScope:
		b.WriteString(" (out of scope) was answered")
	case !r.Answer.Answered:
		b.WriteString(" was refused")
	case r.Rank == 0:
		b.WriteString(" found no passage that holds the answer")
	default:
		fmt.Fprintf(&b, " found the answer at rank %d", r.Rank)
	}
	for i, p := range r.Answer.Passages {
		fmt.Fprintf(&b, "\n    %d. %s: %.90s", i+1, p.ID, p.Text)
	}
	return b.String()
}
