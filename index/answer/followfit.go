package answer

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/reading"
)

// Dialogue is a conversation for fitting: its turns in order, each an
// example (Answers nil when the documents do not answer the turn), and
// the file it came from.
type Dialogue struct {
	Source string
	Turns  []Example
}

// FitFollowUpRefusal fits the follow-up "I don't know" model
// (Model.FollowUpRefuse) on dialogues over the documents of ix, m's other
// weights kept. Each dialogue is asked turn by turn, as the engine with m
// answers it; every turn read with context that the decision would judge
// (not one forced: more on an answered topic) is a row. The model is
// logistic; its L2 strength and threshold are chosen as the question-alone
// model's are, on rows scored by a model fitted without their source's:
// the most out-of-scope turns refused while at most maxInScopeRefused of
// the answerable ones are. It returns the model and what was chosen.
func FitFollowUpRefusal(ctx context.Context, ix *index.Index, m Model, ds []Dialogue) (Linear, map[string]float64, error) {
	m.FollowUpRefuse = Linear{}
	e, err := New(ix, m)
	if err != nil {
		return Linear{}, nil, err
	}
	var rows []followRow
	for _, d := range ds {
		rs, err := e.followRows(ctx, d)
		if err != nil {
			return Linear{}, nil, err
		}
		rows = append(rows, rs...)
	}
	if !slices.ContainsFunc(rows, func(r followRow) bool { return r.in }) || !slices.ContainsFunc(rows, func(r followRow) bool { return !r.in }) {
		return Linear{}, nil, errors.New("fit follow-up refusal: the conversations need follow-ups the documents answer and ones they do not")
	}
	var sources []string
	for _, r := range rows {
		if !slices.Contains(sources, r.source) {
			sources = append(sources, r.source)
		}
	}
	bestOut, bestL2, bestTh := -1.0, 0.0, 0.0
	for _, l2 := range l2Grid {
		var pool []scored
		for _, s := range sources {
			var fit, held []followRow
			for _, r := range rows {
				if r.source == s && len(sources) > 1 {
					held = append(held, r)
				} else {
					fit = append(fit, r)
				}
			}
			w := fitRows(fit, l2)
			for _, r := range held {
				pool = append(pool, scored{p: sigmoid(Linear{Weights: w}.score(r.x)), in: r.in})
			}
		}
		if th, out := chooseThreshold(pool); out > bestOut+1e-9 {
			bestOut, bestL2, bestTh = out, l2, th
		}
	}
	l := Linear{Features: slices.Clone(followRefuseFeatures[:]), Weights: fitRows(rows, bestL2), Threshold: bestTh}
	chosen := map[string]float64{"follow_up_refuse_l2": bestL2, "follow_up_held_out_of_scope_refused": bestOut}
	return l, chosen, nil
}

// followRow is a follow-up's features, whether the documents answer it,
// and where it came from.
type followRow struct {
	x      []float64
	in     bool
	source string
}

// followRows asks a dialogue's turns in order and returns the rows of the
// follow-ups the decision judges.
func (e *Engine) followRows(ctx context.Context, d Dialogue) ([]followRow, error) {
	snap, err := e.ix.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	var rows []followRow
	var before []reading.Turn
	for _, t := range d.Turns {
		r, fu, err := e.rankTurn(ctx, snap, t.Question, before)
		if err != nil {
			return nil, fmt.Errorf("%s: %q: %w", d.Source, t.Question, err)
		}
		if r.follow != nil && len(r.cands) > 0 && !forced(fu, before, r) {
			rows = append(rows, followRow{x: r.follow, in: t.Answers != nil, source: d.Source})
		}
		ans, err := e.reply(snap, t.Question, DefaultK, before, fu, r)
		if err != nil {
			return nil, fmt.Errorf("%s: %q: %w", d.Source, t.Question, err)
		}
		before = Then(before, ans)
	}
	return rows, nil
}

// fitRows fits a logistic model on rows with L2 strength l2 (a share of
// the rows).
func fitRows(rows []followRow, l2 float64) []float64 {
	X := make([][]float64, len(rows))
	y := make([]bool, len(rows))
	for i, r := range rows {
		X[i], y[i] = r.x, r.in
	}
	return fitLogistic(X, y, l2*float64(len(X)))
}
