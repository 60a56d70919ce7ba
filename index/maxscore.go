package index

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// topByMaxScore returns the n best passages for a disjunction of term
// queries, with the scores and order bleve's disjunction searcher and top-N
// collector give them (score, then index order), without scoring every
// passage that matches: it skips the passages that hold only terms whose
// best possible contributions cannot reach the n-th best score found so far
// (the MaxScore method). Its clauses are bleve's own term searchers, so each
// clause's score is bleve's. Up to DisjunctionHeapTakeover clauses, bleve's
// slice searcher orders the clauses by postings count and adds their scores
// in that order, and so does topByMaxScore: scores are bleve's to the bit.
// Above, bleve's heap searcher adds them in the order its heap pops them,
// which depends on every passage before; topByMaxScore adds them in query
// order, so a score may differ from bleve's in its last bit or two, and
// passages that tie exactly (bleve may score them one bit apart) come in
// index order. ok is false when the query is not one it can bound (no BM25
// statistics); the caller then runs bleve's searcher.
func (v *vocabulary) topByMaxScore(ctx context.Context, clauses []*query.TermQuery, m mapping.IndexMapping, n int) (hits search.DocumentMatchCollection, ok bool, err error) {
	if n < 1 || len(clauses) == 0 {
		return nil, false, nil
	}
	bm25, isBM25 := v.r.(bleveindex.BM25Reader)
	if !isBM25 {
		return nil, false, nil
	}
	docs, err := v.r.DocCount()
	if err != nil {
		return nil, false, fmt.Errorf("count passages: %w", err)
	}
	// A clause's score is bounded only under BM25 with a known average
	// length (see TermQueryScorer.docScore).
	for _, c := range clauses {
		card, err := bm25.FieldCardinality(c.Field())
		if err != nil {
			return nil, false, fmt.Errorf("read field %s: %w", c.Field(), err)
		}
		if card == 0 || docs == 0 || c.Boost() <= 0 {
			return nil, false, nil
		}
	}

	// The clauses, built and ordered as bleve's disjunction builds and
	// orders them (the slice searcher by postings count, the heap searcher
	// not), with their query norm.
	type clause struct {
		s     search.Searcher
		boost float64
		ub    float64               // most the clause can add to a score
		cur   *search.DocumentMatch // current match; nil when done
		doc   uint64
	}
	ss := make(searcher.OrderedSearcherList, 0, len(clauses))
	boost := map[search.Searcher]float64{}
	defer func() {
		for _, s := range ss {
			_ = s.Close()
		}
	}()
	for _, c := range clauses {
		s, err := c.Searcher(ctx, v.r, m, search.SearcherOptions{})
		if err != nil {
			return nil, false, fmt.Errorf("build searcher: %w", err)
		}
		ss = append(ss, s)
		boost[s] = c.Boost()
	}
	heapOrder := len(ss) > searcher.DisjunctionHeapTakeover
	if !heapOrder {
		sort.Sort(ss)
	}
	sumW := 0.0
	for _, s := range ss {
		sumW += s.Weight()
	}
	qnorm := 1.0 / math.Sqrt(sumW)
	for _, s := range ss {
		s.SetQueryNorm(qnorm)
	}
	cs := make([]clause, len(ss))
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(2*len(ss)+1, 0)}
	for i, s := range ss {
		// A clause adds idf·tf·k1/(tf + k1·norm') times boost·idf·qnorm,
		// below idf·k1·boost·idf·qnorm = k1·weight·qnorm/boost; a little
		// more, against rounding.
		cs[i] = clause{s: s, boost: boost[s], ub: search.BM25_k1 * s.Weight() * qnorm / boost[s] * (1 + 1e-9)}
	}
	next := func(c *clause) error {
		if c.cur != nil {
			sctx.DocumentMatchPool.Put(c.cur)
		}
		d, err := c.s.Next(sctx)
		if err != nil {
			return fmt.Errorf("read postings: %w", err)
		}
		c.cur = d
		if d != nil {
			c.doc = d.IndexInternalID.Value()
		}
		return nil
	}
	advance := func(c *clause, id bleveindex.IndexInternalID) error {
		if c.cur != nil {
			sctx.DocumentMatchPool.Put(c.cur)
		}
		d, err := c.s.Advance(sctx, id)
		if err != nil {
			return fmt.Errorf("read postings: %w", err)
		}
		c.cur = d
		if d != nil {
			c.doc = d.IndexInternalID.Value()
		}
		return nil
	}
	for i := range cs {
		if err := next(&cs[i]); err != nil {
			return nil, false, err
		}
	}

	// byUB lists the clauses by bound, smallest first; the first nonEss of
	// them are non-essential: a passage holding only those cannot beat
	// the n-th best score.
	byUB := make([]int, len(cs))
	for i := range byUB {
		byUB[i] = i
	}
	slices.SortStableFunc(byUB, func(a, b int) int {
		switch {
		case cs[a].ub < cs[b].ub:
			return -1
		case cs[a].ub > cs[b].ub:
			return 1
		}
		return 0
	})
	essential := make([]bool, len(cs))
	for i := range essential {
		essential[i] = true
	}
	nonEss, nonEssUB := 0, 0.0
	total := float64(len(cs))

	top := &topHeap{n: n}
	matched := make([]bool, len(cs))
	var docID bleveindex.IndexInternalID
	for seen := 0; ; seen++ {
		if seen%1024 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, false, fmt.Errorf("search: %w", err)
			}
		}
		// The next passage: the smallest current one among essential
		// clauses.
		var doc uint64
		found := false
		for i := range cs {
			if essential[i] && cs[i].cur != nil && (!found || cs[i].doc < doc) {
				doc, found = cs[i].doc, true
			}
		}
		if !found {
			break
		}
		docID = bleveindex.NewIndexInternalID(docID, doc)
		partial, count := 0.0, 0
		for i := range cs {
			matched[i] = essential[i] && cs[i].cur != nil && cs[i].doc == doc
			if matched[i] {
				partial += cs[i].cur.Score
				count++
			}
		}
		if !top.full() || (partial+nonEssUB)*(float64(count+nonEss)/total)*(1+1e-9) > top.min() {
			for i := range cs {
				if essential[i] || cs[i].cur == nil {
					continue
				}
				if cs[i].doc < doc {
					if err := advance(&cs[i], docID); err != nil {
						return nil, false, err
					}
				}
				matched[i] = cs[i].cur != nil && cs[i].doc == doc
			}
			// Exactly as bleve's slice searcher and disjunction scorer:
			// the clause scores in clause order, times the share of
			// clauses matched.
			sum, k := 0.0, 0
			for i := range cs {
				if matched[i] {
					sum += cs[i].cur.Score
					k++
				}
			}
			coord := float64(k) / total
			if top.offer(sum*coord, doc, docID) {
				// The bar rose: more clauses may become non-essential.
				for nonEss < len(byUB) {
					c := byUB[nonEss]
					ub := nonEssUB + cs[c].ub
					if !top.full() || ub*(float64(nonEss+1)/total)*(1+1e-9) > top.min() {
						break
					}
					essential[c] = false
					nonEss, nonEssUB = nonEss+1, ub
				}
			}
		}
		for i := range cs {
			if matched[i] && essential[i] {
				if err := next(&cs[i]); err != nil {
					return nil, false, err
				}
			}
		}
	}
	for i := range cs {
		if cs[i].cur != nil {
			sctx.DocumentMatchPool.Put(cs[i].cur)
			cs[i].cur = nil
		}
	}
	out := top.sorted()
	for _, h := range out {
		if h.ID, err = v.r.ExternalID(h.IndexInternalID); err != nil {
			return nil, false, fmt.Errorf("read passage id: %w", err)
		}
	}
	return out, true, nil
}

// topHeap keeps the n best (score, passage) pairs seen, as bleve's top-N
// collector ranks them: higher score first, then lower index number.
type topHeap struct {
	n     int
	items []topItem // a min-heap: the worst kept first
}

type topItem struct {
	score float64
	doc   uint64
	id    bleveindex.IndexInternalID
}

// worse reports whether a ranks below b.
func (a topItem) worse(b topItem) bool {
	return a.score < b.score || a.score == b.score && a.doc > b.doc
}

func (h *topHeap) full() bool { return len(h.items) >= h.n }

// min is the score of the worst item kept; only for a full heap.
func (h *topHeap) min() float64 { return h.items[0].score }

// offer adds a passage if it ranks among the n best, and reports whether
// the heap is full and its worst score may have risen.
func (h *topHeap) offer(score float64, doc uint64, id bleveindex.IndexInternalID) bool {
	it := topItem{score: score, doc: doc}
	if len(h.items) == h.n && !h.items[0].worse(it) {
		return false
	}
	it.id = slices.Clone(id)
	if len(h.items) < h.n {
		h.items = append(h.items, it)
		h.up(len(h.items) - 1)
		return h.full()
	}
	h.items[0] = it
	h.down(0)
	return true
}

func (h *topHeap) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !h.items[i].worse(h.items[p]) {
			return
		}
		h.items[i], h.items[p] = h.items[p], h.items[i]
		i = p
	}
}

func (h *topHeap) down(i int) {
	for {
		l, w := 2*i+1, i
		if l < len(h.items) && h.items[l].worse(h.items[w]) {
			w = l
		}
		if r := l + 1; r < len(h.items) && h.items[r].worse(h.items[w]) {
			w = r
		}
		if w == i {
			return
		}
		h.items[i], h.items[w] = h.items[w], h.items[i]
		i = w
	}
}

// sorted returns the kept passages, best first.
func (h *topHeap) sorted() search.DocumentMatchCollection {
	items := slices.Clone(h.items)
	slices.SortFunc(items, func(a, b topItem) int {
		switch {
		case b.worse(a):
			return -1
		case a.worse(b):
			return 1
		}
		return 0
	})
	out := make(search.DocumentMatchCollection, len(items))
	for i, it := range items {
		out[i] = &search.DocumentMatch{IndexInternalID: it.id, Score: it.score}
	}
	return out
}
