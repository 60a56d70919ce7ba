package index_test

import (
	"bufio"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/bench"
)

// questions reads the question texts of the earlier evaluation sets.
func questions(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/earlier/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no question sets: %v", err)
	}
	var out []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			var c struct {
				Q string `json:"q"`
			}
			if json.Unmarshal(sc.Bytes(), &c) == nil && c.Q != "" {
				out = append(out, c.Q)
			}
		}
		fh.Close()
	}
	return out
}

// clausesOf builds a question's clauses as the engine does in shape: each
// analysed term on the text and the questions, rare ones on the context.
func clausesOf(ix *index.Index, snap *index.Snapshot, q string) []index.Clause {
	var out []index.Clause
	seen := map[string]bool{}
	for _, t := range ix.Lang().Terms(q) {
		if seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, index.Clause{Field: index.FieldText, Term: t, Boost: 1},
			index.Clause{Field: index.FieldQuestions, Term: t, Boost: 0.8})
		if snap.DF(index.FieldText, t) < 20 {
			out = append(out, index.Clause{Field: index.FieldContext, Term: t, Boost: 0.3})
		}
	}
	return out
}

// bleveSearch runs the clauses as bleve's own disjunction query.
func bleveSearch(t testing.TB, ix *index.Index, bi bleve.Index, clauses []index.Clause, n int) *bleve.SearchResult {
	t.Helper()
	var qs []query.Query
	for _, c := range clauses {
		tq := bleve.NewTermQuery(c.Term)
		tq.SetField(c.Field)
		tq.SetBoost(c.Boost)
		qs = append(qs, tq)
	}
	res, err := bi.SearchInContext(context.Background(), bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(qs...), n, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// versus compares Search with bleve's SearchInContext on every question:
// the same passages and scores (to the bit up to bleve's heap takeover,
// within rounding above it). It returns how many questions differed, and
// how many passages the pruned search scored in full of how many matched.
func versus(t *testing.T, ix *index.Index, qs []string, bound float64, n int) (differ, scored, matched int) {
	bi := index.BleveForTest(ix)
	for _, q := range qs {
		snap, err := ix.Snapshot(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		index.SetBound(snap, bound)
		clauses := clausesOf(ix, snap, q)
		if len(clauses) == 0 {
			snap.Close()
			continue
		}
		got, err := snap.Search(t.Context(), clauses, n)
		if err != nil {
			t.Fatal(err)
		}
		scored += index.Scored(snap)
		snap.Close()
		want := bleveSearch(t, ix, bi, clauses, n)
		matched += int(want.Total)
		exact := len(clauses) <= searcher.DisjunctionHeapTakeover
		same := len(got) == len(want.Hits)
		for i := 0; same && i < len(got); i++ {
			h, w := got[i], want.Hits[i]
			if exact {
				same = h.Passage.ID() == w.ID && h.Score == w.Score
			} else {
				same = math.Abs(h.Score-w.Score) <= 1e-12*math.Abs(w.Score)
			}
		}
		if !same {
			differ++
		}
	}
	return differ, scored, matched
}

// TestSearchAsBleve: on the built-in corpus, the candidates are bleve's.
func TestSearchAsBleve(t *testing.T) {
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.OpenMem(t.Context(), docs)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if differ, _, _ := versus(t, ix, questions(t), 1, 40); differ != 0 {
		t.Errorf("%d questions got other candidates than bleve's", differ)
	}
}

// TestPrunedSearchAtScale runs the pruned search beside bleve's own on
// 3,000 passages: the same top passages and scores, while scoring in full
// only a share of the passages that match; and with its bounds weakened it
// must go wrong, which shows the comparison would catch a bad bound.
func TestPrunedSearchAtScale(t *testing.T) {
	docs, err := bench.Synthesize(1, 3000)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.OpenMem(t.Context(), docs)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	qs := questions(t)
	differ, scored, matched := versus(t, ix, qs, 1, 10)
	if differ != 0 {
		t.Errorf("%d of %d questions got other top passages than bleve's", differ, len(qs))
	}
	if scored == 0 || scored*2 > matched {
		t.Errorf("the pruned search scored %d passages in full of %d matching: it did not prune", scored, matched)
	}
	t.Logf("%d questions: %d passages scored in full of %d matching (%.0f%%)", len(qs), scored, matched, 100*float64(scored)/float64(matched))
	if weak, _, _ := versus(t, ix, qs, 0.3, 10); weak == 0 {
		t.Error("with bounds weakened to 30% the pruned search still matched bleve everywhere: the test cannot catch a bad bound")
	}
}

// TestClauseScoresAreBleves: the BM25 Search reports for each clause is
// the score bleve gives that term query alone.
func TestClauseScoresAreBleves(t *testing.T) {
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.OpenMem(t.Context(), docs)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	bi := index.BleveForTest(ix)
	checked := 0
	for _, q := range questions(t)[:60] {
		snap, err := ix.Snapshot(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		clauses := clausesOf(ix, snap, q)
		got, err := snap.Search(t.Context(), clauses, 40)
		snap.Close()
		if err != nil {
			t.Fatal(err)
		}
		for ci, c := range clauses {
			alone := bleveSearch(t, ix, bi, []index.Clause{{Field: c.Field, Term: c.Term, Boost: 1}}, 1000)
			byID := map[string]float64{}
			for _, h := range alone.Hits {
				byID[h.ID] = h.Score
			}
			for _, cand := range got {
				want := byID[cand.Passage.ID()]
				if math.Abs(cand.BM25[ci]-want) > 1e-9*math.Max(1, want) {
					t.Fatalf("%q: %s %s:%s scores %v, bleve alone %v", q, cand.Passage.ID(), c.Field, c.Term, cand.BM25[ci], want)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("nothing checked")
	}
}
