package answer

import (
	"math"
	"slices"
)

// Stump is one split of a boosted model: rows whose feature is at most
// Threshold get Left, others Right.
type Stump struct {
	Feature   int     `json:"feature"`
	Threshold float64 `json:"threshold"`
	Left      float64 `json:"left"`
	Right     float64 `json:"right"`
}

// Boosted is a sum of stumps over named features: gradient boosting of the
// logistic loss, a model that can say "refuse when this and not that"
// where a linear one cannot.
type Boosted struct {
	Features []string `json:"features"`
	Base     float64  `json:"base"`
	Stumps   []Stump  `json:"stumps"`
}

// score is the boosted model's log-odds for x.
func (b Boosted) score(x []float64) float64 {
	s := b.Base
	for _, st := range b.Stumps {
		if x[st.Feature] <= st.Threshold {
			s += st.Left
		} else {
			s += st.Right
		}
	}
	return s
}

// fitBoosted fits rounds stumps to the logistic loss of y on X, each
// shrunk by rate, splitting at the midpoints between distinct values, with
// leaves regularised by l2 (Newton steps: sum of gradients over sum of
// hessians plus l2).
func fitBoosted(names []string, X [][]float64, y []bool, rounds int, rate, l2 float64) Boosted {
	n, d := len(X), len(X[0])
	pos := 0
	for _, v := range y {
		if v {
			pos++
		}
	}
	p0 := (float64(pos) + 1) / (float64(n) + 2)
	b := Boosted{Features: slices.Clone(names), Base: math.Log(p0 / (1 - p0))}
	score := make([]float64, n)
	for i := range score {
		score[i] = b.Base
	}
	// Candidate thresholds per feature.
	cuts := make([][]float64, d)
	for f := range d {
		vals := make([]float64, n)
		for i := range X {
			vals[i] = X[i][f]
		}
		slices.Sort(vals)
		vals = slices.Compact(vals)
		for i := 0; i+1 < len(vals); i++ {
			cuts[f] = append(cuts[f], (vals[i]+vals[i+1])/2)
		}
		// At most 32 cuts, at quantiles.
		if len(cuts[f]) > 32 {
			var q []float64
			for k := range 32 {
				q = append(q, cuts[f][k*len(cuts[f])/32])
			}
			cuts[f] = slices.Compact(q)
		}
	}
	g := make([]float64, n)
	h := make([]float64, n)
	for range rounds {
		for i := range X {
			p := sigmoid(score[i])
			g[i] = p - b2f(y[i])
			h[i] = max(p*(1-p), 1e-6)
		}
		best := Stump{Feature: -1}
		bestGain := 0.0
		for f := range d {
			for _, c := range cuts[f] {
				var gl, hl, gr, hr float64
				for i := range X {
					if X[i][f] <= c {
						gl += g[i]
						hl += h[i]
					} else {
						gr += g[i]
						hr += h[i]
					}
				}
				gain := gl*gl/(hl+l2) + gr*gr/(hr+l2)
				if gain > bestGain {
					bestGain = gain
					best = Stump{Feature: f, Threshold: c, Left: -gl / (hl + l2) * rate, Right: -gr / (hr + l2) * rate}
				}
			}
		}
		if best.Feature < 0 {
			break
		}
		b.Stumps = append(b.Stumps, best)
		for i := range X {
			if X[i][best.Feature] <= best.Threshold {
				score[i] += best.Left
			} else {
				score[i] += best.Right
			}
		}
	}
	return b
}
