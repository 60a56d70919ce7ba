package index

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/summitbot/summitbot/corpus"
)

// vocabulary is the set of analysed terms the index holds, with the number
// of passages whose text holds each: it decides which question terms are
// known, corrects unknown ones, and weighs terms for coverage.
type vocabulary struct {
	// df and known are read from the index and never changed; the changes
	// since are in dfDelta and fresh, so that adding a document copies
	// only them. Past maxOverlay they are folded into new maps.
	df      map[string]uint64 // passages whose text holds the term
	known   map[string]bool   // terms of the text or the context field
	dfDelta map[string]int64  // changes to df since it was read
	fresh   map[string]bool   // terms known since
	common  map[string]bool   // everyday words: weigh little when unknown
	npass   uint64
	maxIDF  float64
}

// maxOverlay is how many changed terms a vocabulary carries beside its
// maps before folding them in.
const maxOverlay = 4096

// dfOf is the number of passages whose text holds term.
func (v *vocabulary) dfOf(term string) uint64 {
	n := int64(v.df[term]) + v.dfDelta[term]
	if n < 0 {
		return 0
	}
	return uint64(n)
}

// isKnown reports whether a text or a context holds term.
func (v *vocabulary) isKnown(term string) bool { return v.known[term] || v.fresh[term] }

func loadVocabulary(bi bleve.Index, common map[string]bool) (*vocabulary, error) {
	n, err := bi.DocCount()
	if err != nil {
		return nil, fmt.Errorf("count passages: %w", err)
	}
	v := &vocabulary{df: map[string]uint64{}, known: map[string]bool{}, common: common, npass: n}
	for _, field := range []string{fieldText, fieldContext} {
		dict, err := bi.FieldDict(field)
		if err != nil {
			return nil, fmt.Errorf("read %s terms: %w", field, err)
		}
		for {
			e, err := dict.Next()
			if err != nil {
				_ = dict.Close()
				return nil, fmt.Errorf("read %s terms: %w", field, err)
			}
			if e == nil {
				break
			}
			if e.Count == 0 {
				continue
			}
			if field == fieldText {
				v.df[e.Term] = e.Count
			}
			v.known[e.Term] = true
		}
		if err := dict.Close(); err != nil {
			return nil, fmt.Errorf("read %s terms: %w", field, err)
		}
	}
	v.maxIDF = v.idfOf(0)
	return v, nil
}

// idf weighs a term by how rare it is among passages; a term no passage
// holds weighs most.
func (v *vocabulary) idf(term string) float64 { return v.idfOf(v.dfOf(term)) }

// weight is how much a question term counts towards coverage: its idf when
// known; when unknown, the most a term can weigh for a word, half that for
// short or numeric tokens, which are more often noise than subject, and a
// quarter for everyday words.
func (v *vocabulary) weight(t string) float64 {
	if v.isKnown(t) {
		return v.idf(t)
	}
	if v.common[t] {
		return v.maxIDF / 4
	}
	if utf8.RuneCountInString(t) < 4 || strings.IndexFunc(t, unicode.IsDigit) >= 0 {
		return v.maxIDF / 2
	}
	return v.maxIDF
}

func (v *vocabulary) idfOf(df uint64) float64 {
	n := float64(v.npass)
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// maxEdits is how many edits a term of this length may be away from a
// known term and still count as a misspelling of it.
func maxEdits(runes int) int {
	switch {
	case runes < 5:
		return 0
	case runes < 8:
		return 1
	default:
		return 2
	}
}

// correct returns the known terms closest to an unknown term, within
// maxEdits (transpositions count one), among the candidates the index's
// term dictionaries offered; more than one when they tie.
func (v *vocabulary) correct(term string, candidates []string) []string {
	r := []rune(term)
	k := maxEdits(len(r))
	if k == 0 {
		return nil
	}
	var ed editor
	best, out := k+1, []string(nil)
	cand := make([]rune, 0, len(r)+k)
	for _, c := range candidates {
		if !v.isKnown(c) || c == term {
			continue // a term of deleted passages only
		}
		if first, _ := utf8.DecodeRuneInString(c); len(r) < 6 && first != r[0] {
			continue // short words: a typo rarely changes the first letter
		}
		cand = cand[:0]
		for _, cr := range c {
			cand = append(cand, cr)
		}
		d := ed.distance(r, cand, best)
		switch {
		case d < best:
			best, out = d, []string{c}
		case d == best && d <= k && !slices.Contains(out, c):
			out = append(out, c)
		}
	}
	if best > k {
		return nil
	}
	return out
}

// editor computes edit distances, reusing its rows from one to the next.
type editor struct {
	prev2, prev, cur []int
}

// distance is the Damerau (optimal string alignment) distance of a and b,
// or any value above limit once it is certain to exceed it; it allocates
// nothing once its rows are long enough.
func (e *editor) distance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if n := len(b) + 1; cap(e.cur) < n {
		e.prev2, e.prev, e.cur = make([]int, n, 2*n), make([]int, n, 2*n), make([]int, n, 2*n)
	}
	prev2, prev, cur := e.prev2[:len(b)+1], e.prev[:len(b)+1], e.cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			c := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				c = min(c, prev2[j-2]+1)
			}
			cur[j] = c
			rowMin = min(rowMin, c)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// patched returns a copy of v with the passages added and removed counted
// in or out, without reading the whole vocabulary from the index again.
// Terms stay known once seen: a correction towards a term no passage holds
// any more finds nothing, which is harmless.
func (v *vocabulary) patched(ix *Index, st *state, added, removed []corpus.Passage) *vocabulary {
	nv := &vocabulary{
		df:      v.df,
		known:   v.known,
		dfDelta: make(map[string]int64, len(v.dfDelta)+64),
		fresh:   make(map[string]bool, len(v.fresh)),
		common:  v.common,
		npass:   uint64(st.npassages),
	}
	for t, n := range v.dfDelta {
		nv.dfDelta[t] = n
	}
	for t := range v.fresh {
		nv.fresh[t] = true
	}
	terms := func(text string) map[string]bool {
		out := map[string]bool{}
		for _, t := range analyse(ix.analyzer, text) {
			out[t] = true
		}
		return out
	}
	for _, p := range removed {
		for t := range terms(p.Text) {
			nv.dfDelta[t]--
		}
	}
	for _, p := range added {
		for t := range terms(p.Text) {
			nv.dfDelta[t]++
		}
		d := st.docs[p.DocID]
		prev := ""
		if q, ok := st.passage(corpus.PassageID(p.DocID, p.N-1)); ok {
			prev = q.Text
		}
		for t := range terms(p.Text + "\n" + p.Section + "\n" + d.Title + "\n" + prev) {
			if !v.known[t] {
				nv.fresh[t] = true
			}
		}
	}
	if len(nv.dfDelta)+len(nv.fresh) > maxOverlay {
		nv.fold()
	}
	nv.maxIDF = nv.idfOf(0)
	return nv
}

// fold makes new base maps holding the overlay.
func (v *vocabulary) fold() {
	df := make(map[string]uint64, len(v.df)+len(v.dfDelta))
	for t, n := range v.df {
		df[t] = n
	}
	for t := range v.dfDelta {
		if n := v.dfOf(t); n > 0 {
			df[t] = n
		} else {
			delete(df, t)
		}
	}
	known := make(map[string]bool, len(v.known)+len(v.fresh))
	for t := range v.known {
		known[t] = true
	}
	for t := range v.fresh {
		known[t] = true
	}
	v.df, v.known, v.dfDelta, v.fresh = df, known, map[string]int64{}, map[string]bool{}
}
