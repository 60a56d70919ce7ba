package answer

import (
	"math"
	"slices"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/reading"
)

// Precedents are the training questions, as read, with whether the
// documents they were written against answer them: the "I don't know"
// decision compares a question with them (a question like those the
// documents could not answer is likely not answered either). They hold
// only for the passages they were answered against: when one of the best
// candidates is a passage added or changed since, they say nothing.
type Precedents struct {
	// Passages are the ParagraphHash of every passage the precedents were
	// answered against.
	Passages []string `json:"passages"`
	// Questions are the training questions' searched terms.
	Questions []Precedent `json:"questions"`
}

// Precedent is one training question as read.
type Precedent struct {
	Terms    []string `json:"terms"`
	Answered bool     `json:"answered"`
	// source is the file the question came from (while fitting, a
	// question is not compared with those of its own writer).
	source string
}

// memory is Precedents ready to compare with: each precedent's terms
// weighted by their IDF over the precedents, and unit length.
type memory struct {
	passages map[string]bool
	postings map[string][]posting
	entries  []Precedent
}

// posting is one precedent's weight for a term.
type posting struct {
	entry  int
	weight float64
}

// newMemory prepares p for comparing.
func newMemory(p Precedents) *memory {
	m := &memory{passages: map[string]bool{}, postings: map[string][]posting{}, entries: p.Questions}
	for _, h := range p.Passages {
		m.passages[h] = true
	}
	df := map[string]int{}
	for _, q := range p.Questions {
		for _, t := range unique(q.Terms) {
			df[t]++
		}
	}
	n := float64(len(p.Questions))
	for i, q := range p.Questions {
		ts := unique(q.Terms)
		norm := 0.0
		for _, t := range ts {
			w := m.idf(df[t], n)
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for _, t := range ts {
			m.postings[t] = append(m.postings[t], posting{entry: i, weight: m.idf(df[t], n) / norm})
		}
	}
	return m
}

// idf is a term's weight among the precedents.
func (m *memory) idf(df int, n float64) float64 {
	return math.Log((n+1)/(float64(df)+1)) + 1
}

// applies reports whether the precedents speak for a question whose best
// candidates are top: each is a passage they were answered against.
func (m *memory) applies(top []*candidate) bool {
	if m == nil || len(top) == 0 {
		return false
	}
	for _, c := range top {
		if !m.passages[corpus.ParagraphHash(c.Passage.Text)] {
			return false
		}
	}
	return true
}

// lean is how much closer the question is to a precedent the documents did
// not answer than to one they did (IDF cosine of the searched terms; from
// −1 to 1). Precedents from source are skipped ("" skips none).
func (m *memory) lean(q reading.Question, source string) float64 {
	set := precedentTerms(q)
	keys := make([]string, 0, len(set))
	for t := range set {
		keys = append(keys, t)
	}
	slices.Sort(keys)
	n := float64(len(m.entries))
	dot := map[int]float64{}
	norm := 0.0
	for _, t := range keys {
		ps := m.postings[t]
		// A term no precedent holds weighs as one held once.
		w := set[t] * m.idf(len(ps), n)
		norm += w * w
		for _, p := range ps {
			dot[p.entry] += w * p.weight
		}
	}
	if norm == 0 {
		return 0
	}
	norm = math.Sqrt(norm)
	in, out := 0.0, 0.0
	for i, d := range dot {
		e := m.entries[i]
		if source != "" && e.source == source {
			continue
		}
		if c := d / norm; e.Answered {
			in = max(in, c)
		} else {
			out = max(out, c)
		}
	}
	return out - in
}

// precedentTerms are what a question is compared with the precedents by:
// its searched terms, and the words it asks that no document holds (at
// weight 1: they are searched for nothing, but are what it asks; "does
// anyone have the slides from the econ lecture" is not a question on
// slides).
func precedentTerms(q reading.Question) map[string]float64 {
	set := termSet(q.Terms)
	for _, t := range q.Unknown {
		set[t] = max(set[t], 1)
	}
	return set
}

// unique returns ts without repeats, in order.
func unique(ts []string) []string {
	var out []string
	for _, t := range ts {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
