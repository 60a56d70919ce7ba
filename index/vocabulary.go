package index

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	bleveindex "github.com/blevesearch/bleve_index_api"
)

// vocabulary answers, for one question, which terms the index holds and
// in how many passages: it decides which question terms are known,
// corrects unknown ones, and weighs terms for coverage. It reads bleve's
// live counts (deleted passages excluded) through one index snapshot and
// keeps what it read for the question's lifetime: nothing about the
// vocabulary is loaded at start or kept between questions.
type vocabulary struct {
	ctx    context.Context
	r      bleveindex.IndexReader
	common map[string]bool // everyday words: weigh little when unknown
	npass  uint64
	maxIDF float64
	df     map[string]uint64 // text counts read so far
	inCtx  map[string]bool   // context presence read so far
	// text holds the text postings readers opened for counts, unread: the
	// search takes those of its terms instead of opening them again.
	text map[string]bleveindex.TermFieldReader
}

// vocabulary opens a view of the index's terms; close it when done.
func (ix *Index) vocabulary(ctx context.Context) (*vocabulary, error) {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	n, err := r.DocCount()
	if err != nil {
		_ = r.Close()
		return nil, fmt.Errorf("count passages: %w", err)
	}
	v := &vocabulary{ctx: ctx, r: r, common: ix.common, npass: n, df: map[string]uint64{}, inCtx: map[string]bool{}, text: map[string]bleveindex.TermFieldReader{}}
	v.maxIDF = v.idfOf(0)
	return v, nil
}

func (v *vocabulary) close() {
	for _, tfr := range v.text {
		_ = tfr.Close()
	}
	_ = v.r.Close()
}

// takeText returns the unread text postings reader of term that counting
// opened, if any; the caller closes it.
func (v *vocabulary) takeText(term string) (bleveindex.TermFieldReader, bool) {
	tfr, ok := v.text[term]
	delete(v.text, term)
	return tfr, ok
}

// count is the number of live passages whose field holds term.
func (v *vocabulary) count(field, term string) uint64 {
	tfr, err := v.r.TermFieldReader(v.ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0
	}
	defer tfr.Close()
	return tfr.Count()
}

// dfOf is the number of passages whose text holds term. The reader it
// opens (with frequencies and norms, as the search reads them) is kept for
// the search.
func (v *vocabulary) dfOf(term string) uint64 {
	n, ok := v.df[term]
	if !ok {
		tfr, err := v.r.TermFieldReader(v.ctx, []byte(term), fieldText, true, true, false)
		if err == nil {
			n = tfr.Count()
			v.text[term] = tfr
		}
		v.df[term] = n
	}
	return n
}

// isKnown reports whether a text or a context holds term.
func (v *vocabulary) isKnown(term string) bool {
	if v.dfOf(term) > 0 {
		return true
	}
	in, ok := v.inCtx[term]
	if !ok {
		in = v.count(fieldContext, term) > 0
		v.inCtx[term] = in
	}
	return in
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
