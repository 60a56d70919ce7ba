package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/reading"
)

// Conversation is one conversation of an evaluation set, one JSON object
// per line: {"turns": [{"q": ..., "expect": ..., "kind": ...}, ...]}.
type Conversation struct {
	Turns []Turn `json:"turns"`
}

// Turn is one turn of a conversation: a case, and what the turn does.
type Turn struct {
	Case
	// Kind is first, pronoun, ellipsis, more, correction, switch or oos.
	Kind string `json:"kind"`
}

// Turn kinds.
const (
	KindFirst      = "first"
	KindPronoun    = "pronoun"
	KindEllipsis   = "ellipsis"
	KindMore       = "more"
	KindCorrection = "correction"
	KindSwitch     = "switch"
	KindOOS        = "oos"
)

// TurnKinds are the kinds, in the order reports list them.
var TurnKinds = []string{KindFirst, KindPronoun, KindEllipsis, KindMore, KindCorrection, KindSwitch, KindOOS}

// FollowUp reports whether a turn of kind leans on the turns before it.
func FollowUp(kind string) bool {
	return kind == KindPronoun || kind == KindEllipsis || kind == KindMore || kind == KindCorrection
}

// ReadConversations reads a conversation set in JSON lines; blank lines
// are skipped. A bad line is named with what is wrong.
func ReadConversations(r io.Reader) ([]Conversation, error) {
	var out []Conversation
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c Conversation
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if len(c.Turns) == 0 {
			return nil, fmt.Errorf(`line %d: no "turns"`, n)
		}
		for i, t := range c.Turns {
			if strings.TrimSpace(t.Q) == "" {
				return nil, fmt.Errorf(`line %d, turn %d: no "q"`, n, i+1)
			}
			if !slices.Contains(TurnKinds, t.Kind) {
				return nil, fmt.Errorf(`line %d, turn %d: "kind" is %q; use one of %s`, n, i+1, t.Kind, strings.Join(TurnKinds, ", "))
			}
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, ErrNoCases
	}
	return out, nil
}

// ReadConversationFiles reads and joins conversation sets.
func ReadConversationFiles(paths ...string) ([]Conversation, error) {
	var out []Conversation
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		cs, err := ReadConversations(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		out = append(out, cs...)
	}
	return out, nil
}

// Dialogues turns conversations from one source (their file) into
// fitting dialogues.
func Dialogues(source string, convs []Conversation) []answer.Dialogue {
	out := make([]answer.Dialogue, len(convs))
	for i, c := range convs {
		out[i].Source = source
		for _, t := range c.Turns {
			out[i].Turns = append(out[i].Turns, Examples([]Case{t.Case})...)
		}
	}
	return out
}

// Converser answers a turn with the turns before it; *answer.Engine is
// one.
type Converser interface {
	AskAfter(ctx context.Context, question string, k int, before []reading.Turn) (answer.Answer, error)
}

// Alone answers every turn on its own, with no context: the figures a
// conversation set has without follow-up reading.
type Alone struct{ Asker }

// AskAfter answers the question alone.
func (a Alone) AskAfter(ctx context.Context, question string, k int, _ []reading.Turn) (answer.Answer, error) {
	return a.Ask(ctx, question, k)
}

// TurnResult is the outcome of one turn.
type TurnResult struct {
	Result
	Kind string
	// Carried reports that the turn was read with context (a read_as).
	Carried bool
}

// ConversationReport sums up a conversation set: a report per kind of
// turn, one over the follow-up turns, and the turns read with context.
type ConversationReport struct {
	Turns    []TurnResult
	ByKind   map[string]*Report
	FollowUp Report
}

// EvaluateConversations asks each conversation's turns in order, each
// with the ones before it as context, and scores them.
func EvaluateConversations(ctx context.Context, c Converser, convs []Conversation, k int) (ConversationReport, error) {
	rep := ConversationReport{ByKind: map[string]*Report{}}
	for _, conv := range convs {
		var before []reading.Turn
		for _, t := range conv.Turns {
			ans, err := c.AskAfter(ctx, t.Q, k, before)
			if err != nil {
				return rep, fmt.Errorf("ask %q: %w", t.Q, err)
			}
			rep.Add(t, ans)
			before = answer.Then(before, ans)
		}
	}
	rep.Finish()
	return rep, nil
}

// Finish turns the sums of reciprocal ranks into means, once every turn
// is added.
func (rep *ConversationReport) Finish() {
	for _, r := range append(slices.Collect(maps.Values(rep.ByKind)), &rep.FollowUp) {
		if r.InScope > 0 {
			r.MRR /= float64(r.InScope)
		}
	}
}

// Add scores one turn's answer (call Finish after the last).
func (rep *ConversationReport) Add(t Turn, ans answer.Answer) {
	r := rep.ByKind[t.Kind]
	if r == nil {
		r = &Report{}
		rep.ByKind[t.Kind] = r
	}
	r.add(t.Case, ans)
	if FollowUp(t.Kind) {
		rep.FollowUp.add(t.Case, ans)
	}
	rep.Turns = append(rep.Turns, TurnResult{Result: r.Results[len(r.Results)-1], Kind: t.Kind, Carried: ans.ReadAs != ""})
}

// Carried counts the turns of a kind read with context.
func (rep ConversationReport) Carried(kind string) (carried, all int) {
	for _, t := range rep.Turns {
		if t.Kind == kind {
			all++
			if t.Carried {
				carried++
			}
		}
	}
	return carried, all
}

// Summary is an account of the report, a line per kind.
func (rep ConversationReport) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "follow-up turns: %s\n", rep.FollowUp.Summary())
	kinds := make([]string, 0, len(rep.ByKind))
	for k := range rep.ByKind {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool { return slices.Index(TurnKinds, kinds[i]) < slices.Index(TurnKinds, kinds[j]) })
	for _, k := range kinds {
		r := rep.ByKind[k]
		carried, all := rep.Carried(k)
		if k == KindOOS {
			fmt.Fprintf(&b, "  %-10s %d turns: refused %d/%d, read with context %d\n", k, all, r.Refused, r.OutOfScope, carried)
			continue
		}
		f := r.Figures()
		fmt.Fprintf(&b, "  %-10s %d turns: top-1 %.1f%%, top-3 %.1f%%, direct %.1f%%, refused %d, read with context %d\n",
			k, all, 100*f.Top1, 100*f.Top3, 100*f.Direct, r.RefusedInScope, carried)
	}
	return b.String()
}

// Grids the follow-up weights are chosen from: what the document that
// answered the last turn adds to its passages' scores, and what the
// passage that answered it adds to its own (a follow-up mostly asks for
// something new).
var (
	sameDocumentGrid = []float64{0, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4}
	lastAnswerGrid   = []float64{-2, -1.5, -1, -0.75, -0.5, -0.25, 0}
	// correctedGrid is what the passage a correction rules out adds: fitted
	// after the two above, which do not touch corrections.
	correctedGrid = []float64{-6, -4, -3, -2, -1.5, -1, -0.5, 0}
	// nextGrid is what the passage after the last answer adds for a bare
	// request for more ("go on"); alwaysFirst puts it first whatever the
	// rest score, and is what the first two are fitted with.
	nextGrid = []float64{0, 0.5, 1, 1.5, 2, 3, 4, 6, alwaysFirst}
)

// alwaysFirst is a weight no rank score difference overcomes.
const alwaysFirst = 1000

// FitFollowUp chooses the follow-up weights of m on conversations over
// the documents of ix: the grid point whose follow-up turns have the best
// mean reciprocal rank (then top-1; ties go to the smaller weights, for
// Next to always first).
func FitFollowUp(ctx context.Context, ix *index.Index, m answer.Model, convs []Conversation) (answer.FollowUp, error) {
	var (
		best      answer.FollowUp
		bestScore = -1.0
	)
	try := func(w answer.FollowUp) error {
		m.FollowUp = w
		eng, err := answer.New(ix, m)
		if err != nil {
			return err
		}
		rep, err := EvaluateConversations(ctx, eng, convs, answer.DefaultK)
		if err != nil {
			return err
		}
		score := rep.FollowUp.MRR + 1e-3*float64(rep.FollowUp.Top1)/float64(max(1, rep.FollowUp.InScope))
		if score > bestScore+1e-9 {
			best, bestScore = w, score
		}
		return nil
	}
	for _, d := range sameDocumentGrid {
		for _, l := range slices.Backward(lastAnswerGrid) {
			if err := try(answer.FollowUp{SameDocument: d, LastAnswer: l, Next: alwaysFirst}); err != nil {
				return answer.FollowUp{}, err
			}
		}
	}
	// Then, one at a time with the rest kept: Next (a bare request for
	// more), Corrected (corrections, which the others do not touch).
	for _, n := range slices.Backward(nextGrid) {
		w := best
		w.Next = n
		if err := try(w); err != nil {
			return answer.FollowUp{}, err
		}
	}
	for _, c := range slices.Backward(correctedGrid) {
		w := best
		w.Corrected = c
		if err := try(w); err != nil {
			return answer.FollowUp{}, err
		}
	}
	return best, nil
}
