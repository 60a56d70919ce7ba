package answer

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/reading"
)

// Example is a question with what answers it, for fitting a model.
type Example struct {
	Question string
	// Answers reports whether a passage's (or a sentence's) text holds the
	// answer; nil when the documents do not answer the question.
	Answers func(text string) bool
	// Source names where the question came from (its file): a question
	// is not a precedent of the others from the same source.
	Source string
}

// Settings dev chooses among: the L2 strength of each model (as a share
// of the examples), the drop below the best passage's score past which a
// passage is not shown, and the refusal threshold.
var (
	l2Grid   = []float64{0.001, 0.003, 0.01, 0.03, 0.1, 0.3}
	dropGrid = []float64{0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6}
)

// maxInScopeRefused is the share of dev's answerable questions the refusal
// threshold may refuse.
const maxInScopeRefused = 0.04

// Fit fits a model from train, choosing its settings on dev. Train is
// answered from every index given (the corpus with its passage questions,
// and with some or all of them dropped, as a moderator's documents may
// have none), dev from the first. First the
// ranker (a linear model over the rank features, fitted as a softmax over
// each question's candidates), then the sentence model (the same over the
// best passage's sentences), the number of passages worth showing, and
// last the "I don't know" model (logistic, over the refusal features of the
// fitted ranker's output) and its threshold.
//
// Features named in off are switched off (held at 0, so their weight is
// 0): how a rule's worth is measured, by fitting without it.
func Fit(ctx context.Context, indexes []*index.Index, train, dev []Example, off ...string) (Model, error) {
	if len(train) == 0 || len(dev) == 0 || len(indexes) == 0 {
		return Model{}, errors.New("fit: train and dev both need examples, and an index")
	}
	m := untrained()
	var tr []*prepared
	for _, ix := range indexes {
		e, err := New(ix, m)
		if err != nil {
			return Model{}, err
		}
		ps, err := e.prepare(ctx, train)
		if err != nil {
			return Model{}, err
		}
		tr = append(tr, ps...)
	}
	e, err := New(indexes[0], m)
	if err != nil {
		return Model{}, err
	}
	dv, err := e.prepare(ctx, dev)
	if err != nil {
		return Model{}, err
	}
	m.Fit.Chosen = map[string]float64{}
	rankOff, refuseOff := columns(rankFeatures[:], off), columns(refuseFeatures[:], off)
	zero := func(ps []*prepared) {
		for _, p := range ps {
			for _, c := range p.r.cands {
				for _, i := range rankOff {
					c.x[i] = 0
				}
			}
			for _, i := range refuseOff {
				p.r.refuse[i] = 0
			}
		}
	}
	zero(tr)
	zero(dv)

	// The ranker: L2 by dev top-1.
	groups := rankGroups(tr)
	best := -1.0
	for _, l2 := range l2Grid {
		w := fitSoftmax(groups, l2*float64(len(groups)))
		if t1 := top1(dv, w); t1 > best+1e-9 {
			best, m.Rank.Weights = t1, w
			m.Fit.Chosen["rank_l2"] = l2
		}
	}
	m.Fit.Dev1 = best
	// The precedents: train as read from the first index, each
	// compared with those of other sources only.
	m.Precedents = precedents(indexes[0], tr[:len(train)])
	e.memory = newMemory(m.Precedents)
	e.model = m
	for _, set := range [][]*prepared{tr, dv} {
		for _, p := range set {
			e.order(p.r)
			e.refusalFeatures(p.r)
		}
		zero(set)
	}

	// The direct answer: L2 by the share of dev questions whose best
	// passage answers and whose chosen sentence holds the answer.
	sgroups := sentenceGroups(e, tr)
	best = -1
	for _, l2 := range l2Grid {
		w := fitSoftmax(sgroups, l2*float64(max(1, len(sgroups))))
		e.model.Sentence.Weights = w
		if d := directRate(e, dv); d > best+1e-9 {
			best, m.Sentence.Weights = d, w
			m.Fit.Chosen["sentence_l2"] = l2
		}
	}
	e.model.Sentence.Weights = m.Sentence.Weights

	// Passages shown: the smallest drop that keeps dev top-3 within a
	// point of showing three always.
	full := top3(dv, math.Inf(1))
	m.Show.Drop = dropGrid[len(dropGrid)-1]
	for _, d := range dropGrid {
		if top3(dv, d) >= full-0.01 {
			m.Show.Drop = d
			break
		}
	}
	m.Fit.Chosen["show_drop"] = m.Show.Drop

	// "I don't know": L2 by dev, refusing as many out-of-scope questions
	// as it can while refusing at most maxInScopeRefused of the
	// answerable ones; then the threshold that does so over dev and the
	// train questions, each scored by a model fitted without its
	// source's (a threshold read off one small split refused twice that
	// on the next).
	X, y := refusalData(tr)
	devOut, refuseL2 := -1.0, 0.0
	for _, l2 := range l2Grid {
		w := fitLogistic(X, y, l2*float64(len(X)))
		if _, out := chooseThreshold(scoredBy(dv, w)); out > devOut+1e-9 {
			devOut, refuseL2, m.Refuse.Weights = out, l2, w
		}
	}
	m.Fit.Chosen["refuse_l2"] = refuseL2
	pool := append(heldOut(tr, len(train), refuseL2), scoredBy(dv, m.Refuse.Weights)...)
	th, heldOutRefused := chooseThreshold(pool)
	m.Refuse.Threshold = th
	m.Fit.Chosen["held_out_of_scope_refused"] = heldOutRefused
	m.Fit.Chosen["dev_out_of_scope_refused"] = devOut
	return m, nil
}

// precedents are the prepared examples as read, with the passages of ix
// they were answered against.
func precedents(ix *index.Index, ps []*prepared) Precedents {
	var out Precedents
	for _, d := range ix.Documents() {
		for _, p := range d.Passages() {
			out.Passages = append(out.Passages, corpus.ParagraphHash(p.Text))
		}
	}
	slices.Sort(out.Passages)
	out.Passages = slices.Compact(out.Passages)
	for _, p := range ps {
		var terms []string
		for t := range precedentTerms(p.r.q) {
			terms = append(terms, t)
		}
		slices.Sort(terms)
		out.Questions = append(out.Questions, Precedent{Terms: terms, Answered: p.ex.Answers != nil, source: p.ex.Source})
	}
	return out
}

// columns returns the indices in names of the features in off.
func columns(names, off []string) []int {
	var out []int
	for i, n := range names {
		if slices.Contains(off, n) {
			out = append(out, i)
		}
	}
	return out
}

// prepared is an example with its candidates and their features.
type prepared struct {
	ex Example
	r  *ranking
	// pos holds the candidates that answer.
	pos map[*candidate]bool
}

// prepare ranks every example with the engine's current model, keeping
// the features; examples are ranked on every core.
func (e *Engine) prepare(ctx context.Context, exs []Example) ([]*prepared, error) {
	out := make([]*prepared, len(exs))
	errs := make([]error, len(exs))
	workers := min(runtime.GOMAXPROCS(0), len(exs))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(exs); i += workers {
				out[i], errs[i] = e.prepareOne(ctx, exs[i])
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// prepareOne ranks one example and marks the candidates that answer.
func (e *Engine) prepareOne(ctx context.Context, ex Example) (*prepared, error) {
	snap, err := e.ix.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	r, err := e.rank(ctx, snap, reading.FollowUp{Text: ex.Question})
	if err != nil {
		return nil, fmt.Errorf("fit: %q: %w", ex.Question, err)
	}
	r.source = ex.Source
	p := &prepared{ex: ex, r: r, pos: map[*candidate]bool{}}
	if ex.Answers != nil {
		for _, c := range r.cands {
			if ex.Answers(c.Passage.Text) {
				p.pos[c] = true
			}
		}
	}
	return p, nil
}

// best returns p's best candidate under w, or nil.
func (p *prepared) best(w []float64) *candidate {
	var out *candidate
	bestScore := math.Inf(-1)
	for _, c := range p.r.cands {
		if v := dot(w, c.x); v > bestScore {
			out, bestScore = c, v
		}
	}
	return out
}

// group is one softmax of a fit: the rows competing, and which answer.
type group struct {
	x   [][]float64
	pos []bool
}

// rankGroups gathers, for every answerable example with a candidate that
// answers, its candidates' features.
func rankGroups(ps []*prepared) []group {
	var out []group
	for _, p := range ps {
		if p.ex.Answers == nil || len(p.pos) == 0 {
			continue
		}
		g := group{}
		for _, c := range p.r.cands {
			g.x = append(g.x, c.x)
			g.pos = append(g.pos, p.pos[c])
		}
		out = append(out, g)
	}
	return out
}

// top1 is the share of answerable examples whose best candidate under w
// answers.
func top1(ps []*prepared, w []float64) float64 {
	n, hit := 0, 0
	for _, p := range ps {
		if p.ex.Answers == nil {
			continue
		}
		n++
		if c := p.best(w); c != nil && p.pos[c] {
			hit++
		}
	}
	return ratio(float64(hit), float64(n))
}

// top3 is the share of answerable examples with an answering candidate
// among the first three within drop of the best (as the engine shows them,
// refusal aside).
func top3(ps []*prepared, drop float64) float64 {
	n, hit := 0, 0
	for _, p := range ps {
		if p.ex.Answers == nil {
			continue
		}
		n++
		cs := p.r.cands
		for i := 0; i < min(3, len(cs)); i++ {
			if cs[i].score < cs[0].score-drop {
				break
			}
			if p.pos[cs[i]] {
				hit++
				break
			}
		}
	}
	return ratio(float64(hit), float64(n))
}

// sentenceGroups gathers, for every answerable example whose best
// candidate answers and has sentences that do and sentences that do not,
// its sentences' features.
func sentenceGroups(e *Engine, ps []*prepared) []group {
	var out []group
	for _, p := range ps {
		if p.ex.Answers == nil || len(p.r.cands) == 0 || !p.pos[p.r.cands[0]] {
			continue
		}
		c := p.r.cands[0]
		g := group{}
		for i, s := range c.sents {
			g.x = append(g.x, e.sentenceX(p.r, c, i))
			g.pos = append(g.pos, p.ex.Answers(s.text))
		}
		if slices.Contains(g.pos, true) && slices.Contains(g.pos, false) {
			out = append(out, g)
		}
	}
	return out
}

// directRate is the share of answerable examples whose direct answer (the
// chosen sentence of the best candidate) holds the answer.
func directRate(e *Engine, ps []*prepared) float64 {
	n, hit := 0, 0
	for _, p := range ps {
		if p.ex.Answers == nil {
			continue
		}
		n++
		if len(p.r.cands) > 0 && p.ex.Answers(e.bestSentence(p.r, p.r.cands[0])) {
			hit++
		}
	}
	return ratio(float64(hit), float64(n))
}

// refusalData gathers every example's refusal features and whether the
// documents answer it; each twice, the second time as though its
// candidates were passages added since the precedents were answered
// (qfRemembered and qfPrecedent 0), so that the model decides without
// them as well as with them.
func refusalData(ps []*prepared) ([][]float64, []bool) {
	var X [][]float64
	var y []bool
	for _, p := range ps {
		X = append(X, p.r.refuse)
		y = append(y, p.ex.Answers != nil)
		if p.r.refuse[qfRemembered] == 1 {
			x := slices.Clone(p.r.refuse)
			x[qfRemembered], x[qfPrecedent] = 0, 0
			X = append(X, x)
			y = append(y, p.ex.Answers != nil)
		}
	}
	return X, y
}

// scored is a question's probability that the documents answer it, and
// whether they do.
type scored struct {
	p  float64
	in bool
}

// scoredBy scores ps with the refusal weights w.
func scoredBy(ps []*prepared, w []float64) []scored {
	out := make([]scored, len(ps))
	for i, p := range ps {
		out[i].in = p.ex.Answers != nil
		if len(p.r.cands) > 0 {
			out[i].p = sigmoid(Linear{Weights: w}.score(p.r.refuse))
		}
	}
	return out
}

// heldOut scores the first n of tr (the train questions as answered from
// the first index), each by a refusal model fitted on the rows of tr from
// other sources; a question without a source is scored by the model fitted
// on all.
func heldOut(tr []*prepared, n int, l2 float64) []scored {
	var sources []string
	for _, p := range tr[:n] {
		if !slices.Contains(sources, p.ex.Source) {
			sources = append(sources, p.ex.Source)
		}
	}
	out := make([]scored, n)
	for _, s := range sources {
		var fit []*prepared
		for _, p := range tr {
			if s == "" || p.ex.Source != s {
				fit = append(fit, p)
			}
		}
		X, y := refusalData(fit)
		w := fitLogistic(X, y, l2*float64(len(X)))
		for i, p := range tr[:n] {
			if p.ex.Source == s {
				out[i] = scoredBy([]*prepared{p}, w)[0]
			}
		}
	}
	return out
}

// chooseThreshold returns the probability threshold that refuses the most
// out-of-scope questions of pool while refusing at most maxInScopeRefused
// of the answerable ones, and the share of out-of-scope ones it refuses.
func chooseThreshold(pool []scored) (float64, float64) {
	var in, out []float64
	for _, s := range pool {
		if s.in {
			in = append(in, s.p)
		} else {
			out = append(out, s.p)
		}
	}
	slices.Sort(in)
	// Refusing below th refuses the in-scope questions under it: at most
	// maxInScopeRefused of them.
	allowed := int(math.Floor(maxInScopeRefused * float64(len(in))))
	th := 0.0
	if allowed < len(in) {
		th = in[allowed] // refuse strictly below: exactly `allowed` refused, ties aside
	}
	refused := 0
	for _, o := range out {
		if o < th {
			refused++
		}
	}
	return th, ratio(float64(refused), float64(len(out)))
}

// fitSoftmax fits weights maximising, for every group, the softmax
// probability of its answering rows (averaged over them), with an L2
// penalty, by Newton's method: the objective is convex.
func fitSoftmax(groups []group, l2 float64) []float64 {
	if len(groups) == 0 {
		return nil
	}
	d := len(groups[0].x[0])
	return newton(d, l2, func(w []float64, grad []float64, hess [][]float64) float64 {
		loss := 0.0
		for _, g := range groups {
			s := make([]float64, len(g.x))
			top := math.Inf(-1)
			for i, x := range g.x {
				s[i] = dot(w, x)
				top = max(top, s[i])
			}
			z := 0.0
			for i := range s {
				s[i] = math.Exp(s[i] - top)
				z += s[i]
			}
			npos := 0
			for _, p := range g.pos {
				if p {
					npos++
				}
			}
			mean := make([]float64, d) // E_p[x]
			for i, x := range g.x {
				p := s[i] / z
				for a := range d {
					mean[a] += p * x[a]
				}
			}
			for i, x := range g.x {
				p := s[i] / z
				if g.pos[i] {
					loss -= math.Log(max(p, 1e-300)) / float64(npos)
					for a := range d {
						grad[a] -= x[a] / float64(npos)
					}
				}
				for a := range d {
					for b := range d {
						hess[a][b] += p * (x[a] - mean[a]) * (x[b] - mean[b])
					}
				}
			}
			for a := range d {
				grad[a] += mean[a]
			}
		}
		return loss
	})
}

// fitLogistic fits a logistic regression of y on X (whose first column is
// the bias, not penalised) with an L2 penalty, by Newton's method.
func fitLogistic(X [][]float64, y []bool, l2 float64) []float64 {
	d := len(X[0])
	return newton(d, l2, func(w []float64, grad []float64, hess [][]float64) float64 {
		loss := 0.0
		for i, x := range X {
			p := sigmoid(dot(w, x))
			t := b2f(y[i])
			loss -= t*math.Log(max(p, 1e-300)) + (1-t)*math.Log(max(1-p, 1e-300))
			for a := range d {
				grad[a] += (p - t) * x[a]
				for b := range d {
					hess[a][b] += p * (1 - p) * x[a] * x[b]
				}
			}
		}
		return loss
	}, 0)
}

// newton minimises loss(w) + l2/2·|w|² (l2 sparing the unpenalised
// indices), given a function that adds the loss's gradient and Hessian at
// w and returns the loss; it stops when a step no longer lowers the
// objective by much.
func newton(d int, l2 float64, eval func(w, grad []float64, hess [][]float64) float64, unpenalised ...int) []float64 {
	penalty := make([]float64, d)
	for a := range penalty {
		penalty[a] = l2
	}
	for _, a := range unpenalised {
		penalty[a] = 1e-6
	}
	objective := func(w []float64, grad []float64, hess [][]float64) float64 {
		v := eval(w, grad, hess)
		for a := range d {
			v += penalty[a] / 2 * w[a] * w[a]
			grad[a] += penalty[a] * w[a]
			hess[a][a] += penalty[a]
		}
		return v
	}
	w := make([]float64, d)
	for range 100 {
		grad := make([]float64, d)
		hess := make([][]float64, d)
		for a := range hess {
			hess[a] = make([]float64, d)
		}
		v := objective(w, grad, hess)
		step := solve(hess, grad)
		if step == nil {
			break
		}
		// Backtracking: halve the step until the objective falls.
		t := 1.0
		var next []float64
		for range 30 {
			next = make([]float64, d)
			for a := range d {
				next[a] = w[a] - t*step[a]
			}
			g2 := make([]float64, d)
			h2 := make([][]float64, d)
			for a := range h2 {
				h2[a] = make([]float64, d)
			}
			if objective(next, g2, h2) <= v {
				break
			}
			t /= 2
		}
		moved := 0.0
		for a := range d {
			moved = max(moved, math.Abs(next[a]-w[a]))
		}
		w = next
		if moved < 1e-9 {
			break
		}
	}
	return w
}

// solve returns x with A·x = b (Gaussian elimination with partial
// pivoting), or nil when A is singular.
func solve(A [][]float64, b []float64) []float64 {
	n := len(b)
	m := make([][]float64, n)
	for i := range A {
		m[i] = append(slices.Clone(A[i]), b[i])
	}
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		if math.Abs(m[p][c]) < 1e-12 {
			return nil
		}
		m[c], m[p] = m[p], m[c]
		for r := c + 1; r < n; r++ {
			f := m[r][c] / m[c][c]
			for k := c; k <= n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := m[r][n]
		for k := r + 1; k < n; k++ {
			s -= m[r][k] * x[k]
		}
		x[r] = s / m[r][r]
	}
	return x
}

func dot(w, x []float64) float64 {
	s := 0.0
	for i := range w {
		s += w[i] * x[i]
	}
	return s
}
