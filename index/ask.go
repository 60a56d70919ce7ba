package index

import (
	"context"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/summitbot/summitbot/corpus"
)

// Ranking and refusal settings, tuned on the dev questions and our own set.
const (
	// DefaultK is how many passages an answer shows by default.
	DefaultK = 3
	// MaxK is the most passages one answer may hold.
	MaxK = 20
	// contextBoost weighs a match in a passage's context (section, title,
	// previous paragraph) against a match in its own text.
	contextBoost = 0.1
	// contextCoverage is how much a term found only in the context counts
	// towards coverage.
	contextCoverage = 0.5
	// minCoverage is the share of the question's weight the best passage
	// must hold for the question to count as answered.
	minCoverage = 0.4
	// minRelScore drops passages scoring below this share of the best one.
	minRelScore = 0.35
	// A news article, the primary source, is cited first when one of its
	// passages holds at least primaryCoverage of the best passage's coverage
	// and primaryScore of its score.
	primaryCoverage = 0.9
	primaryScore    = 0.4
	// candidates is how many hits are re-ranked.
	candidates = 30
	// maxTermSearchers bounds the term searchers of one query.
	maxTermSearchers = 4 * maxTerms * 2
)

// Ask answers a question with at most k passages (DefaultK when k < 1).
func (ix *Index) Ask(ctx context.Context, question string, k int) (Answer, error) {
	if k < 1 {
		k = DefaultK
	}
	k = min(k, MaxK)
	q, err := CleanQuestion(question)
	if err != nil {
		return Answer{Question: question}, err
	}
	ans := Answer{Question: q, Passages: []Hit{}, Facts: []Fact{}}
	st := ix.current()
	qterms := ix.questionTerms(q)
	terms, unknown := resolve(st.vocab, qterms)
	if len(terms) == 0 {
		ans.Text = NotFound
		return ans, nil
	}

	req := bleve.NewSearchRequestOptions(buildQuery(terms), candidates, 0, false)
	req.IncludeLocations = true
	req.SortBy([]string{"-_score", "_id"})
	ctx = context.WithValue(ctx, search.MaxTermSearchersKey, maxTermSearchers)
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return ans, fmt.Errorf("search %q: %w", q, err)
	}

	scored := ix.rank(st, res.Hits, terms, qterms, unknown)
	if len(scored) == 0 || scored[0].coverage < minCoverage {
		ans.Text = NotFound
		return ans, nil
	}
	top := scored[0].score
	for _, s := range scored {
		if len(ans.Passages) == k || s.score < minRelScore*top || s.coverage < minCoverage/2 {
			break
		}
		ans.Passages = append(ans.Passages, s.hit)
	}
	ans.Answered = true
	ans.Text, ans.Facts = ix.compose(st, ans.Passages, terms)
	return ans, nil
}

// buildQuery ORs, for every term, a term query on the text and a weaker one
// on the context. Terms are analysed already: no query syntax is involved.
func buildQuery(terms []term) query.Query {
	dq := bleve.NewDisjunctionQuery()
	for _, t := range terms {
		tq := bleve.NewTermQuery(t.text)
		tq.SetField(fieldText)
		tq.SetBoost(t.weight)
		cq := bleve.NewTermQuery(t.text)
		cq.SetField(fieldContext)
		cq.SetBoost(t.weight * contextBoost)
		dq.AddQuery(tq, cq)
	}
	return dq
}

// scoredHit is a candidate passage with its re-ranking figures.
type scoredHit struct {
	hit      Hit
	score    float64
	coverage float64 // share of the question's weight the passage holds
}

// rank turns bleve's hits into scored passages, best first. The final score
// is bleve's BM25 score scaled by coverage, so a passage that holds most of
// the question beats one that repeats one of its words.
func (ix *Index) rank(st *state, hits search.DocumentMatchCollection, terms []term, qterms, unknown []string) []scoredHit {
	// Weight of each question term: its IDF (unknown terms weigh most).
	weight := map[string]float64{}
	total := 0.0
	for _, t := range qterms {
		w := st.vocab.weight(t)
		weight[t] = w
		total += w
	}
	var out []scoredHit
	for _, h := range hits {
		p, ok := st.passages[h.ID]
		if !ok {
			continue // deleted since the search began
		}
		d := st.docs[p.DocID]
		inText := map[string]bool{}
		for t := range h.Locations[fieldText] {
			inText[t] = true
		}
		inCtx := map[string]bool{}
		for _, tok := range ix.analyzer.Analyze([]byte(contextOf(d, p, st))) {
			inCtx[string(tok.Term)] = true
		}
		got := map[string]float64{}
		for _, t := range terms {
			m := 0.0
			switch {
			case inText[t.text]:
				m = t.weight
			case inCtx[t.text]:
				m = t.weight * contextCoverage
			}
			got[t.from] = max(got[t.from], m)
		}
		cov := 0.0
		for t, m := range got {
			cov += weight[t] * m
		}
		if total > 0 {
			cov /= total
		}
		out = append(out, scoredHit{hit: newHit(d, p, h), score: h.Score * (0.5 + cov), coverage: cov})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	preferPrimary(out)
	for i := range out {
		out[i].hit.Score = out[i].score
	}
	return out
}

// contextOf rebuilds the context indexed with passage p.
func contextOf(d corpus.Document, p corpus.Passage, st *state) string {
	prev := ""
	if q, ok := st.passages[corpus.PassageID(p.DocID, p.N-1)]; ok {
		prev = q.Text
	}
	return p.Section + "\n" + d.Title + "\n" + prev
}

// newHit builds the cited passage of a bleve hit.
func newHit(d corpus.Document, p corpus.Passage, h *search.DocumentMatch) Hit {
	return Hit{
		ID:        p.ID(),
		DocID:     d.ID,
		Title:     d.Title,
		Section:   p.Section,
		Paragraph: p.N,
		Text:      p.Text,
		Source:    d.Outlet,
		Published: d.Published,
		URL:       d.URL,
		Kind:      d.Kind,
		Matches:   spans(h.Locations[fieldText], len(p.Text)),
	}
}

// spans turns term locations into sorted, merged byte ranges of the text.
func spans(locs search.TermLocationMap, textLen int) []Span {
	var out []Span
	for _, ls := range locs {
		for _, l := range ls {
			s, e := int(l.Start), int(l.End)
			if s < 0 || e > textLen || s >= e {
				continue
			}
			out = append(out, Span{Start: s, End: e})
		}
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

// preferPrimary moves the best article passage to the front when it answers
// about as fully as the best passage, a note: the article is what notes
// give background to.
func preferPrimary(hits []scoredHit) {
	if len(hits) < 2 || hits[0].hit.Kind == corpus.KindArticle {
		return
	}
	for i, h := range hits[1:] {
		if h.hit.Kind != corpus.KindArticle {
			continue
		}
		if h.coverage >= primaryCoverage*hits[0].coverage && h.score >= primaryScore*hits[0].score {
			h.score = hits[0].score * 1.01 // ranked first, so scored first
			copy(hits[1:i+2], hits[:i+1])
			hits[0] = h
		}
		return
	}
}
