package index

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// search runs the disjunction of clauses on the question's snapshot and
// returns its best n hits,
// best first: what bleve's SearchInContext returns for a request sorted by
// score with BM25 scoring, without term locations or stored fields (matches
// reads those of the few hits that need them). Running on the snapshot the
// question's counts came from also keeps the hits' internal ids valid for
// matches.
func (v *vocabulary) search(ctx context.Context, clauses []*query.TermQuery, m mapping.IndexMapping, n int) (search.DocumentMatchCollection, error) {
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return bleveindex.BM25Scoring }))
	ctx = search.ContextWithTermSearchersCounter(ctx)
	if hits, ok, err := v.topPruned(ctx, clauses, n); ok || err != nil {
		return hits, err
	}
	qs := make([]query.Query, len(clauses))
	for i, c := range clauses {
		qs[i] = c
	}
	s, err := query.NewDisjunctionQuery(qs).Searcher(ctx, v.r, m, search.SearcherOptions{})
	if err != nil {
		return nil, fmt.Errorf("build searcher: %w", err)
	}
	defer s.Close()
	coll := collector.NewTopNCollector(n, 0, search.SortOrder{&search.SortScore{Desc: true}})
	if err := coll.Collect(ctx, s, v.r); err != nil {
		return nil, fmt.Errorf("collect hits: %w", err)
	}
	return coll.Results(), nil
}

// hitMatch is what one hit holds of the question: which searched text
// terms its text holds (by index in the list given to matches), where (byte
// ranges, as indexed, in no particular order), which of those its context
// holds (read only for the first hits, and only for terms their text lacks),
// and which of the question's alias groups it holds (by index too).
type hitMatch struct {
	terms  []bool
	spans  []Span
	inCtx  []bool
	groups []bool
}

// matches reads, for each hit, which of texts its text field holds and
// where, and which of keys its alias field holds; for the first deep hits,
// which of the texts they lack their context field holds. Each term's
// postings are read once, advancing over the hits in index order, so only
// the hits' locations are decoded.
func (v *vocabulary) matches(hits search.DocumentMatchCollection, texts, keys []string, deep int) ([]hitMatch, error) {
	order := make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return bytes.Compare(hits[a].IndexInternalID, hits[b].IndexInternalID)
	})
	out := make([]hitMatch, len(hits))
	flags := make([]bool, len(hits)*(2*len(texts)+len(keys)))
	for i := range out {
		out[i].terms, flags = flags[:len(texts):len(texts)], flags[len(texts):]
		out[i].inCtx, flags = flags[:len(texts):len(texts)], flags[len(texts):]
		out[i].groups, flags = flags[:len(keys):len(keys)], flags[len(keys):]
	}
	for ti, t := range texts {
		err := v.advanceOver(hits, order, fieldText, t, true, func(i int, d *bleveindex.TermFieldDoc) {
			out[i].terms[ti] = true
			for _, l := range d.Vectors {
				out[i].spans = append(out[i].spans, Span{Start: int(l.Start), End: int(l.End)})
			}
		})
		if err != nil {
			return nil, err
		}
	}
	// The context (section, title, previous paragraph; see passageDoc)
	// counts for a term only where the text lacks it.
	var deepOrder []int // the deep hits, in index order
	for _, i := range order {
		if i < deep {
			deepOrder = append(deepOrder, i)
		}
	}
	for ti, t := range texts {
		lacking := false
		for _, i := range deepOrder {
			lacking = lacking || !out[i].terms[ti]
		}
		if !lacking {
			continue
		}
		err := v.advanceOver(hits, deepOrder, fieldContext, t, false, func(i int, _ *bleveindex.TermFieldDoc) {
			out[i].inCtx[ti] = true
		})
		if err != nil {
			return nil, err
		}
	}
	for gi, k := range keys {
		err := v.advanceOver(hits, order, fieldAliases, k, false, func(i int, _ *bleveindex.TermFieldDoc) {
			out[i].groups[gi] = true
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// advanceOver calls found for each hit (visited in order, which sorts
// them by internal id) whose field holds term.
func (v *vocabulary) advanceOver(hits search.DocumentMatchCollection, order []int, field, term string, locations bool, found func(int, *bleveindex.TermFieldDoc)) error {
	tfr, err := v.r.TermFieldReader(v.ctx, []byte(term), field, locations, locations, locations)
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

// storedGroups reads back the alias groups a passage's text holds (stored
// with it at indexing).
func (v *vocabulary) storedGroups(id string) map[int]bool {
	has := map[int]bool{}
	doc, err := v.r.Document(id)
	if err != nil || doc == nil {
		return has
	}
	doc.VisitFields(func(f bleveindex.Field) {
		if f.Name() != fieldAliases {
			return
		}
		if g, ok := groupOfKey(string(f.Value())); ok {
			has[g] = true
		}
	})
	return has
}
