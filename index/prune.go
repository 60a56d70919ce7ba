package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// topPruned returns the n best passages for a disjunction of term queries,
// with the scores and order bleve's disjunction searcher and top-N
// collector give them (score, then index order), without scoring every
// passage that matches (WAND): a passage whose clauses' best possible
// contributions, times bleve's coordination factor, cannot beat the n-th
// best score found so far is skipped, and the postings readers skip past
// it. Each clause is scored with bleve's own term scorer, built as bleve's
// term searcher builds it, and only for the passages scored in full. Up to
// DisjunctionHeapTakeover clauses, bleve's slice searcher orders the
// clauses by postings count and adds their scores in that order, and so
// does topPruned: scores are bleve's to the bit. Above, bleve's heap
// searcher adds them in the order its heap pops them, which depends on
// every passage before; topPruned adds them in query order, so a score may
// differ from bleve's in its last bit or two, and passages that tie
// exactly (bleve may score them one bit apart) come in index order. ok is
// false when the query is not one it can bound (no BM25 statistics); the
// caller then runs bleve's searcher.
func (s *Snapshot) topPruned(ctx context.Context, clauses []*query.TermQuery, n int) (hits search.DocumentMatchCollection, ok bool, err error) {
	if n < 1 || len(clauses) == 0 {
		return nil, false, nil
	}
	bm25, isBM25 := s.r.(bleveindex.BM25Reader)
	if !isBM25 {
		return nil, false, nil
	}
	docs, err := s.r.DocCount()
	if err != nil {
		return nil, false, fmt.Errorf("count passages: %w", err)
	}
	// A clause's score is bounded only under BM25 (see
	// TermQueryScorer.docScore); a field no passage holds scores
	// otherwise, but then its clause matches nothing.
	if docs == 0 {
		return nil, false, nil
	}
	for _, c := range clauses {
		if c.Boost() <= 0 {
			return nil, false, nil
		}
	}

	// The clauses, scored and ordered as bleve's disjunction of term
	// searchers scores and orders them (the slice searcher by postings
	// count, the heap searcher not), with their query norm. Each reads
	// its postings itself and is scored, with bleve's scorer, only for
	// the passages scored in full.
	cs := make(maxClauses, 0, len(clauses))
	defer func() {
		for _, c := range cs {
			_ = c.r.Close()
		}
	}()
	for _, q := range clauses {
		if err := search.RecordTermSearcher(ctx); err != nil {
			return nil, false, err
		}
		term := []byte(q.Term)
		r, ok := bleveindex.TermFieldReader(nil), false
		if q.Field() == FieldText {
			r, ok = s.takeText(q.Term)
		}
		if !ok {
			if r, err = s.r.TermFieldReader(ctx, term, q.Field(), true, true, false); err != nil {
				return nil, false, fmt.Errorf("read postings: %w", err)
			}
		}
		card, err := bm25.FieldCardinality(q.Field())
		if err != nil {
			_ = r.Close()
			return nil, false, fmt.Errorf("read field %s: %w", q.Field(), err)
		}
		// As bleve's term searcher (bm25ScoreMetrics).
		avg := math.Ceil(float64(card) / float64(docs))
		sc := scorer.NewTermQueryScorer(term, q.Field(), q.Boost(), docs, r.Count(), avg, search.SearcherOptions{})
		cs = append(cs, maxClause{r: r, sc: sc, boost: q.Boost(), count: r.Count()})
	}
	if len(cs) <= searcher.DisjunctionHeapTakeover {
		sort.Sort(cs)
	}
	sumW := 0.0
	for _, c := range cs {
		sumW += c.sc.Weight()
	}
	qnorm := 1.0 / math.Sqrt(sumW)
	for i := range cs {
		cs[i].sc.SetQueryNorm(qnorm)
		// A clause adds idf·tf·k1/(tf + k1·norm') times boost·idf·qnorm,
		// below idf·k1·boost·idf·qnorm = k1·weight·qnorm/boost; a little
		// more, against rounding.
		cs[i].ub = search.BM25_k1 * cs[i].sc.Weight() * qnorm / cs[i].boost * (1 + 1e-9) * s.bound
	}
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(2, 0)}
	// score is bleve's score of a clause for the passage it is at.
	score := func(c *maxClause) float64 {
		dm := c.sc.Score(sctx, c.cur)
		s := dm.Score
		sctx.DocumentMatchPool.Put(dm)
		return s
	}
	next := func(c *maxClause) error {
		d, err := c.r.Next(c.cur)
		if err != nil {
			return fmt.Errorf("read postings: %w", err)
		}
		c.cur, c.done = d, d == nil
		if d != nil {
			c.doc = d.ID.Value()
		}
		return nil
	}
	advance := func(c *maxClause, id bleveindex.IndexInternalID) error {
		d, err := c.r.Advance(id, c.cur)
		if err != nil {
			return fmt.Errorf("read postings: %w", err)
		}
		c.cur, c.done = d, d == nil
		if d != nil {
			c.doc = d.ID.Value()
		}
		return nil
	}
	for i := range cs {
		if err := next(&cs[i]); err != nil {
			return nil, false, err
		}
	}

	// WAND: byDoc lists the live clauses by current passage. The pivot is
	// the first of them at which the bounds of the clauses so far (with
	// bleve's coordination factor for that many clauses) could beat the
	// n-th best score: a passage before the pivot's can only be held by
	// the clauses before it, so it cannot, and those clauses skip to the
	// pivot's passage. When they are all there, it is scored exactly.
	total := float64(len(cs))
	top := &topHeap{n: n}
	out := func(bound float64) bool { return top.full() && bound*(1+1e-9) <= top.min() }
	// byDoc holds the live clauses' current passages, in order; a clause
	// that is done sorts last with passage done, and is dropped.
	type cursor struct {
		doc uint64
		i   int
	}
	const done = ^uint64(0)
	byDoc := make([]cursor, 0, len(cs))
	for i := range cs {
		if !cs[i].done {
			byDoc = append(byDoc, cursor{cs[i].doc, i})
		}
	}
	slices.SortFunc(byDoc, func(a, b cursor) int { return cmp.Compare(a.doc, b.doc) })
	// moved puts the first m cursors, which moved forward, back in order.
	moved := func(m int) {
		for j := m - 1; j >= 0; j-- {
			c := cs[byDoc[j].i]
			cur := cursor{c.doc, byDoc[j].i}
			if c.done {
				cur.doc = done
			}
			k := j
			for k+1 < len(byDoc) && byDoc[k+1].doc < cur.doc {
				byDoc[k] = byDoc[k+1]
				k++
			}
			byDoc[k] = cur
		}
		for len(byDoc) > 0 && byDoc[len(byDoc)-1].doc == done {
			byDoc = byDoc[:len(byDoc)-1]
		}
	}
	var docID bleveindex.IndexInternalID
	at := make([]int, 0, len(cs)) // clauses at the passage scored
	for seen := 0; len(byDoc) > 0; seen++ {
		if seen%1024 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, false, fmt.Errorf("search: %w", err)
			}
		}
		pivot, ubs := -1, 0.0
		for p, c := range byDoc {
			ubs += cs[c.i].ub
			if !out(ubs * (float64(p+1) / total)) {
				pivot = p
				break
			}
		}
		if pivot < 0 {
			break // no passage left can beat the n-th best
		}
		doc := byDoc[pivot].doc
		docID = bleveindex.NewIndexInternalID(docID, doc)
		if byDoc[0].doc < doc {
			m := 0
			for m < pivot && byDoc[m].doc < doc {
				if err := advance(&cs[byDoc[m].i], docID); err != nil {
					return nil, false, err
				}
				m++
			}
			moved(m)
			continue
		}
		// Exactly as bleve's slice searcher and disjunction scorer: the
		// clause scores in clause order, times the share of clauses
		// matched.
		at = at[:0]
		m := 0
		for m < len(byDoc) && byDoc[m].doc == doc {
			at = append(at, byDoc[m].i)
			m++
		}
		slices.Sort(at)
		sum := 0.0
		for _, i := range at {
			sum += score(&cs[i])
		}
		top.offer(sum*(float64(len(at))/total), doc, docID)
		s.scored++
		for _, i := range at {
			if err := next(&cs[i]); err != nil {
				return nil, false, err
			}
		}
		moved(m)
	}
	hits = top.sorted()
	for _, h := range hits {
		if h.ID, err = s.r.ExternalID(h.IndexInternalID); err != nil {
			return nil, false, fmt.Errorf("read passage id: %w", err)
		}
	}
	return hits, true, nil
}

// maxClause is one term query of topPruned's disjunction.
type maxClause struct {
	r     bleveindex.TermFieldReader
	sc    *scorer.TermQueryScorer
	boost float64
	count uint64                   // passages holding the term
	ub    float64                  // most the clause can add to a score
	cur   *bleveindex.TermFieldDoc // where the reader is, unless done
	done  bool
	doc   uint64
}

// maxClauses sorts as bleve's OrderedSearcherList sorts term searchers:
// by postings count, with sort.Sort.
type maxClauses []maxClause

func (cs maxClauses) Len() int           { return len(cs) }
func (cs maxClauses) Less(i, j int) bool { return cs[i].count < cs[j].count }
func (cs maxClauses) Swap(i, j int)      { cs[i], cs[j] = cs[j], cs[i] }

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
