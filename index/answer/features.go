package answer

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/lang"
	"github.com/summitbot/summitbot/index/reading"
)

// Retrieval: which passages become candidates. Ranking is the model's;
// these only decide how wide the net is.
const (
	// candidates is how many passages are ranked.
	candidates = 40
	// weakBoost weighs the clauses that widen the net (contexts, the
	// subject's description, hint words) against the question's own.
	weakBoost = 0.3
	// A term in more than one passage in contextCommon (and in more than
	// contextRare passages) is not searched in contexts: its postings are
	// long and it says little.
	contextCommon = 50
	contextRare   = 20
)

// Features of a candidate passage, read by the ranking model. Each is in
// [0, 1]. The names are those of model.json.
var rankFeatures = []string{
	"bleve",       // bleve's score of the whole query, relative to the best candidate's
	"text",        // BM25 of the question's terms in the text, relative
	"questions",   // BM25 in the questions written for the passage, relative
	"context",     // BM25 in its context (section, title, previous paragraph), relative
	"cov_text",    // share of the question's weight (IDF) its text holds, aliases included
	"cov_all",     // the same in text, questions or context
	"cov_q",       // the same in its questions
	"pq_best",     // the best of its questions against the question (IDF cosine)
	"aliases",     // share of the question's alias groups its text holds
	"sentence",    // the best single sentence's coverage
	"kind_hit",    // the question asks for a kind of answer, and the text holds one
	"kind_miss",   // the question asks for a kind of answer, and the text holds none
	"names_miss",  // the question gives names or numbers the text lacks
	"strict_miss", // a strict question (when, how many) that the text cannot answer
	"article",     // the passage comes from a news article, not a note
	"subject",     // the question means the corpus's subject, and the passage speaks of it
	"said",        // the question asks for someone's words, and the passage reports them
	"unsaid",      // it asks for someone's words, and the passage does not report them
	"list",        // it asks for several (which countries), and the passage names three or more
	"first",       // bleve ranked it first
}

// Features of a question and its ranked candidates, read by the "I don't
// know" model.
var refuseFeatures = []string{
	"bias",
	"top",           // the best candidate's model score
	"margin",        // its lead over the second
	"p_top",         // its share of the candidates' softmax
	"top_cov_text",  // its text's coverage of the question
	"top_cov_all",   // its coverage in any field
	"top_pq",        // its best question against the question
	"top_sentence",  // its best sentence's coverage
	"unknown_share", // share of the question's weight in words no document holds
	"unknown_words", // how many content words no document holds (0, 1/3, 2/3, 1 for three or more)
	"top_names",     // share of the names and numbers the question gives that the best passage lacks
	"top_number",    // the question gives a number the best passage lacks
	"unknown_name",  // it gives a name or number no document holds
	"unknown_act",   // it asks about an act no document tells of
	"strict_fail",   // a strict question no top passage can answer
	"unsaid_all",    // it asks for someone's words and no top passage reports them
	"no_terms",      // nothing of it is searched
	"small_talk",    // a greeting or thanks
}

// Features of a sentence of the best passage, read by the direct-answer
// model.
var sentenceFeatures = []string{
	"cov",      // share of the question's weight the sentence holds
	"kind_hit", // it holds an answer of the asked kind
	"names",    // share of the question's names it holds
	"first",    // it opens the passage
	"quote",    // it holds a quotation
	"short",    // it is short (under 12 words)
}

// ranking is one question being answered: the question as read and its
// candidates with their features, best first once scored.
type ranking struct {
	q     reading.Question
	cands []*candidate
	// weight is each question term's weight (IDF), total their sum.
	weight map[string]float64
	total  float64
	refuse []float64 // refuseFeatures, once ranked
	// actUnknown: the question asks about an act no document tells of.
	actUnknown bool
}

// candidate is a passage with what ranking read of it.
type candidate struct {
	index.Candidate
	sents    []sentence
	groups   map[int]bool       // alias groups the text holds
	heldText map[string]float64 // question term → held in text (1, or AliasHeld through a group)
	heldAny  map[string]bool
	heldQ    map[string]bool
	kindHit  bool
	namesAll bool
	saysWho  bool
	x        []float64 // rankFeatures
	score    float64
}

// sentence is a sentence of a candidate's text.
type sentence struct {
	text   string
	start  int
	terms  map[string]bool
	groups map[int]bool
}

// gather reads the question, searches its candidates and computes their
// features.
func (e *Engine) gather(ctx context.Context, snap *index.Snapshot, q reading.Question) (*ranking, error) {
	r := &ranking{q: q, weight: map[string]float64{}, actUnknown: q.Act != "" && !snap.Known(q.Act)}
	for _, t := range q.Asked {
		w := e.termWeight(snap, q, t)
		r.weight[t] = w
		r.total += w
	}
	clauses := e.clauses(snap, q)
	if len(clauses) == 0 {
		return r, nil
	}
	found, err := snap.Search(ctx, clauses, candidates)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Raw, err)
	}
	for _, c := range found {
		r.cands = append(r.cands, e.read(snap, q, c, clauses))
	}
	e.features(snap, r, clauses)
	return r, nil
}

// termWeight is how much a question term counts towards coverage: its IDF
// when a text holds it (or a correction of it); when no text does, the
// most a term can weigh for a word, half that for short or numeric tokens,
// which are more often noise than subject, and a quarter for everyday
// words.
func (e *Engine) termWeight(snap *index.Snapshot, q reading.Question, t string) float64 {
	if snap.InText(t) {
		return snap.IDF(t)
	}
	best := 0.0
	for _, st := range q.Terms {
		if st.From == t && st.Text != t {
			best = max(best, snap.IDF(st.Text))
		}
	}
	if best > 0 {
		return best
	}
	switch {
	case e.lang.IsCommon(t):
		return snap.MaxIDF() / 4
	case utf8.RuneCountInString(t) < 4 || strings.IndexFunc(t, unicode.IsDigit) >= 0:
		return snap.MaxIDF() / 2
	}
	return snap.MaxIDF()
}

// clause origins, for reading a candidate's clauses back.
const (
	fromTerm = iota
	fromGroup
	fromWeak
)

// clauses builds the question's query: for every searched term, a term
// query on the text and on the questions (and, for rare terms, a weaker
// one on the context); for every alias group, one on the passages' group
// keys; for a question about the corpus's subject, weak ones for the words
// of its description; for a building question, weak ones for the words
// that end building names.
func (e *Engine) clauses(snap *index.Snapshot, q reading.Question) []index.Clause {
	var out []index.Clause
	for _, t := range q.Terms {
		out = append(out,
			index.Clause{Field: index.FieldText, Term: t.Text, Boost: t.Weight},
			index.Clause{Field: index.FieldQuestions, Term: t.Text, Boost: t.Weight})
		if snap.DF(index.FieldText, t.Text) <= max(snap.Passages()/contextCommon, contextRare) {
			out = append(out, index.Clause{Field: index.FieldContext, Term: t.Text, Boost: weakBoost * t.Weight})
		}
	}
	for _, g := range q.Groups {
		out = append(out, index.Clause{Field: index.FieldAliases, Term: lang.Key(g.ID), Boost: 1})
	}
	var weak []string
	if q.Subject {
		weak = append(weak, e.reader.SubjectTerms()...)
	}
	if w, ok := hintWords[q.Kind.Sub]; ok {
		weak = append(weak, e.lang.Terms(w)...)
	}
	for _, w := range weak {
		if !slices.ContainsFunc(q.Terms, func(t reading.Term) bool { return t.Text == w }) {
			out = append(out, index.Clause{Field: index.FieldText, Term: w, Boost: weakBoost})
		}
	}
	return out
}

// read analyses a candidate's text: its sentences, their terms and alias
// groups, and which question terms it holds in which field.
func (e *Engine) read(snap *index.Snapshot, q reading.Question, c index.Candidate, clauses []index.Clause) *candidate {
	cd := &candidate{Candidate: c, groups: map[int]bool{}, heldText: map[string]float64{}, heldAny: map[string]bool{}, heldQ: map[string]bool{}}
	al := e.lang.Aliases()
	toks := e.lang.Tokens(c.Passage.Text)
	ti := 0
	for _, sp := range lang.SentenceSpans(c.Passage.Text) {
		s := sentence{text: c.Passage.Text[sp[0]:sp[1]], start: sp[0], terms: map[string]bool{}}
		var terms []string
		for ti < len(toks) && toks[ti].Start < sp[1] {
			if toks[ti].Start >= sp[0] {
				terms = append(terms, toks[ti].Term)
				s.terms[toks[ti].Term] = true
			}
			ti++
		}
		s.groups = al.Groups(s.text, terms)
		for g := range s.groups {
			cd.groups[g] = true
		}
		cd.sents = append(cd.sents, s)
	}
	for i, cl := range clauses {
		if c.BM25[i] == 0 {
			continue
		}
		for _, t := range q.Terms {
			if t.Text != cl.Term {
				continue
			}
			switch cl.Field {
			case index.FieldText:
				cd.heldText[t.From] = max(cd.heldText[t.From], t.Weight)
				cd.heldAny[t.From] = true
			case index.FieldQuestions:
				cd.heldQ[t.From] = true
				cd.heldAny[t.From] = true
			case index.FieldContext:
				cd.heldAny[t.From] = true
			}
		}
	}
	for _, g := range q.Groups {
		if cd.groups[g.ID] {
			for _, t := range g.Terms {
				cd.heldText[t] = max(cd.heldText[t], aliasHeld)
				cd.heldAny[t] = true
			}
		}
	}
	return cd
}

// aliasHeld is how fully a question term counts as held when the text
// holds another expression of its alias group: less than the term itself,
// so that of two passages otherwise equal, the one in the question's own
// words wins.
const aliasHeld = 0.9

// features computes every candidate's rank features.
func (e *Engine) features(snap *index.Snapshot, r *ranking, clauses []index.Clause) {
	q := r.q
	ks := kinds{al: e.lang.Aliases(), terms: e.lang.Terms, k: q.Kind, asked: map[int]bool{}}
	for _, g := range q.Groups {
		ks.asked[g.ID] = true
	}
	sp := e.speakers(snap)
	about := e.reader.SubjectTerms()
	qset := termSet(q.Terms)
	var maxBleve, maxText, maxQ, maxCtx float64
	sums := make([][3]float64, len(r.cands))
	for i, c := range r.cands {
		for ci, cl := range clauses {
			v := c.BM25[ci] * cl.Boost
			switch cl.Field {
			case index.FieldText:
				sums[i][0] += v
			case index.FieldQuestions:
				sums[i][1] += v
			case index.FieldContext:
				sums[i][2] += v
			}
		}
		maxBleve = max(maxBleve, c.Score)
		maxText, maxQ, maxCtx = max(maxText, sums[i][0]), max(maxQ, sums[i][1]), max(maxCtx, sums[i][2])
	}
	for i, c := range r.cands {
		x := make([]float64, len(rankFeatures))
		x[0] = ratio(c.Score, maxBleve)
		x[1] = ratio(sums[i][0], maxText)
		x[2] = ratio(sums[i][1], maxQ)
		x[3] = ratio(sums[i][2], maxCtx)
		x[4] = r.coverage(func(t string) float64 { return c.heldText[t] })
		x[5] = r.coverage(func(t string) float64 { return b2f(c.heldAny[t]) })
		x[6] = r.coverage(func(t string) float64 { return b2f(c.heldQ[t]) })
		x[7] = e.bestQuestion(snap, qset, snap.QuestionTerms(c.Passage.ID()))
		if len(q.Groups) > 0 {
			n := 0
			for _, g := range q.Groups {
				if c.groups[g.ID] {
					n++
				}
			}
			x[8] = float64(n) / float64(len(q.Groups))
		}
		x[9] = r.bestSentence(c, q.Groups)
		if q.Kind.Type != reading.None {
			c.kindHit = ks.holds(c.Passage.Text, c.Spans, c.groups)
			x[10], x[11] = b2f(c.kindHit), b2f(!c.kindHit)
		}
		c.namesAll = r.holdsNames(c)
		x[12] = b2f(!c.namesAll)
		x[13] = b2f(q.Kind.Strict() && (!c.kindHit || !c.namesAll))
		x[14] = b2f(c.Doc.Kind == corpus.KindArticle)
		if q.Subject {
			x[15] = subjectShare(snap, about, c)
		}
		if !q.Sayer.None() {
			c.saysWho = sp.saidBy(c.Passage, q.Sayer) && r.holdsTopic(c)
			x[16], x[17] = b2f(c.saysWho), b2f(!c.saysWho)
		}
		if q.Kind.Plural && ks.answerCount(c.groups) >= 3 {
			x[18] = 1
		}
		x[19] = b2f(c.Rank == 0)
		c.x = x
	}
}

// coverage is the share of the question's weight that held credits.
func (r *ranking) coverage(held func(string) float64) float64 {
	if r.total == 0 {
		return 0
	}
	got := 0.0
	for _, t := range r.q.Asked {
		got += r.weight[t] * held(t)
	}
	return got / r.total
}

// bestSentence is the coverage of the candidate's best sentence.
func (r *ranking) bestSentence(c *candidate, groups []reading.Group) float64 {
	best := 0.0
	for _, s := range c.sents {
		best = max(best, r.sentenceCoverage(s, groups))
	}
	return best
}

// sentenceCoverage is the share of the question's weight a sentence holds,
// its own words or (less) through an alias group.
func (r *ranking) sentenceCoverage(s sentence, groups []reading.Group) float64 {
	held := map[string]float64{}
	for _, t := range r.q.Terms {
		if s.terms[t.Text] {
			held[t.From] = max(held[t.From], t.Weight)
		}
	}
	for _, g := range groups {
		if s.groups[g.ID] {
			for _, t := range g.Terms {
				held[t] = max(held[t], aliasHeld)
			}
		}
	}
	return r.coverage(func(t string) float64 { return held[t] })
}

// holdsNames reports whether the candidate's text holds every name and
// number the question gives, itself or through an alias group.
func (r *ranking) holdsNames(c *candidate) bool {
	for _, n := range r.q.Names {
		if !c.holds(n) {
			return false
		}
	}
	return true
}

// holds reports whether the candidate's text holds an analysed question
// term, itself or through an alias group.
func (c *candidate) holds(t string) bool {
	if c.heldText[t] > 0 {
		return true
	}
	for _, s := range c.sents {
		if s.terms[t] {
			return true
		}
	}
	return false
}

// holdsTopic reports whether the candidate's own text holds a term of what
// the question asks someone's words about, when it says.
func (r *ranking) holdsTopic(c *candidate) bool {
	if len(r.q.Sayer.Topic) == 0 {
		return true
	}
	return slices.ContainsFunc(r.q.Sayer.Topic, func(t string) bool { return c.heldText[t] > 0 })
}

// bestQuestion is the IDF cosine of the question's searched terms and the
// closest of a passage's questions.
func (e *Engine) bestQuestion(snap *index.Snapshot, qset map[string]float64, pqs [][]string) float64 {
	if len(qset) == 0 || len(pqs) == 0 {
		return 0
	}
	qn := 0.0
	for t, w := range qset {
		qn += snap.IDF(t) * w
	}
	best := 0.0
	for _, pq := range pqs {
		shared, pn := 0.0, 0.0
		seen := map[string]bool{}
		for _, t := range pq {
			if seen[t] {
				continue
			}
			seen[t] = true
			w := snap.IDF(t)
			pn += w
			if qw, ok := qset[t]; ok {
				shared += w * qw
			}
		}
		if pn > 0 && qn > 0 {
			best = max(best, shared/math.Sqrt(qn*pn))
		}
	}
	return best
}

// termSet maps each searched term to its weight.
func termSet(terms []reading.Term) map[string]float64 {
	out := map[string]float64{}
	for _, t := range terms {
		out[t.Text] = max(out[t.Text], t.Weight)
	}
	return out
}

// subjectShare is the share of the subject's description (by IDF) that a
// passage's text holds.
func subjectShare(snap *index.Snapshot, about []string, c *candidate) float64 {
	total, got := 0.0, 0.0
	for _, t := range about {
		w := snap.IDF(t)
		total += w
		for _, s := range c.sents {
			if s.terms[t] {
				got += w
				break
			}
		}
	}
	return ratio(got, total)
}

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
