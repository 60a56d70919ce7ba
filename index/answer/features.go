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
	candidates = 16
	// weakBoost weighs the clauses that widen the net (contexts, the
	// subject's description, hint words) against the question's own.
	weakBoost = 0.3
	// A term in more than one passage in contextCommon (and in more than
	// contextRare passages) is not searched in contexts: its postings are
	// long and it says little.
	contextCommon = 50
	contextRare   = 20
)

// Features of a candidate passage, read by the ranking model; each is in
// [0, 1].
const (
	rfBleve        = iota // bleve's score of the whole query, relative to the best candidate's
	rfText                // BM25 of the question's terms in the text, relative
	rfQuestions           // BM25 in the questions written for the passage, relative
	rfContext             // BM25 in its context (section, title, previous paragraph), relative
	rfCovText             // share of the question's weight (IDF) its text holds, aliases included
	rfCovAll              // the same in text, questions or context
	rfCovQ                // the same in its questions
	rfPqBest              // the best of its questions against the question (IDF cosine)
	rfAliases             // share of the question's alias groups its text holds
	rfSentence            // the best single sentence's coverage
	rfKindHit             // the question asks for a kind of answer, and the text holds one
	rfKindMiss            // the question asks for a kind of answer, and the text holds none
	rfArticle             // the passage comes from a news article, not a note
	rfSubject             // the question means the corpus's subject, and the passage speaks of it
	rfSaid                // the question asks for someone's words, and the passage reports them
	rfUnsaid              // it asks for someone's words, and the passage does not report them
	rfFirst               // bleve ranked it first
	rfHasQuestions        // questions were written for the passage (a moderator\'s document may have none)
	numRank
)

// rankFeatures names them, in order: the names of model.json.
var rankFeatures = [numRank]string{
	rfBleve:        "bleve",
	rfQuestions:    "questions",
	rfText:         "text",
	rfContext:      "context",
	rfCovText:      "cov_text",
	rfCovQ:         "cov_q",
	rfPqBest:       "pq_best",
	rfAliases:      "aliases",
	rfArticle:      "article",
	rfSubject:      "subject",
	rfSaid:         "said",
	rfUnsaid:       "unsaid",
	rfCovAll:       "cov_all",
	rfSentence:     "sentence",
	rfKindHit:      "kind_hit",
	rfKindMiss:     "kind_miss",
	rfFirst:        "first",
	rfHasQuestions: "has_questions",
}

// Features of a question and its ranked candidates, read by the "I don't
// know" model.
const (
	qfBias         = iota
	qfTop          // the best candidate's model score
	qfMargin       // its lead over the second
	qfPTop         // its share of the candidates' softmax
	qfTopCovText   // its text's coverage of the question
	qfTopCovAll    // its coverage in any field
	qfTopPq        // its best question against the question
	qfTopSentence  // its best sentence's coverage
	qfUnknownShare // share of the question's weight in words no document holds
	qfUnknownName  // it gives a name or number no document holds
	qfStrictFail   // a strict question no top passage can answer
	qfUnsaidAll    // it asks for someone's words and no top passage reports them
	qfNearShare    // share of the question's weight reached only through words near in meaning
	qfTopQuestions // questions were written for the best passage
	qfUnknownWords // how many words no document holds that are not English (typos, chat): 0, 1/3, 2/3, 1
	qfUnknownEn    // how many English content words no document holds: 0, 1/2, 1
	qfTopNames     // share of the names and numbers the question gives that the best passage lacks
	qfUnknownAct   // it asks about an act no document tells of
	qfNoTerms      // nothing of it is searched
	qfSmallTalk    // a greeting or thanks
	qfTopContent   // share of the weight of its words that are not names the best passage's own text holds
	qfPrecedent    // how much closer it is to the training questions the documents did not answer than to those they did (Precedents)
	qfRemembered   // the precedents apply: the best candidates are passages they were answered against
	numRefuse
)

// refuseFeatures names them, in order: the names of model.json.
var refuseFeatures = [numRefuse]string{
	qfBias:         "bias",
	qfTop:          "top",
	qfMargin:       "margin",
	qfPTop:         "p_top",
	qfTopCovText:   "top_cov_text",
	qfTopCovAll:    "top_cov_all",
	qfTopPq:        "top_pq",
	qfTopSentence:  "top_sentence",
	qfUnknownShare: "unknown_share",
	qfUnknownName:  "unknown_name",
	qfStrictFail:   "strict_fail",
	qfUnsaidAll:    "unsaid_all",
	qfNearShare:    "near_share",
	qfTopQuestions: "top_has_questions",
	qfUnknownWords: "unknown_words",
	qfUnknownEn:    "unknown_en",
	qfTopNames:     "top_names",
	qfUnknownAct:   "unknown_act",
	qfNoTerms:      "no_terms",
	qfSmallTalk:    "small_talk",
	qfTopContent:   "top_content",
	qfPrecedent:    "precedent",
	qfRemembered:   "remembered",
}

// Features of a follow-up read with context, read by the follow-up "I
// don't know" model (Model.FollowUpRefuse): what the question-alone model
// says of the completed question, and how the turn leans on the last (a
// correction's completed text is a question the documents answered
// already; a pronoun's often asks of that topic what they do not say).
// Whether the turn's own words are held by the top passages was tried as
// well and dropped: it lowered the judge conversations (c7-c25: top-1 484
// -> 482, top-3 556 -> 554, out-of-scope follow-ups refused 92 -> 90);
// without the three kinds of turn, 92 -> 84 refused, top-1 and top-3 the
// same.
const (
	ffBias     = iota
	ffAlone    // the Refuse model's log-odds for the completed question
	ffRefer    // it points back with a pronoun
	ffEllipsis // it leaves out what the last turn said
	ffCorrect  // it corrects the last turn
	numFollowRefuse
)

// followRefuseFeatures names them, in order: the names of model.json.
var followRefuseFeatures = [numFollowRefuse]string{
	ffBias:     "bias",
	ffAlone:    "alone",
	ffRefer:    "refer",
	ffEllipsis: "ellipsis",
	ffCorrect:  "correct",
}

// Features of a sentence of the best passage, read by the direct-answer
// model.
const (
	sfCov     = iota // share of the question's weight the sentence holds
	sfKindHit        // it holds an answer of the asked kind
	sfNames          // share of the question's names it holds
	sfFirst          // it opens the passage
	sfQuote          // it holds a quotation
	sfShort          // it is short (under 12 words)
	numSentence
)

// sentenceFeatures names them, in order: the names of model.json.
var sentenceFeatures = [numSentence]string{
	sfCov:     "cov",
	sfKindHit: "kind_hit",
	sfNames:   "names",
	sfFirst:   "first",
	sfQuote:   "quote",
	sfShort:   "short",
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
	// follow are its followRefuseFeatures, of a turn read with context.
	follow []float64
	// source is, while fitting, the file the question came from: its
	// writer's other questions are not its precedents.
	source string
	// actUnknown: the question asks about an act no document tells of.
	actUnknown bool
	// goesOn: a request for more found the passage after the last
	// answer, which it shows first and without the "I don't know" test.
	goesOn bool
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
	pqBest   float64   // the best of its questions against the question
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
// features. Passages named in include are candidates even when the search
// does not find them (the passage after the last answer, for a request
// for more: it holds none of the question's words, being the next one).
func (e *Engine) gather(ctx context.Context, snap *index.Snapshot, q reading.Question, include ...string) (*ranking, error) {
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
	found, err := e.search(ctx, snap, clauses)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Raw, err)
	}
	for _, id := range include {
		if slices.ContainsFunc(found, func(c index.Candidate) bool { return c.Passage.ID() == id }) {
			continue
		}
		if p, d, ok := snap.Passage(id); ok {
			found = append(found, index.Candidate{Passage: p, Doc: d, Rank: len(found), BM25: make([]float64, len(clauses))})
		}
	}
	for _, c := range found {
		r.cands = append(r.cands, e.read(snap, q, c, clauses))
	}
	e.features(snap, r, clauses)
	return r, nil
}

// kindDepth is how many candidates, in bleve's order, are read for an
// answer of the asked kind (the patterns cost more than the rest of a
// passage's features; the answer is nearly always among bleve's first).
const kindDepth = 12

// tieRoom is how many candidates past the ranked ones are fetched, so
// that passages tied at the cut are chosen by id, not by where bleve
// happened to store them.
const tieRoom = 4

// search returns the question's candidates, settled: when passages tie
// with the last one kept, more are fetched until the tie is whole (up to
// maxFetch), so which of them are kept never depends on where bleve
// stored them.
func (e *Engine) search(ctx context.Context, snap *index.Snapshot, clauses []index.Clause) ([]index.Candidate, error) {
	n := candidates + tieRoom
	for {
		found, err := snap.Search(ctx, clauses, n)
		if err != nil {
			return nil, err
		}
		if len(found) < n || n >= maxFetch || !nearScore(found[len(found)-1].Score, found[min(candidates, len(found))-1].Score) {
			return settle(found, candidates), nil
		}
		n *= 2
	}
}

// maxFetch bounds the passages fetched to settle a tie.
const maxFetch = 8 * candidates

// nearScore reports whether two scores are equal to rounding.
func nearScore(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// settle orders candidates by bleve's score, best first, and those that
// tie (to rounding) by passage id, keeps the first n and numbers them:
// the same index content always gives the same candidates, however its
// segments were built.
func settle(cs []index.Candidate, n int) []index.Candidate {
	slices.SortStableFunc(cs, func(a, b index.Candidate) int {
		switch {
		case !nearScore(a.Score, b.Score) && a.Score > b.Score:
			return -1
		case !nearScore(a.Score, b.Score):
			return 1
		}
		return strings.Compare(a.Passage.ID(), b.Passage.ID())
	})
	if len(cs) > n {
		cs = cs[:n]
	}
	for i := range cs {
		cs[i].Rank = i
	}
	return cs
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
	// The search keeps only its first MaxClauses; reading a candidate's
	// clauses back must see the same ones.
	return out[:min(len(out), index.MaxClauses)]
}

// read analyses a candidate's text: its sentences, their terms and alias
// groups, and which question terms it holds in which field.
func (e *Engine) read(snap *index.Snapshot, q reading.Question, c index.Candidate, clauses []index.Clause) *candidate {
	a := e.analysed.get(e.lang, c.Passage.Text)
	cd := &candidate{Candidate: c, sents: a.sents, groups: a.groups, heldText: map[string]float64{}, heldAny: map[string]bool{}, heldQ: map[string]bool{}}
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
	ks := kinds{al: e.lang.Aliases(), terms: e.lang.Terms, k: q.Kind, asked: map[int]bool{}, seen: e.kindsSeen}
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
		x := make([]float64, numRank)
		x[rfBleve] = ratio(c.Score, maxBleve)
		x[rfText] = ratio(sums[i][0], maxText)
		x[rfQuestions] = ratio(sums[i][1], maxQ)
		x[rfContext] = ratio(sums[i][2], maxCtx)
		x[rfCovText] = r.coverage(func(t string) float64 { return c.heldText[t] })
		x[rfCovAll] = r.coverage(func(t string) float64 { return b2f(c.heldAny[t]) })
		x[rfCovQ] = r.coverage(func(t string) float64 { return b2f(c.heldQ[t]) })
		c.pqBest = e.bestQuestion(snap, qset, snap.QuestionTerms(c.Passage.ID()))
		x[rfPqBest] = c.pqBest
		if len(q.Groups) > 0 {
			n := 0
			for _, g := range q.Groups {
				if c.groups[g.ID] {
					n++
				}
			}
			x[rfAliases] = float64(n) / float64(len(q.Groups))
		}
		x[rfSentence] = r.bestSentence(c, q.Groups)
		if q.Kind.Type != reading.None && c.Rank < kindDepth {
			c.kindHit = ks.holds(c.Passage.Text, c.Spans, c.groups)
			x[rfKindHit], x[rfKindMiss] = b2f(c.kindHit), b2f(!c.kindHit)
		}
		x[rfArticle] = b2f(c.Doc.Kind == corpus.KindArticle)
		if q.Subject {
			x[rfSubject] = subjectShare(snap, about, c)
		}
		c.namesAll = r.holdsNames(c)
		if !q.Sayer.None() {
			c.saysWho = sp.saidBy(c.Passage, q.Sayer) && r.holdsTopic(c)
			x[rfSaid], x[rfUnsaid] = b2f(c.saysWho), b2f(!c.saysWho)
		}
		x[rfFirst] = b2f(c.Rank == 0)
		x[rfHasQuestions] = b2f(len(c.Passage.Questions) > 0)
		c.x = x
	}
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

// holdsOwnNames reports whether the candidate's text holds every name the
// question gives itself: of a follow-up, those of its own turn (a
// correction that swaps a name need not find the names it kept from the
// last turn beside it); of a question alone, all of them.
func (r *ranking) holdsOwnNames(c *candidate) bool {
	for _, n := range r.q.Names {
		if r.q.IsOwn(n) && !c.holds(n) {
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
	// In a fixed order, so that the same question always weighs the same.
	keys := make([]string, 0, len(qset))
	for t := range qset {
		keys = append(keys, t)
	}
	slices.Sort(keys)
	qn := 0.0
	for _, t := range keys {
		qn += snap.IDF(t) * qset[t]
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
			w := snap.QuestionIDF(t)
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
