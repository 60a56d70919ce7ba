// Package eval scores question sets against the engine and, in the same
// run, against plain bleve (the English analyzer, BM25, one match query
// over the same paragraphs): top-1 and top-3 passages, whether the direct
// answer holds the expected phrase, and refusals. It also fits the
// engine's model from the question bank (Train).
package eval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/summitbot/summitbot/index/answer"
)

// Case is one question of an evaluation set, one JSON object per line:
// {"q": "...", "expect": ["phrase", ["all", "of", "these"]]}. A passage
// answers the case when its text holds one item of Expect (a phrase, or a
// list of phrases that must all appear); an empty Expect means the engine
// must say it does not know. Style tags the kind of question (casual,
// typo, oos_near, ...), for reports.
type Case struct {
	Q      string       `json:"q"`
	Expect []ExpectItem `json:"expect"`
	Style  string       `json:"style,omitempty"`
	// Source is the file it was read from (ReadFile), "" otherwise.
	Source string `json:"-"`
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
		return errors.New(`each item of "expect" must be a phrase or a list of phrases`)
	}
	*e = l
	return nil
}

// ErrNoCases is returned for a set without a question.
var ErrNoCases = errors.New("the file holds no questions")

// ReadCases reads an evaluation set in JSON lines; blank lines are
// skipped. A line that is not a case says which key it lacks or has wrong.
func ReadCases(r io.Reader) ([]Case, error) {
	var out []Case
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			c, cerr := parseCase(line)
			if cerr != nil {
				return nil, fmt.Errorf("line %d: %w", n, cerr)
			}
			out = append(out, c)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read evaluation set: %w", err)
		}
	}
	if len(out) == 0 {
		return nil, ErrNoCases
	}
	return out, nil
}

// caseFormat is what a line of an evaluation set looks like.
const caseFormat = `a line is {"q": "question", "expect": ["phrase", ...]} (optionally "style")`

func parseCase(line []byte) (Case, error) {
	var c Case
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		// Say which key is wrong and which are expected, in the file's
		// terms rather than Go's.
		var ute *json.UnmarshalTypeError
		var se *json.SyntaxError
		switch key, unknown := strings.CutPrefix(err.Error(), "json: unknown field "); {
		case unknown:
			return Case{}, fmt.Errorf(`unknown key %s: the keys are "q" (the question), "expect" (the phrases an answer holds) and "style"; %s`, key, caseFormat)
		case errors.As(err, &ute) && ute.Field != "":
			want := map[string]string{"q": "text", "style": "text", "expect": "a list of phrases"}[ute.Field]
			return Case{}, fmt.Errorf(`%q holds %s where %s is wanted; %s`, ute.Field, jsonKind(ute.Value), want, caseFormat)
		case errors.As(err, &ute):
			return Case{}, fmt.Errorf(`not a question line: %s where an object is wanted; %s`, jsonKind(ute.Value), caseFormat)
		case errors.As(err, &se):
			return Case{}, fmt.Errorf(`not JSON (%s at byte %d); %s`, strings.TrimPrefix(se.Error(), "json: "), se.Offset, caseFormat)
		}
		return Case{}, fmt.Errorf(`not a question line (%s); %s`, strings.TrimPrefix(err.Error(), "json: "), caseFormat)
	}
	if strings.TrimSpace(c.Q) == "" {
		return Case{}, errors.New(`"q" is missing or empty`)
	}
	if c.Expect == nil {
		return Case{}, errors.New(`"expect" is missing: give the phrases an answer holds, or [] when the documents do not answer`)
	}
	return c, nil
}

// jsonKind names the kind of a JSON value as encoding/json reports it
// ("number", "array", ...), with its article.
func jsonKind(v string) string {
	switch v {
	case "array", "object":
		return "an " + v
	case "string":
		return "text"
	}
	return "a " + v
}

// InScope reports whether the documents answer the case.
func (c Case) InScope() bool { return len(c.Expect) > 0 }

// Holds reports whether text answers the case: it holds every phrase of one
// of the expected items, ignoring case, spacing and dash variants.
func (c Case) Holds(text string) bool {
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
		case r == '\u201c' || r == '\u201d':
			return '"'
		case unicode.IsSpace(r):
			return ' '
		}
		return unicode.ToLower(r)
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// Asker answers questions; *answer.Engine is one.
type Asker interface {
	Ask(ctx context.Context, question string, k int) (answer.Answer, error)
}

// Result is the outcome of one case.
type Result struct {
	Case    Case
	Answer  answer.Answer
	Rank    int  // 1-based rank of the first passage that answers, 0 if none
	Direct  bool // the direct answer holds an expected item
	Correct bool // in scope: the first passage answers; out of scope: refused
}

// Report sums up an evaluation.
type Report struct {
	Results             []Result
	InScope, OutOfScope int
	Top1, Top3          int     // in-scope cases answered at rank 1, within 3
	MRR                 float64 // mean reciprocal rank over in-scope cases
	Direct              int     // in-scope cases whose direct answer holds the phrase
	Refused             int     // out-of-scope cases refused
	RefusedInScope      int     // in-scope cases wrongly refused
	Padding             int     // passages shown that hold no expected item (in scope)
	Shown               int     // passages shown for in-scope cases
}

// Evaluate asks every case with k passages and scores the answers.
func Evaluate(ctx context.Context, a Asker, cases []Case, k int) (Report, error) {
	var rep Report
	for _, c := range cases {
		ans, err := a.Ask(ctx, c.Q, k)
		if err != nil {
			return rep, fmt.Errorf("ask %q: %w", c.Q, err)
		}
		rep.add(c, ans)
	}
	if rep.InScope > 0 {
		rep.MRR /= float64(rep.InScope)
	}
	return rep, nil
}

func (rep *Report) add(c Case, ans answer.Answer) {
	r := Result{Case: c, Answer: ans}
	if !c.InScope() {
		rep.OutOfScope++
		if !ans.Answered {
			rep.Refused++
			r.Correct = true
		}
		rep.Results = append(rep.Results, r)
		return
	}
	rep.InScope++
	for i, p := range ans.Passages {
		if c.Holds(p.Text) {
			if r.Rank == 0 {
				r.Rank = i + 1
			}
		} else {
			rep.Padding++
		}
		rep.Shown++
	}
	if !ans.Answered {
		rep.RefusedInScope++
	}
	if ans.Answered && c.Holds(ans.Text) {
		r.Direct = true
		rep.Direct++
	}
	if r.Rank == 1 {
		rep.Top1++
		r.Correct = true
	}
	if r.Rank >= 1 && r.Rank <= 3 {
		rep.Top3++
	}
	if r.Rank > 0 {
		rep.MRR += 1 / float64(r.Rank)
	}
	rep.Results = append(rep.Results, r)
}

// Figures are a report's numbers as shares from 0 to 1.
type Figures struct {
	Questions        int     `json:"questions"`
	InScope          int     `json:"in_scope"`
	OutOfScope       int     `json:"out_of_scope"`
	Top1             float64 `json:"top1"`
	Top3             float64 `json:"top3"`
	MRR              float64 `json:"mrr"`
	Direct           float64 `json:"direct"`
	OutRefused       float64 `json:"out_of_scope_refused"`
	InRefused        float64 `json:"in_scope_refused"`
	RefusalPrecision float64 `json:"refusal_precision"`
	Padding          float64 `json:"padding"`
}

// Figures returns the report's shares.
func (r Report) Figures() Figures {
	return Figures{
		Questions: len(r.Results), InScope: r.InScope, OutOfScope: r.OutOfScope,
		Top1: share(r.Top1, r.InScope), Top3: share(r.Top3, r.InScope), MRR: r.MRR,
		Direct:           share(r.Direct, r.InScope),
		OutRefused:       share(r.Refused, r.OutOfScope),
		InRefused:        share(r.RefusedInScope, r.InScope),
		RefusalPrecision: share(r.Refused, r.Refused+r.RefusedInScope),
		Padding:          share(r.Padding, r.Shown),
	}
}

// Summary is a one-line account of the report.
func (r Report) Summary() string {
	f := r.Figures()
	return fmt.Sprintf("top-1 %d/%d (%.1f%%), top-3 %d/%d (%.1f%%), MRR %.3f, direct answer %d/%d (%.1f%%), out of scope refused %d/%d (%.1f%%), in scope refused %d (%.1f%%), padding %.1f%%",
		r.Top1, r.InScope, 100*f.Top1, r.Top3, r.InScope, 100*f.Top3, r.MRR, r.Direct, r.InScope, 100*f.Direct,
		r.Refused, r.OutOfScope, 100*f.OutRefused, r.RefusedInScope, 100*f.InRefused, 100*f.Padding)
}

func share(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Describe tells what the engine returned for the case, for a list of misses.
func (r Result) Describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q", r.Case.Q)
	switch {
	case !r.Case.InScope():
		b.WriteString(" (out of scope) was answered")
	case !r.Answer.Answered:
		b.WriteString(" was refused")
	case r.Rank == 0:
		b.WriteString(" found no passage that holds the answer")
	case r.Rank > 1:
		fmt.Fprintf(&b, " found the answer at rank %d", r.Rank)
	case !r.Direct:
		b.WriteString(" found the passage, but the direct answer lacks the phrase")
	}
	if r.Answer.Answered {
		fmt.Fprintf(&b, "\n    answer: %.120s", r.Answer.Text)
	}
	for i, p := range r.Answer.Passages {
		fmt.Fprintf(&b, "\n    %d. %s: %.90s", i+1, p.ID, p.Text)
	}
	return b.String()
}
