package index

import (
	"context"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// TestSearchAsBleve checks that the question's own search returns what
// bleve's SearchInContext returns for the same query (hits, scores), and
// that matches reads the term locations and alias keys bleve would have
// loaded with them.
func TestSearchAsBleve(t *testing.T) {
	ix := memIndex(t, defaultDocs(t))
	var questions []string
	for _, file := range []string{"testdata/dev.jsonl", "testdata/own.jsonl"} {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		cases, err := ReadEvalCases(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			questions = append(questions, c.Q, strings.ToLower(c.Q))
		}
	}
	ctx := context.WithValue(t.Context(), search.MaxTermSearchersKey, maxTermSearchers)
	for _, question := range questions {
		q, err := CleanQuestion(question)
		if err != nil {
			t.Fatal(err)
		}
		v, err := ix.vocabulary(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		terms, _ := ix.resolve(v, ix.questionTerms(q))
		groups := ix.questionGroups(q)
		if len(terms) == 0 && len(groups) == 0 {
			v.close()
			continue
		}
		clauses := buildQuery(ix.rk, v, terms, groups)
		dq := bleve.NewDisjunctionQuery()
		for _, c := range clauses {
			dq.AddQuery(c)
		}
		req := bleve.NewSearchRequestOptions(dq, candidates, 0, false)
		req.IncludeLocations = true
		req.Fields = []string{fieldAliases}
		want, err := ix.bi.SearchInContext(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		got, err := v.search(ctx, clauses, ix.bi.Mapping(), candidates)
		if err != nil {
			t.Fatal(err)
		}
		texts, keys := searchedTexts(terms), groupKeys(groups)
		hm, err := v.matches(got, texts, keys, rerankDepth)
		if err != nil {
			t.Fatal(err)
		}
		v.close()
		if len(got) != len(want.Hits) {
			t.Fatalf("%q: %d hits, bleve %d", q, len(got), len(want.Hits))
		}
		// Up to DisjunctionHeapTakeover clauses, the same hits and the
		// same scores to the bit. Above, bleve adds clause scores in the
		// order of its heap, so scores may differ in their last bits and
		// passages that tie may come in another order.
		exact := len(clauses) <= searcher.DisjunctionHeapTakeover
		byID := map[string]*search.DocumentMatch{}
		for _, w := range want.Hits {
			byID[w.ID] = w
		}
		near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Abs(b) }
		for i, h := range got {
			w := want.Hits[i]
			switch {
			case exact && (h.ID != w.ID || h.Score != w.Score):
				t.Fatalf("%q: hit %d is %s (%v), bleve's %s (%v)", q, i, h.ID, h.Score, w.ID, w.Score)
			case !exact && !near(h.Score, w.Score):
				t.Fatalf("%q: hit %d scores %v, bleve's %v", q, i, h.Score, w.Score)
			}
			if w = byID[h.ID]; w == nil {
				continue // a tie at the cut
			}
			for ti, tx := range texts {
				if hm[i].terms[ti] != (w.Locations[fieldText][tx] != nil) {
					t.Errorf("%q: %s holds %q: %v, bleve says otherwise", q, h.ID, tx, hm[i].terms[ti])
				}
			}
			var locs []Span
			for _, ls := range w.Locations[fieldText] {
				for _, l := range ls {
					locs = append(locs, Span{Start: int(l.Start), End: int(l.End)})
				}
			}
			if a, b := spans(hm[i].spans, 1<<20), spans(locs, 1<<20); !slices.Equal(a, b) {
				t.Errorf("%q: %s matches %v, bleve's %v", q, h.ID, a, b)
			}
			stored := storedKeys(w.Fields[fieldAliases])
			for gi, k := range keys {
				if hm[i].groups[gi] != slices.Contains(stored, k) {
					t.Errorf("%q: %s holds %s: %v, its stored keys %v", q, h.ID, k, hm[i].groups[gi], stored)
				}
			}
		}
	}
}

// storedKeys lists the stored alias keys bleve loaded with a hit.
func storedKeys(v interface{}) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []interface{}:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// TestContextFieldHoldsItsParts checks what matches relies on for context
// coverage: a passage's indexed context holds exactly the terms of its
// section, its document's title and its previous paragraph, each analysed
// on its own.
func TestContextFieldHoldsItsParts(t *testing.T) {
	docs := defaultDocs(t)
	ix := memIndex(t, docs)
	v, err := ix.vocabulary(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer v.close()
	pairs := uint64(0)
	for _, d := range docs {
		ps := d.Passages()
		for i, p := range ps {
			prev := ""
			if i > 0 {
				prev = ps[i-1].Text
			}
			var want []string
			for _, part := range []string{p.Section, d.Title, prev} {
				for _, term := range analyse(ix.analyzer, part) {
					if !slices.Contains(want, term) {
						want = append(want, term)
					}
				}
			}
			pairs += uint64(len(want))
			id, err := v.r.InternalID(p.ID())
			if err != nil {
				t.Fatal(err)
			}
			hits := search.DocumentMatchCollection{{ID: p.ID(), IndexInternalID: id}}
			for _, term := range want {
				found := false
				if err := v.advanceOver(hits, []int{0}, fieldContext, term, false, func(int, *bleveindex.TermFieldDoc) { found = true }); err != nil {
					t.Fatal(err)
				}
				if !found {
					t.Errorf("%s: context lacks %q", p.ID(), term)
				}
			}
		}
	}
	dict, err := v.r.FieldDict(fieldContext)
	if err != nil {
		t.Fatal(err)
	}
	defer dict.Close()
	indexed := uint64(0)
	for {
		e, err := dict.Next()
		if err != nil {
			t.Fatal(err)
		}
		if e == nil {
			break
		}
		indexed += e.Count
	}
	if indexed != pairs {
		t.Errorf("contexts hold %d (term, passage) pairs; their parts %d", indexed, pairs)
	}
}
