// Package reading reads a question into what ranking needs: clean text
// with chat forms written out ("whats" → "what is"), misspellings respelt
// from the alias list or corrected to the index's words, the analysed
// terms to search, the alias groups it expresses, the kind of answer it
// wants, the names a strict answer must hold, whose words it asks for, the
// act it asks about, and whether it means the corpus's subject. It needs
// no index: what the documents hold comes through a small Lexicon.
package reading

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/gloss"
	"github.com/summitbot/summitbot/index/lang"
)

// MaxQuestionLen is the longest question accepted, in characters: what
// Discord allows in a string option.
const MaxQuestionLen = 6000

// MaxTerms bounds how many distinct terms of a question are searched, so no
// question can make a query expensive.
const MaxTerms = 32

// ErrBadQuestion is wrapped by every error about the question itself (empty
// or too long). Its message is safe to show to the person who asked.
var ErrBadQuestion = errors.New("bad question")

// Lexicon tells what the documents hold; *index.Snapshot is one.
type Lexicon interface {
	// Known reports whether any passage holds the analysed term (in its
	// text, its questions or its context).
	Known(term string) bool
	// InText reports whether any passage's own text holds it: what counts
	// for a number, which a passage question may give wrongly.
	InText(term string) bool
	// Corrections returns the known terms an unknown one misspells.
	Corrections(term string) []string
}

// Question is a question as read: everything ranking and answering need,
// in one value.
type Question struct {
	// Raw is the question as asked, cleaned (see Clean).
	Raw string
	// Text is Raw with chat forms written out and misspelt names respelt:
	// what the terms come from.
	Text string
	// Terms are the searched terms, in the question's order: its own
	// analysed terms (Weight 1) and corrections of misspelt ones (less).
	Terms []Term
	// Asked are the question's own analysed terms, in order, each once.
	Asked []string
	// Unknown are the analysed terms of Asked no document holds, that no
	// correction, alias group or near word covers.
	Unknown []string
	// Near are the terms of Asked no document holds that are searched
	// through words near them in meaning that documents hold ("atomic"
	// through "nuclear").
	Near []string
	// Groups are the alias groups it expresses, each once.
	Groups []Group
	// Kind is the kind of answer it asks for.
	Kind Kind
	// Names are the analysed terms of the names and numbers it gives and
	// of the thing it counts: what an answer of a strict kind must hold.
	Names []string
	// UnknownNames are the names it gives that no document holds.
	UnknownNames []string
	// Sayer is whose words it asks for, if anyone's.
	Sayer Sayer
	// Act is the analysed verb of the act it asks about ("designed" in
	// "Who designed the palace?"), or "".
	Act string
	// Subject reports that it speaks of the corpus's subject ("the
	// summit") and names no other event.
	Subject bool
	// SmallTalk reports a greeting or thanks with nothing to look up.
	SmallTalk bool
	// Own are, for a follow-up, the terms of Asked that its turn gave
	// itself (the rest came from the turns before); nil for a question
	// read alone. What the documents must answer is what the turn asks.
	Own []string
	// Foreign is, for a question in Russian, Chinese or Kazakh, the
	// question as asked and how it was read into English (Raw and Text
	// are then the English reading); nil for a question in English.
	Foreign *Foreign
}

// Term is one analysed term of a question, as it is searched.
type Term struct {
	Text   string  // the analysed form searched for
	From   string  // the question's analysed term it stands for
	Weight float64 // 1 for a term of the question, less for a correction
}

// Group is an alias group a question expresses, with the question's
// analysed terms that expressed it.
type Group struct {
	ID    int
	Terms []string
}

// CorrectionWeight is how much a corrected misspelling counts against the
// word it corrects to.
const CorrectionWeight = 0.8

// Reader reads questions. It is safe for concurrent use.
type Reader struct {
	lang    *lang.Analyzer
	casual  casual
	subject subject
	gloss   *gloss.Glossary
}

// New returns a reader that analyses with lg and knows the corpus's subject.
func New(lg *lang.Analyzer, s corpus.Subject) (*Reader, error) {
	c, err := newCasual()
	if err != nil {
		return nil, fmt.Errorf("read chat forms: %w", err)
	}
	g, err := gloss.Default()
	if err != nil {
		return nil, fmt.Errorf("read foreign dictionaries: %w", err)
	}
	return &Reader{lang: lg, casual: c, subject: newSubject(lg, s), gloss: g}, nil
}

// Lang returns the analysis the reader uses.
func (r *Reader) Lang() *lang.Analyzer { return r.lang }

// SubjectTerms returns the analysed words of the subject's description.
func (r *Reader) SubjectTerms() []string { return r.subject.about }

// Language tells the language of a cleaned question: DetectLanguage's,
// but Cyrillic with none of Kazakh's own letters that reads as Kazakh
// (more Kazakh words than Russian ones: "кашан келди") is Kazakh.
func (r *Reader) Language(raw string) string {
	l := DetectLanguage(raw, "")
	if l == Russian && r.gloss.ReadsKazakh(raw) {
		return Kazakh
	}
	return l
}

// Read reads a question against what lex says the documents hold. A
// question in Russian, Chinese or Kazakh (Language) is read into
// English first (see Question.Foreign). Empty and over-long questions are
// errors wrapping ErrBadQuestion.
func (r *Reader) Read(question string, lex Lexicon) (Question, error) {
	raw, err := Clean(question)
	if err != nil {
		return Question{}, err
	}
	if l := r.Language(raw); l != English {
		f := r.foreign(raw, l, lex)
		q := r.readEnglish(f.Text, lex)
		q.withForeign(&f)
		return q, nil
	}
	return r.readEnglish(raw, lex), nil
}

// readEnglish reads a cleaned question in English.
func (r *Reader) readEnglish(raw string, lex Lexicon) Question {
	q := Question{Raw: raw}
	q.Text = r.respell(r.casual.expand(withoutHesitation(splitUnits(raw))), lex)
	q.Kind = ReadKind(q.Text)
	q.SmallTalk = isSmallTalk(raw)
	subjectText := withoutTypeWords(q.Text)
	q.Asked = r.terms(subjectText)
	q.Groups = r.groups(subjectText)
	for _, t := range q.Asked {
		if lex.Known(t) {
			q.Terms = append(q.Terms, Term{Text: t, From: t, Weight: 1})
			continue
		}
		fixes := lex.Corrections(t)
		for _, f := range fixes {
			q.Terms = append(q.Terms, Term{Text: f, From: t, Weight: CorrectionWeight})
		}
		if len(fixes) > 0 || r.inGroup(q.Groups, t) {
			continue
		}
		if near := r.near(t, lex); len(near) > 0 {
			q.Terms = append(q.Terms, near...)
			q.Near = append(q.Near, t)
			continue
		}
		q.Unknown = append(q.Unknown, t)
	}
	q.Names = r.names(q.Text)
	q.UnknownNames = r.unknownNames(q.Text, q.Unknown, lex)
	q.Sayer = r.sayer(q.Text, q.Terms)
	q.Act = r.act(q.Text)
	q.Subject = r.subject.means(q)
	return q
}

// withoutHesitation returns q without the hesitation it opens with ("wait
// which countries …", "hmm who signed"), unless that is all it says.
func withoutHesitation(q string) string {
	rest := hesitationLead.ReplaceAllString(q, "")
	if strings.TrimSpace(rest) == "" {
		return q
	}
	return rest
}

// ReadFollowUp reads the question a follow-up resolved to, noting which
// of its terms the turn gave itself.
func (r *Reader) ReadFollowUp(fu FollowUp, lex Lexicon) (Question, error) {
	q, err := r.Read(fu.Text, lex)
	if err != nil {
		return q, err
	}
	q.withForeign(fu.Foreign)
	if fu.Move == Alone {
		return q, nil
	}
	own := r.terms(withoutTypeWords(r.respell(r.casual.expand(splitUnits(fu.Own)), lex)))
	for _, t := range q.Asked {
		if slices.Contains(own, t) {
			q.Own = append(q.Own, t)
		}
	}
	if q.Own == nil {
		q.Own = []string{}
	}
	return q, nil
}

// IsOwn reports whether the turn gave term t itself: always for a
// question read alone, and for a follow-up that gave no words of its own
// ("tell me more").
func (q Question) IsOwn(t string) bool {
	return len(q.Own) == 0 || slices.Contains(q.Own, t)
}

// Near words: an English word no document holds is searched through at
// most maxNear of the words nearest it in meaning that a passage's text
// holds, each at least minNear close, weighted by how close.
const (
	maxNear = 3
	minNear = 0.6
)

// near returns the near words of an unknown term to search.
func (r *Reader) near(t string, lex Lexicon) []Term {
	if !r.lang.IsEnglish(t) || r.lang.IsCommon(t) {
		return nil
	}
	var out []Term
	for _, n := range r.lang.Neighbours(t) {
		if n.Sim < minNear || len(out) == maxNear {
			break
		}
		if lex.InText(n.Term) {
			out = append(out, Term{Text: n.Term, From: t, Weight: n.Sim * CorrectionWeight})
		}
	}
	return out
}

// Clean checks a question and returns it as the engine reads it: invalid
// UTF-8 replaced, Discord mention markup dropped, control characters turned
// into spaces, runs of punctuation ("?!?!") cut to one mark, spaces
// collapsed. Empty and over-long questions are errors wrapping
// ErrBadQuestion.
func Clean(q string) (string, error) {
	q = strings.ToValidUTF8(q, "\uFFFD")
	q = mentions.ReplaceAllString(q, " ")
	q = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, q)
	q = punctuationRun.ReplaceAllStringFunc(q, func(m string) string {
		r, _ := utf8.DecodeRuneInString(m)
		return string(r)
	})
	q = strings.Join(strings.Fields(q), " ")
	if q == "" {
		return "", fmt.Errorf("%w: the question is empty; ask something about the summit, e.g. \"Where was the summit held?\"", ErrBadQuestion)
	}
	if n := utf8.RuneCountInString(q); n > MaxQuestionLen {
		return "", fmt.Errorf("%w: the question is %d characters long; at most %d are allowed", ErrBadQuestion, n, MaxQuestionLen)
	}
	return q, nil
}

var (
	// mentions matches Discord mention markup (users, roles, channels,
	// @everyone, @here): never words of a question.
	mentions = regexp.MustCompile(`<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b`)
	// punctuationRun matches two or more of ? and !.
	punctuationRun = regexp.MustCompile(`[?!]{2,}`)
)

// unitSuffix finds a number run together with its unit or ordinal
// ending, as chat writes them: "44bn", "590km", "16th".
var unitSuffix = regexp.MustCompile(`(?i)\b(\d+(?:[.,]\d+)?)(bn|b|mn|mln|m|k|km|kms|st|nd|rd|th|yrs|yr)\b`)

// unitWords are what the unit endings stand for ("" for an ordinal).
var unitWords = map[string]string{
	"bn": "billion", "b": "billion", "mn": "million", "mln": "million", "m": "million", "k": "thousand",
	"km": "km", "kms": "km", "st": "", "nd": "", "rd": "", "th": "", "yrs": "years", "yr": "years",
}

// splitUnits writes "44bn" as "44 billion" and "16th" as "16".
func splitUnits(q string) string {
	return unitSuffix.ReplaceAllStringFunc(q, func(m string) string {
		sub := unitSuffix.FindStringSubmatch(m)
		w := unitWords[strings.ToLower(sub[2])]
		if w == "" {
			return sub[1]
		}
		return sub[1] + " " + w
	})
}

// questionStop are analysed words that, in a question, ask rather than
// say: modal verbs and requests ("can you tell me").
var questionStop = map[string]bool{
	"will": true, "can": true, "could": true, "should": true, "mai": true, "might": true,
	"must": true, "shall": true, "tell": true, "me": true, "pleas": true, "know": true,
	"kind": true, "sort": true, "type": true, "happen": true, "anyth": true, "someth": true,
	"name": true,               // "what is the name of ...": the question's type, not its subject
	"mani": true, "much": true, // "how many", "how much": the question's type
	"actual": true, "realli": true, "exactli": true, // "where did it actually take place"
	"you": true, "your": true, "i": true, "wonder": true, "anyon": true, "bot": true,
}

// terms analyses text into distinct question terms, in order, at most
// MaxTerms of them.
func (r *Reader) terms(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range r.lang.Terms(text) {
		if t == "" || seen[t] || questionStop[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
		if len(out) == MaxTerms {
			break
		}
	}
	return out
}

// groups returns the alias groups text expresses, each once, with the
// terms that expressed it (merged when found twice).
func (r *Reader) groups(text string) []Group {
	var out []Group
	at := map[int]int{}
	for _, m := range r.lang.Aliases().Find(text, r.lang.Terms(text)) {
		if i, ok := at[m.Group]; ok {
			out[i].Terms = append(out[i].Terms, m.Terms...)
			continue
		}
		at[m.Group] = len(out)
		out = append(out, Group{ID: m.Group, Terms: m.Terms})
	}
	return out
}

func (r *Reader) inGroup(groups []Group, t string) bool {
	for _, g := range groups {
		if slices.Contains(g.Terms, t) {
			return true
		}
	}
	return false
}

// respell replaces each word of a question that the documents do not hold
// by the alias-list word it misspells, if one is within reach ("Jinpin" →
// "Jinping", "Peskow" → "Peskov"). Stemming makes some misspelt names too
// far from their indexed stems ("jinpin" and "jinp") for the index's own
// corrections; the alias list keeps their whole spelling.
func (r *Reader) respell(q string, lex Lexicon) string {
	var b strings.Builder
	last := 0
	for _, loc := range wordSpans.FindAllStringIndex(q, -1) {
		w := q[loc[0]:loc[1]]
		if utf8.RuneCountInString(w) < 5 || r.knownWord(w, lex) {
			continue
		}
		fix := r.lang.Aliases().Respell(strings.ToLower(w))
		if fix == "" {
			continue
		}
		if c, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(c) {
			fc, size := utf8.DecodeRuneInString(fix)
			fix = string(unicode.ToUpper(fc)) + fix[size:]
		}
		b.WriteString(q[last:loc[0]])
		b.WriteString(fix)
		last = loc[1]
	}
	if last == 0 {
		return q
	}
	b.WriteString(q[last:])
	return b.String()
}

// wordSpans finds the words of a question.
var wordSpans = regexp.MustCompile(`[\p{L}\p{N}]+`)

// knownWord reports whether the documents hold every term of word (a stop
// word has none and counts as known).
func (r *Reader) knownWord(w string, lex Lexicon) bool {
	for _, t := range r.lang.Terms(w) {
		if !lex.Known(t) {
			return false
		}
	}
	return true
}

// names returns the analysed terms of what a passage must hold to answer a
// question of a strict kind: the names it gives (capitalised inside the
// sentence, or an expression of an alias group that names something), the
// numbers it gives ("in 2020"), and the thing it counts ("How many
// agreements ...").
func (r *Reader) names(q string) []string {
	var out []string
	add := func(ts ...string) {
		for _, t := range ts {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	for i, w := range questionWords(q) {
		if i > 0 && unicode.IsUpper([]rune(w)[0]) || isNumber(w) {
			add(r.lang.Terms(w)...)
		}
	}
	al := r.lang.Aliases()
	for _, m := range al.Find(q, r.lang.Terms(q)) {
		if al.IsName(m.Group) {
			add(m.Terms...)
		}
	}
	if m := howMany.FindStringSubmatch(strings.ToLower(q)); m != nil {
		add(r.lang.Terms(m[1])...)
	}
	return out
}

// unknownNames returns the names the question gives that the documents do
// not hold in any spelling or alias: a word capitalised inside the
// sentence ("What did Xi say about Taiwan?"), a number ("in 2022"), or the
// thing it counts or measures ("How many reactors ...", "What is the
// population of ...").
func (r *Reader) unknownNames(q string, unknown []string, lex Lexicon) []string {
	var out []string
	missing := func(w string) {
		for _, t := range r.lang.Terms(w) {
			lacks := slices.Contains(unknown, t) || isNumber(t) && !lex.InText(t)
			if lacks && !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	for i, w := range questionWords(q) {
		if i > 0 && unicode.IsUpper([]rune(w)[0]) || isNumber(w) {
			missing(w)
		}
	}
	for _, m := range headNoun.FindAllStringSubmatch(strings.ToLower(q), -1) {
		for _, w := range m[1:] {
			if w != "" {
				missing(w)
			}
		}
	}
	return out
}

var (
	// howMany finds the thing a question counts.
	howMany = regexp.MustCompile(`\bhow many ([\p{L}-]+)`)
	// headNoun finds what a question counts or measures.
	headNoun = regexp.MustCompile(`\bhow many ([a-z-]+)|\bwhat(?:'s| is| was| are| were) the (?:[a-z-]+ )?([a-z-]+) (?:of|in|for|at)\b`)
)

// isNumber reports whether a word is written in digits.
func isNumber(w string) bool {
	return w != "" && strings.TrimFunc(w, unicode.IsDigit) == ""
}

// questionWords splits a question into words (letters, digits,
// apostrophes and hyphens).
func questionWords(q string) []string {
	return strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-'
	})
}
