package index

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/summitbot/summitbot/corpus"
)

// MaxClauses bounds the clauses of one search, and the term searchers
// bleve may build for it.
const MaxClauses = 160

// Clause is one term query of a search: an analysed term looked for in one
// field, weighted by Boost. No query syntax is involved.
type Clause struct {
	Field string
	Term  string
	Boost float64
}

// Span is a byte range [Start, End) of a passage's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Candidate is a passage a search found, with what its postings say of
// each clause.
type Candidate struct {
	Passage corpus.Passage
	Doc     corpus.Document
	// Score is bleve's BM25 score of the whole query (the disjunction of
	// the clauses, boosts and coordination included); Rank its 0-based
	// place in bleve's order.
	Score float64
	Rank  int
	// BM25 holds, for each clause, its BM25 score in the passage's field
	// without boost: bleve's score of that term query alone,
	// 0 when the field lacks the term.
	BM25 []float64
	// Spans are the byte ranges of the text that text clauses matched,
	// sorted and merged.
	Spans []Span
}

// Search returns the n best passages for the disjunction of clauses, in
// bleve's order, with each clause's BM25 in each of them. It is what
// bleve's SearchInContext returns for that query sorted by score, pruned
// (see topPruned) so that passages that cannot reach the top n are not
// scored.
func (s *Snapshot) Search(ctx context.Context, clauses []Clause, n int) ([]Candidate, error) {
	if len(clauses) == 0 || n < 1 {
		return nil, nil
	}
	if len(clauses) > MaxClauses {
		clauses = clauses[:MaxClauses]
	}
	tqs := make([]*query.TermQuery, len(clauses))
	for i, c := range clauses {
		tq := bleve.NewTermQuery(c.Term)
		tq.SetField(c.Field)
		tq.SetBoost(c.Boost)
		tqs[i] = tq
	}
	ctx = context.WithValue(ctx, search.MaxTermSearchersKey, 2*MaxClauses)
	hits, err := s.search(ctx, tqs, n)
	if err != nil {
		return nil, err
	}
	out := make([]Candidate, 0, len(hits))
	keep := make(search.DocumentMatchCollection, 0, len(hits))
	for i, h := range hits {
		p, d, ok := s.Passage(h.ID)
		if !ok {
			continue // deleted since the search began
		}
		out = append(out, Candidate{Passage: p, Doc: d, Score: h.Score, Rank: i, BM25: make([]float64, len(clauses))})
		keep = append(keep, h)
	}
	if err := s.readClauses(keep, clauses, out); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Spans = mergeSpans(out[i].Spans, len(out[i].Passage.Text))
	}
	return out, nil
}

// search runs the disjunction of clauses and returns its best n hits, best
// first, as bleve's top-N collector would, without term locations or
// stored fields.
func (s *Snapshot) search(ctx context.Context, clauses []*query.TermQuery, n int) (search.DocumentMatchCollection, error) {
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return bleveindex.BM25Scoring }))
	ctx = search.ContextWithTermSearchersCounter(ctx)
	if hits, ok, err := s.topPruned(ctx, clauses, n); ok || err != nil {
		return hits, err
	}
	qs := make([]query.Query, len(clauses))
	for i, c := range clauses {
		qs[i] = c
	}
	sr, err := query.NewDisjunctionQuery(qs).Searcher(ctx, s.r, s.m, search.SearcherOptions{})
	if err != nil {
		return nil, fmt.Errorf("build searcher: %w", err)
	}
	defer sr.Close()
	coll := collector.NewTopNCollector(n, 0, search.SortOrder{&search.SortScore{Desc: true}})
	if err := coll.Collect(ctx, sr, s.r); err != nil {
		return nil, fmt.Errorf("collect hits: %w", err)
	}
	return coll.Results(), nil
}

// readClauses fills each candidate's BM25 per clause, and the spans of its
// text clauses. Each clause's postings are read once, advancing over the
// hits in index order, so only the hits' frequencies (and, for the text,
// locations) are decoded.
func (s *Snapshot) readClauses(hits search.DocumentMatchCollection, clauses []Clause, out []Candidate) error {
	order := make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return bytes.Compare(hits[a].IndexInternalID, hits[b].IndexInternalID)
	})
	for ci, c := range clauses {
		avg, err := s.avgLength(c.Field)
		if err != nil {
			return err
		}
		idf := s.idfOf(s.DF(c.Field, c.Term))
		locations := c.Field == FieldText
		err = s.advanceOver(hits, order, c.Field, c.Term, locations, func(i int, d *bleveindex.TermFieldDoc) {
			out[i].BM25[ci] = bm25(idf, math.Sqrt(float64(d.Freq)), d.Norm, avg)
			if locations {
				for _, l := range d.Vectors {
					out[i].Spans = append(out[i].Spans, Span{Start: int(l.Start), End: int(l.End)})
				}
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// bm25 is bleve's BM25 score of a term in a field (TermQueryScorer), tf
// being the square root of the term's frequency, as bleve takes it.
func bm25(idf, tf, norm, avg float64) float64 {
	if avg <= 0 || norm <= 0 {
		return 0
	}
	length := 1 / (norm * norm)
	return idf * (tf * search.BM25_k1) / (tf + search.BM25_k1*(1-search.BM25_b+search.BM25_b*length/avg))
}

// advanceOver calls found for each hit (visited in order, which sorts
// them by internal id) whose field holds term.
func (s *Snapshot) advanceOver(hits search.DocumentMatchCollection, order []int, field, term string, locations bool, found func(int, *bleveindex.TermFieldDoc)) error {
	tfr, err := s.r.TermFieldReader(s.ctx, []byte(term), field, true, true, locations)
	if err != nil {
		return fmt.Errorf("read postings of %s:%s: %w", field, term, err)
	}
	defer tfr.Close()
	var d *bleveindex.TermFieldDoc
	for _, i := range order {
		id := hits[i].IndexInternalID
		if d != nil && d.ID.Compare(id) > 0 {
			continue // the reader is past it: not there
		}
		d, err = tfr.Advance(id, d)
		if err != nil {
			return fmt.Errorf("read postings of %s:%s: %w", field, term, err)
		}
		if d == nil {
			return nil // no more postings
		}
		if d.ID.Equals(id) {
			found(i, d)
		}
	}
	return nil
}

// mergeSpans sorts spans, drops those outside the text, and merges those
// that overlap.
func mergeSpans(locs []Span, textLen int) []Span {
	var out []Span
	for _, l := range locs {
		if l.Start < 0 || l.End > textLen || l.Start >= l.End {
			continue
		}
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	merged := out[:0]
	for _, s := range out {
		if n := len(merged); n > 0 && s.Start <= merged[n-1].End {
			merged[n-1].End = max(merged[n-1].End, s.End)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}
