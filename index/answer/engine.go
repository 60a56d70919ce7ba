package answer

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/lang"
	"github.com/summitbot/summitbot/index/reading"
)

// Engine answers questions from an index. It is safe for concurrent use:
// each question reads its own snapshot of the index.
type Engine struct {
	ix     *index.Index
	lang   *lang.Analyzer
	reader *reading.Reader
	model  Model
	// analysed keeps the analysis of passages read lately.
	analysed *analysedCache
	// kindsSeen keeps what the answer-kind patterns found in them.
	kindsSeen *kindCache
	// memory is the model's precedents, ready to compare with.
	memory *memory
}

// New returns an engine over ix with the given model.
func New(ix *index.Index, m Model) (*Engine, error) {
	s, err := corpus.DefaultSubject()
	if err != nil {
		return nil, err
	}
	r, err := reading.New(ix.Lang(), s)
	if err != nil {
		return nil, err
	}
	return &Engine{ix: ix, lang: ix.Lang(), reader: r, model: m, analysed: newAnalysedCache(), kindsSeen: newKindCache(), memory: newMemory(m.Precedents)}, nil
}

// Default returns an engine over ix with the embedded model.
func Default(ix *index.Index) (*Engine, error) {
	m, err := DefaultModel()
	if err != nil {
		return nil, err
	}
	return New(ix, m)
}

// Documents returns every indexed document, sorted by title.
func (e *Engine) Documents() []corpus.Document { return e.ix.Documents() }

// Document returns the indexed document with the given id.
func (e *Engine) Document(id string) (corpus.Document, bool) { return e.ix.Document(id) }

// Stats tells how much the index holds and when it last changed.
func (e *Engine) Stats() index.Stats { return e.ix.Stats() }

// Ask answers a question with at most k passages (DefaultK when k < 1).
// Errors wrapping reading.ErrBadQuestion are about the question and safe
// to show.
func (e *Engine) Ask(ctx context.Context, question string, k int) (Answer, error) {
	return e.AskAfter(ctx, question, k, nil)
}

// AskAfter answers a turn of a conversation: the question is read with
// the turns before it (oldest first; see reading.Reader.Follow), then
// answered as any question is. A request for more shows none of the
// passages shown before.
func (e *Engine) AskAfter(ctx context.Context, question string, k int, before []reading.Turn) (Answer, error) {
	if k < 1 {
		k = DefaultK
	}
	k = min(k, MaxK)
	snap, err := e.ix.Snapshot(ctx)
	if err != nil {
		return Answer{Question: question}, err
	}
	defer snap.Close()
	r, fu, err := e.rankTurn(ctx, snap, question, before)
	if err != nil {
		return Answer{Question: question}, err
	}
	return e.reply(snap, question, k, before, fu, r)
}

// rankTurn reads a turn with the turns before it and ranks its
// candidates.
func (e *Engine) rankTurn(ctx context.Context, snap *index.Snapshot, question string, before []reading.Turn) (*ranking, reading.FollowUp, error) {
	fu, err := e.reader.Follow(question, before, snap)
	if err != nil {
		return nil, fu, err
	}
	r, err := e.rank(ctx, snap, fu)
	return r, fu, err
}

// reply composes the answer to a ranked turn: "I don't know", or at
// most k passages, the direct answer and the facts.
func (e *Engine) reply(snap *index.Snapshot, question string, k int, before []reading.Turn, fu reading.FollowUp, r *ranking) (Answer, error) {
	raw, err := reading.Clean(question)
	if err != nil {
		return Answer{Question: question}, err
	}
	// The reading told the language: a question read from Russian,
	// Chinese or Kazakh carries it.
	lang := reading.English
	if r.q.Foreign != nil {
		lang = r.q.Foreign.Lang
	}
	ans := Answer{Question: raw, Lang: lang, Passages: []Hit{}, Facts: []Fact{}, SmallTalk: r.q.SmallTalk, Move: fu.Move}
	// A follow-up shows how it was completed; a question in Russian,
	// Chinese or Kazakh its English reading (of a foreign follow-up, both
	// at once: the completed English).
	if fu.Move != reading.Alone || r.q.Foreign != nil {
		ans.ReadAs = r.q.Raw
	}
	if !forced(fu, before, r) && !e.answers(r) {
		ans.Text = NotFound
		return ans, nil
	}
	shown := e.shown(r, k)
	ans.Answered = true
	for _, c := range shown {
		ans.Passages = append(ans.Passages, hitOf(c))
	}
	ans.Text, ans.Facts = e.compose(snap, r, shown)
	return ans, nil
}

// rank reads the question, gathers its candidates and orders them by the
// model's score, best first; then computes what the "I don't know"
// decision reads. Of a follow-up, the passages it excludes are dropped,
// the candidates are reordered by what they owe to the last turn, and the
// passage that goes on from the last answer comes first.
func (e *Engine) rank(ctx context.Context, snap *index.Snapshot, fu reading.FollowUp) (*ranking, error) {
	q, err := e.reader.ReadFollowUp(fu, snap)
	if err != nil {
		return nil, err
	}
	var include []string
	if fu.Next != "" {
		include = append(include, fu.Next)
	}
	r, err := e.gather(ctx, snap, q, include...)
	if err != nil {
		return nil, err
	}
	if len(fu.Exclude) > 0 {
		r.cands = slices.DeleteFunc(r.cands, func(c *candidate) bool { return slices.Contains(fu.Exclude, c.Passage.ID()) })
	}
	e.order(r)
	// Whether the documents answer is read from the ranking by the
	// question alone; what the candidates owe to the last turn only
	// reorders them.
	e.refusalFeatures(r)
	if fu.Move != reading.Alone {
		e.followRefusalFeatures(r, fu.Move)
	}
	if fu.Doc != "" || fu.Prev != "" {
		e.followUp(r, fu)
	}
	r.goesOn = fu.Next != "" && slices.ContainsFunc(r.cands, func(c *candidate) bool { return c.Passage.ID() == fu.Next })
	return r, nil
}

// order scores the candidates with the rank model and sorts them, best
// first (bleve's order breaks ties).
func (e *Engine) order(r *ranking) {
	for _, c := range r.cands {
		c.score = e.model.Rank.score(c.x)
	}
	sort.SliceStable(r.cands, func(i, j int) bool { return r.cands[i].score > r.cands[j].score })
}

// followUp adds to a follow-up's scores what its candidates owe to the
// last turn (Model.FollowUp) and sorts them again.
func (e *Engine) followUp(r *ranking, fu reading.FollowUp) {
	w := e.model.FollowUp
	last := w.LastAnswer
	if fu.Move == reading.Correct {
		last = w.Corrected
	}
	for _, c := range r.cands {
		if fu.Doc != "" && c.Passage.DocID == fu.Doc {
			c.score += w.SameDocument
		}
		if c.Passage.ID() == fu.Prev {
			c.score += last
		}
		if c.Passage.ID() == fu.Next {
			c.score += w.Next
		}
	}
	sort.SliceStable(r.cands, func(i, j int) bool { return r.cands[i].score > r.cands[j].score })
}

// topN is how many of the best candidates the strict and sayer checks of
// the "I don't know" decision look at.
const topN = 3

// refusalFeatures computes what the "I don't know" decision reads.
func (e *Engine) refusalFeatures(r *ranking) {
	q := r.q
	f := make([]float64, numRefuse)
	f[qfBias] = 1
	if n := len(r.cands); n > 0 {
		top := r.cands[0]
		f[qfTop] = top.score
		if n > 1 {
			f[qfMargin] = top.score - r.cands[1].score
		} else {
			f[qfMargin] = 1
		}
		sum := 0.0
		for _, c := range r.cands {
			sum += math.Exp(c.score - top.score)
		}
		f[qfPTop] = 1 / sum
		f[qfTopCovText] = top.x[rfCovText]
		f[qfTopCovAll] = top.x[rfCovAll]
		f[qfTopPq] = top.pqBest
		f[qfTopSentence] = top.x[rfSentence]
		f[qfTopQuestions] = top.x[rfHasQuestions]
	}
	unknown, near, words, english := 0.0, 0.0, 0, 0
	// What the documents must answer is what the question asks itself:
	// of a follow-up, the words its turn gave (IsOwn).
	total := 0.0
	for _, t := range q.Asked {
		if q.IsOwn(t) {
			total += r.weight[t]
		}
	}
	for _, t := range q.Unknown {
		if !q.IsOwn(t) {
			continue
		}
		unknown += r.weight[t]
		switch {
		case e.lang.IsCommon(t):
		case e.lang.IsEnglish(t):
			english++
		case utf8.RuneCountInString(t) >= 3:
			words++
		}
	}
	f[qfUnknownWords] = float64(min(words, 3)) / 3
	f[qfUnknownEn] = float64(min(english, 2)) / 2
	if len(r.cands) > 0 {
		top := r.cands[0]
		if len(q.Names) > 0 {
			lacks, own := 0, 0
			for _, n := range q.Names {
				if !q.IsOwn(n) {
					continue
				}
				own++
				if !top.holds(n) {
					lacks++
				}
			}
			f[qfTopNames] = ratio(float64(lacks), float64(own))
		}
		got, all := 0.0, 0.0
		for _, t := range q.Asked {
			if slices.Contains(q.Names, t) || !q.IsOwn(t) {
				continue
			}
			all += r.weight[t]
			got += r.weight[t] * top.heldText[t]
		}
		f[qfTopContent] = ratio(got, all)
		if e.memory.applies(r.cands[:min(topN, len(r.cands))]) {
			f[qfRemembered] = 1
			f[qfPrecedent] = e.memory.lean(q, r.source)
		}
	}
	f[qfUnknownAct] = b2f(r.actUnknown)
	f[qfNoTerms] = b2f(len(q.Terms) == 0 && len(q.Groups) == 0)
	f[qfSmallTalk] = b2f(q.SmallTalk)
	for _, t := range q.Near {
		if q.IsOwn(t) {
			near += r.weight[t]
		}
	}
	f[qfUnknownShare] = ratio(unknown, total)
	f[qfNearShare] = ratio(near, total)
	f[qfUnknownName] = b2f(len(q.UnknownNames) > 0)
	if q.Kind.Strict() {
		f[qfStrictFail] = 1
		for _, c := range r.cands[:min(topN, len(r.cands))] {
			if c.kindHit && r.holdsOwnNames(c) {
				f[qfStrictFail] = 0
			}
		}
	}
	if !q.Sayer.None() {
		f[qfUnsaidAll] = 1
		for _, c := range r.cands[:min(topN, len(r.cands))] {
			if c.saysWho {
				f[qfUnsaidAll] = 0
			}
		}
	}
	r.refuse = f
}

// forced reports a turn answered without the "I don't know" decision:
// more on a topic the last turn answered is shown as long as any passage
// is left (the topic is in the documents), and so is the passage that
// goes on from the last answer.
func forced(fu reading.FollowUp, before []reading.Turn, r *ranking) bool {
	more := fu.Move == reading.More && len(before) > 0 && before[len(before)-1].Answer != "" && len(r.cands) > 0
	return r.goesOn || more
}

// answers reports whether the documents hold an answer: the "I don't
// know" model's probability reaches its threshold; of a follow-up read
// with context, the follow-up model's, once one is fitted.
func (e *Engine) answers(r *ranking) bool {
	if len(r.cands) == 0 {
		return false
	}
	if f := e.model.FollowUpRefuse; r.follow != nil && len(f.Weights) > 0 {
		return sigmoid(f.score(r.follow)) >= f.Threshold
	}
	return sigmoid(e.model.Refuse.score(r.refuse)) >= e.model.Refuse.Threshold
}

// followRefusalFeatures computes what the follow-up "I don't know"
// decision reads: the question-alone model's log-odds for the completed
// question, and how the turn leans on the last (move).
func (e *Engine) followRefusalFeatures(r *ranking, move reading.Move) {
	f := make([]float64, numFollowRefuse)
	f[ffBias] = 1
	f[ffAlone] = e.model.Refuse.score(r.refuse)
	f[ffRefer] = b2f(move == reading.Refer)
	f[ffEllipsis] = b2f(move == reading.Ellipsis)
	f[ffCorrect] = b2f(move == reading.Correct)
	r.follow = f
}

// shown returns the candidates worth showing, at most k: the best, and
// those scoring within the model's Drop of it.
func (e *Engine) shown(r *ranking, k int) []*candidate {
	out := []*candidate{r.cands[0]}
	for _, c := range r.cands[1:] {
		if len(out) == k || c.score < r.cands[0].score-e.model.Show.Drop {
			break
		}
		out = append(out, c)
	}
	return out
}

// compose picks the direct answer, the sentence of the best passage the
// sentence model prefers, and the facts behind the answer: that sentence,
// then the best sentence of each other passage shown, each with who said
// it.
func (e *Engine) compose(snap *index.Snapshot, r *ranking, shown []*candidate) (string, []Fact) {
	sp := e.speakers(snap)
	var facts []Fact
	for i, c := range shown {
		s := e.bestSentence(r, c)
		if s == "" {
			continue
		}
		facts = append(facts, Fact{Text: s, Speaker: sp.of(c.Passage, s), Cite: i + 1})
	}
	if len(facts) == 0 {
		return "", facts
	}
	return facts[0].Text, facts
}

// bestSentence returns the sentence of a candidate the sentence model
// scores highest (the first wins ties).
func (e *Engine) bestSentence(r *ranking, c *candidate) string {
	best, bestScore := "", math.Inf(-1)
	for i, s := range c.sents {
		if v := e.model.Sentence.score(e.sentenceX(r, c, i)); v > bestScore {
			best, bestScore = s.text, v
		}
	}
	return best
}

// sentenceX computes the sentence features of sentence i of c.
func (e *Engine) sentenceX(r *ranking, c *candidate, i int) []float64 {
	s := c.sents[i]
	q := r.q
	x := make([]float64, numSentence)
	x[sfCov] = r.sentenceCoverage(s, q.Groups)
	if q.Kind.Type != reading.None {
		ks := kinds{al: e.lang.Aliases(), terms: e.lang.Terms, k: q.Kind, asked: map[int]bool{}, seen: e.kindsSeen}
		for _, g := range q.Groups {
			ks.asked[g.ID] = true
		}
		x[sfKindHit] = b2f(ks.holds(s.text, shiftSpans(c.Spans, s.start, len(s.text)), s.groups))
	}
	if len(q.Names) > 0 {
		n := 0
		for _, name := range q.Names {
			if s.terms[name] || slices.ContainsFunc(q.Groups, func(g reading.Group) bool { return s.groups[g.ID] && slices.Contains(g.Terms, name) }) {
				n++
			}
		}
		x[sfNames] = float64(n) / float64(len(q.Names))
	}
	x[sfFirst] = b2f(i == 0)
	_, quoted := cutQuotations(s.text)
	x[sfQuote] = b2f(quoted)
	x[sfShort] = b2f(len(strings.Fields(s.text)) < 12)
	return x
}

// shiftSpans returns the spans that fall inside [start, start+n), relative
// to start.
func shiftSpans(spans []Span, start, n int) []Span {
	var out []Span
	for _, s := range spans {
		if s.Start >= start && s.End <= start+n {
			out = append(out, Span{Start: s.Start - start, End: s.End - start})
		}
	}
	return out
}

// speakers returns who-said-what over the snapshot's passages.
func (e *Engine) speakers(snap *index.Snapshot) speakers {
	return speakers{lang: e.lang, passage: func(docID string, n int) (corpus.Passage, bool) {
		p, _, ok := snap.Passage(corpus.PassageID(docID, n))
		return p, ok
	}}
}

// hitOf builds the cited passage of a candidate.
func hitOf(c *candidate) Hit {
	return Hit{
		ID:        c.Passage.ID(),
		DocID:     c.Doc.ID,
		Title:     c.Doc.Title,
		Section:   c.Passage.Section,
		Paragraph: c.Passage.N,
		Text:      c.Passage.Text,
		Score:     c.score,
		Source:    c.Doc.Outlet,
		Published: c.Doc.Published,
		URL:       c.Doc.URL,
		Kind:      c.Doc.Kind,
		Matches:   slices.Clone(c.Spans),
	}
}
