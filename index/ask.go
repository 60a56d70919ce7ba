package index

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/summitbot/summitbot/corpus"
)

// Limits of one answer.
const (
	// DefaultK is how many passages an answer shows by default.
	DefaultK = 3
	// MaxK is the most passages one answer may hold.
	MaxK = 20
	// candidates is how many hits are re-ranked.
	candidates = 30
	// A term in more than one passage in contextCommon (and in more than
	// contextRare passages) is not searched in contexts.
	contextCommon = 50
	contextRare   = 20
	// rerankDepth is how many of them (in bleve's order) have their
	// context and answer kind read. (A narrow answer kind, a length or a
	// building, is looked for in all of them: when many passages hold the
	// question's words, the one holding it may come late in bleve's
	// order.)
	rerankDepth = 12
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
	v, err := ix.vocabulary(ctx)
	if err != nil {
		return ans, err
	}
	defer v.close()
	// Misspelt names are read as the alias list spells them ("Xi
	// Jinpin"), before stemming blurs them; the question's subject is
	// its words without those naming the kind of answer it wants.
	q = ix.respell(v, q)
	subject := withoutTypeWords(q)
	qterms := ix.questionTerms(subject)
	terms, unknown := ix.resolve(v, qterms)
	groups := ix.questionGroups(subject)
	missing := unheld(unknown, groups)
	if len(terms) == 0 && len(groups) == 0 || ix.unknownShare(v, qterms, missing) > ix.rk.MaxUnknownShare ||
		ix.rk.RefuseUnknownNames && ix.namesUnknown(q, missing) ||
		ix.rk.RefuseUnknownActs && missing[ix.predicate(q)] {
		// The documents hold none of the question's words, or not its
		// weightiest ones ("What did Putin say about the summit?"), or not
		// a name it gives ("What did Xi say about Taiwan?"), or not the
		// act it asks about ("Who designed the palace?").
		ans.Text = NotFound
		return ans, nil
	}

	qk := questionKind(q)
	scored, err := ix.ranked(ctx, st, v, terms, qterms, groups, qk)
	if err != nil {
		return ans, fmt.Errorf("search %q: %w", q, err)
	}
	if len(scored) == 0 || scored[0].coverage < ix.rk.MinCoverage {
		ans.Text = NotFound
		return ans, nil
	}
	top := scored[0].score
	typed := false
	names := ix.questionNames(q)
	var shown []scoredHit
	for _, s := range scored {
		if len(shown) == k || s.score < ix.rk.MinRelScore*top || s.coverage < ix.rk.MinCoverage/2 {
			break
		}
		shown = append(shown, s)
		ans.Passages = append(ans.Passages, s.hit)
		typed = typed || s.typed && s.coverage >= 0.8*scored[0].coverage && holdsAll(s.held, names)
	}
	if who := ix.sayers(q, terms); !who.none() && ix.rk.RefuseUnsaid && !ix.anySaidBy(st, shown, who) {
		// It asks what someone said (about something), and no passage
		// quotes them (on it).
		ans.Passages = []Hit{}
		ans.Text = NotFound
		return ans, nil
	}
	if qk.strict() && !typed {
		// It asks for a number, a date or a measure ("how many", "when",
		// "how long") and no passage that holds the question, and every
		// name it gives, holds one.
		ans.Passages = []Hit{}
		ans.Text = NotFound
		return ans, nil
	}
	ans.Answered = true
	ans.Text, ans.Facts = ix.compose(st, v, ans.Passages, terms, groups, qk)
	return ans, nil
}

// ranked searches the candidates of a question and re-ranks them.
func (ix *Index) ranked(ctx context.Context, st *state, v *vocabulary, terms []term, qterms []string, groups []aliasMatch, qk kind) ([]scoredHit, error) {
	ctx = context.WithValue(ctx, search.MaxTermSearchersKey, maxTermSearchers)
	hits, err := v.search(ctx, withHints(buildQuery(ix.rk, v, terms, groups), ix.answerHints(qk)), ix.bi.Mapping(), candidates)
	if err != nil {
		return nil, err
	}
	texts := searchedTexts(terms)
	hm, err := v.matches(hits, texts, groupKeys(groups), rerankDepth)
	if err != nil {
		return nil, err
	}
	return ix.rank(st, v, hits, hm, texts, terms, qterms, groups, qk), nil
}

// searchedTexts lists the distinct analysed terms searched in the text.
func searchedTexts(terms []term) []string {
	var out []string
	for _, t := range terms {
		if !slices.Contains(out, t.text) {
			out = append(out, t.text)
		}
	}
	return out
}

// groupKeys lists the index keys of the question's alias groups.
func groupKeys(groups []aliasMatch) []string {
	out := make([]string, len(groups))
	for i, g := range groups {
		out[i] = aliasKey(g.group)
	}
	return out
}

// buildQuery lists the clauses of a question's query, which ORs them: for
// every term, a term query on the text (and, for rare terms, a weaker one on
// the context), and for every alias group of the question a term query on
// the passages' group keys. Terms are analysed already: no query syntax is
// involved.
func buildQuery(rk ranking, v *vocabulary, terms []term, groups []aliasMatch) []*query.TermQuery {
	var out []*query.TermQuery
	for _, g := range groups {
		aq := bleve.NewTermQuery(aliasKey(g.group))
		aq.SetField(fieldAliases)
		aq.SetBoost(rk.AliasBoost)
		out = append(out, aq)
	}
	for _, t := range terms {
		tq := bleve.NewTermQuery(t.text)
		tq.SetField(fieldText)
		tq.SetBoost(t.weight)
		out = append(out, tq)
		// The context matters for names and rare words ("the analyst
		// added" after a paragraph naming her); for common words it only
		// costs: their postings are long.
		if rk.ContextBoost > 0 && v.dfOf(t.text) <= max(v.npass/contextCommon, contextRare) {
			cq := bleve.NewTermQuery(t.text)
			cq.SetField(fieldContext)
			cq.SetBoost(t.weight * rk.ContextBoost)
			out = append(out, cq)
		}
	}
	return out
}

// scoredHit is a candidate passage with its re-ranking figures.
type scoredHit struct {
	hit      Hit
	score    float64
	coverage float64 // share of the question's weight the passage holds
	typed    bool    // holds an answer of the kind the question asks for
	// held is how fully the passage holds each question term (1 in its
	// text, less through its context or an alias group, absent if not).
	held map[string]float64
}

// rank turns bleve's hits into scored passages, best first. The final score
// is bleve's BM25 score scaled by coverage, so a passage that holds most of
// the question beats one that repeats one of its words. hm holds what each
// hit's text matched of texts (the distinct searched terms) and of groups.
func (ix *Index) rank(st *state, v *vocabulary, hits search.DocumentMatchCollection, hm []hitMatch, texts []string, terms []term, qterms []string, groups []aliasMatch, qk kind) []scoredHit {
	// Weight of each question term: its IDF (unknown terms weigh most).
	weight := map[string]float64{}
	total := 0.0
	for _, t := range qterms {
		w := v.weight(t)
		weight[t] = w
		total += w
	}
	asked := map[int]bool{}
	for _, g := range groups {
		asked[g.group] = true
	}
	// textOf is the index in texts of each term's analysed form.
	textOf := make([]int, len(terms))
	for i, t := range terms {
		textOf[i] = slices.Index(texts, t.text)
	}
	maxScore := 0.0
	for _, h := range hits {
		maxScore = max(maxScore, h.Score)
	}
	var out []scoredHit
	for i, h := range hits {
		// Hits come in bleve's order: only the first rerankDepth are worth
		// reading the context and the answer kind of.
		deep := i < rerankDepth
		p, ok := st.passage(h.ID)
		if !ok {
			continue // deleted since the search began
		}
		d := st.docs[p.DocID]
		m := hm[i]
		got := map[string]float64{}
		own := false // the passage's own text holds a word of the question
		for ti, t := range terms {
			w := 0.0
			switch {
			case m.terms[textOf[ti]]:
				w = t.weight
				own = true
			case deep && m.inCtx[textOf[ti]]:
				// Its context (section, title, previous paragraph)
				// holds it: read for the first hits only.
				w = t.weight * ix.rk.ContextCoverage
			}
			got[t.from] = max(got[t.from], w)
		}
		for gi, g := range groups {
			if !m.groups[gi] {
				continue
			}
			own = true
			for _, t := range g.terms {
				got[t] = max(got[t], ix.rk.AliasCoverage)
			}
		}
		for gi, g := range groups {
			if !m.groups[gi] && len(g.terms) > 1 && ix.aliases.isName(g.group) {
				// "the president of Uzbekistan" is one person: a president
				// and Uzbekistan named apart are not him.
				for _, t := range g.terms {
					got[t] = min(got[t], ix.rk.SplitNameCoverage)
				}
			}
		}
		if !own {
			// Only its context matches: a neighbour of an answer, not one.
			continue
		}
		cov := 0.0
		// In the question's order, so that equal passages score equal.
		for _, t := range qterms {
			cov += weight[t] * got[t]
		}
		if total > 0 {
			cov /= total
		}
		hit := newHit(d, p, m.spans)
		score := (1-ix.rk.CoverageWeight)*h.Score/maxScore + ix.rk.CoverageWeight*cov
		// The stored alias groups of a hit, read once, and only for the
		// first hits: an answer named through an alias kind ("who": a
		// person or country the question does not name).
		var stored map[int]bool
		has := func() map[int]bool {
			if deep && stored == nil {
				stored = v.storedGroups(h.ID)
			}
			return stored
		}
		typed := (deep || qk.sub != "") && qk.t != qtypeNone && ix.holdsAnswer(qk, p.Text, hit.Matches, has, asked)
		if typed {
			score *= ix.rk.TypeBoost
			if qk.plural && ix.answerCount(qk, has(), asked) >= listAnswers {
				// "Which countries ...?" asks for a list.
				score *= ix.rk.ListBoost
			}
		}
		out = append(out, scoredHit{hit: hit, score: score, coverage: cov, typed: typed, held: got})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	preferPrimary(ix.rk, out)
	for i := range out {
		out[i].hit.Score = out[i].score
	}
	return out
}

// newHit builds the cited passage of a bleve hit whose text matched the
// question at locs.
func newHit(d corpus.Document, p corpus.Passage, locs []Span) Hit {
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
		Matches:   spans(locs, len(p.Text)),
	}
}

// spans turns term locations into sorted, merged byte ranges of the text.
func spans(locs []Span, textLen int) []Span {
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

// preferPrimary moves the best article passage to the front when it answers
// about as fully as the best passage, a note: the article is what notes
// give background to.
func preferPrimary(rk ranking, hits []scoredHit) {
	if len(hits) < 2 || hits[0].hit.Kind == corpus.KindArticle {
		return
	}
	for i, h := range hits[1:] {
		if h.hit.Kind != corpus.KindArticle {
			continue
		}
		// It must answer as fully, and with an answer of the asked kind
		// if the note has one.
		if h.coverage >= rk.PrimaryCoverage*hits[0].coverage && h.score >= rk.PrimaryScore*hits[0].score &&
			(h.typed || !hits[0].typed) {
			h.score = hits[0].score * 1.01 // ranked first, so scored first
			copy(hits[1:i+2], hits[:i+1])
			hits[0] = h
		}
		return
	}
}

// questionGroups returns the alias groups the question expresses, each once,
// with the question terms that expressed it (merged when found twice).
func (ix *Index) questionGroups(q string) []aliasMatch {
	var out []aliasMatch
	at := map[int]int{}
	for _, m := range ix.aliases.find(q, analyse(ix.analyzer, q)) {
		if i, ok := at[m.group]; ok {
			out[i].terms = append(out[i].terms, m.terms...)
			continue
		}
		at[m.group] = len(out)
		out = append(out, m)
	}
	return out
}

// unheld returns the question's terms the documents do not hold: unknown
// to the index, not correctable, and in no alias group the question
// expresses.
func unheld(unknown []string, groups []aliasMatch) map[string]bool {
	missing := map[string]bool{}
	for _, t := range unknown {
		missing[t] = true
	}
	for _, g := range groups {
		for _, t := range g.terms {
			delete(missing, t)
		}
	}
	return missing
}

// unknownShare is the share of the question's weight held by the terms
// the documents do not hold.
func (ix *Index) unknownShare(v *vocabulary, qterms []string, missing map[string]bool) float64 {
	total, lacking := 0.0, 0.0
	for _, t := range qterms {
		w := v.weight(t)
		total += w
		if missing[t] {
			lacking += w
		}
	}
	if total == 0 {
		return 0
	}
	return lacking / total
}

// namesUnknown reports whether the question's subject is something the
// documents do not hold in any spelling or alias: a name it gives
// capitalised inside the sentence ("What did Xi say about Taiwan?"), or the
// thing it counts or measures ("How many reactors ...", "What is the
// population of ...").
func (ix *Index) namesUnknown(q string, missing map[string]bool) bool {
	if len(missing) == 0 {
		return false
	}
	isMissing := func(w string) bool {
		for _, t := range analyse(ix.analyzer, w) {
			if missing[t] {
				return true
			}
		}
		return false
	}
	for i, w := range questionWords(q) {
		// A name capitalised (the first word is capitalised anyway), or
		// a number: "What was trade worth in 2022?"
		if (i > 0 && unicode.IsUpper([]rune(w)[0]) || isNumber(w)) && isMissing(w) {
			return true
		}
	}
	for _, m := range headNoun.FindAllStringSubmatch(strings.ToLower(q), -1) {
		for _, w := range m[1:] {
			if w != "" && isMissing(w) {
				return true
			}
		}
	}
	return false
}

// headNoun finds what a question counts or measures.
var headNoun = regexp.MustCompile(`\bhow many ([a-z-]+)|\bwhat(?:'s| is| was| are| were) the (?:[a-z-]+ )?([a-z-]+) (?:of|in|for|at)\b`)

// holdsAll reports whether a passage holds every one of terms.
func holdsAll(held map[string]float64, terms []string) bool {
	for _, t := range terms {
		if held[t] == 0 {
			return false
		}
	}
	return true
}
