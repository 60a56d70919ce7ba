package index

import (
	"errors"
	"fmt"
	bleveindex "github.com/blevesearch/bleve_index_api"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxQuestionLen is the longest question accepted, in characters: what
// Discord allows in a string option.
const MaxQuestionLen = 6000

// maxTerms bounds how many distinct terms of a question are searched, so no
// question can make a query expensive.
const maxTerms = 32

// ErrBadQuestion is wrapped by every error about the question itself (empty
// or too long). Its message is safe to show to the person who asked.
var ErrBadQuestion = errors.New("bad question")

// CleanQuestion checks a question and returns it as the engine reads it:
// invalid UTF-8 replaced, control characters turned into spaces, spaces
// collapsed. Empty and over-long questions are errors wrapping ErrBadQuestion.
func CleanQuestion(q string) (string, error) {
	q = strings.ToValidUTF8(q, "\uFFFD")
	q = mentions.ReplaceAllString(q, " ")
	q = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, q)
	q = strings.Join(strings.Fields(q), " ")
	if q == "" {
		return "", fmt.Errorf("%w: the question is empty; ask something about the summit, e.g. \"Where was the summit held?\"", ErrBadQuestion)
	}
	if n := utf8.RuneCountInString(q); n > MaxQuestionLen {
		return "", fmt.Errorf("%w: the question is %d characters long; at most %d are allowed", ErrBadQuestion, n, MaxQuestionLen)
	}
	return q, nil
}

// mentions matches Discord mention markup (users, roles, channels,
// @everyone, @here): never words of a question.
var mentions = regexp.MustCompile(`<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b`)

// term is one analysed term of a question, as it will be searched.
type term struct {
	text   string  // the analysed form searched for
	from   string  // the question's analysed term it stands for
	weight float64 // 1 for a term of the question, less for a correction
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
}

// typeWords are a question's words that name the kind of its answer, not
// its subject: "how long" (not "long-term"), "in which building" (not
// "build"), "what year", "the full official name"; and "take place",
// which only asks that something happened. They are not searched.
var typeWords = regexp.MustCompile(`(?i)\b(?:take|took|takes|taking|taken) place\b|\b(?:full|official|exact|complete|proper|formal) (?:(?:full|official|exact|complete|proper|formal) )?(?:name|title)\b|\bwhat(?:'s| is| was| were| are) the (?:total )?(?:(?:value|amount|number|sum|size|volume) of\b)?|\bin total\b|\bsince when\b|\bhow (?:many|much|long|far|tall|big|large|high|old|often)\b|\b(?:which|what) (?:(?:two|three|four|five|six|seven|\d+) )?(?:towns?|cit(?:y|ies)|buildings?|venues?|places?|locations?|years?|dates?|days?|months?|time|countr(?:y|ies)(?:'s?)?|nations?|compan(?:y|ies)|firms?)\b`)

// withoutTypeWords blanks a question's type words out.
func withoutTypeWords(q string) string {
	return typeWords.ReplaceAllStringFunc(q, func(m string) string { return strings.Repeat(" ", len(m)) })
}

// questionTerms analyses a cleaned question into distinct terms, in order,
// at most maxTerms of them.
func (ix *Index) questionTerms(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, tok := range ix.analyzer.Analyze([]byte(q)) {
		t := string(tok.Term)
		if t == "" || seen[t] || questionStop[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
		if len(out) == maxTerms {
			break
		}
	}
	return out
}

// resolve maps question terms to the terms searched: known terms as they
// are, unknown ones to their closest known spellings, weighted lower.
func (ix *Index) resolve(v *vocabulary, qterms []string) (search []term, unknown []string) {
	for _, t := range qterms {
		if v.isKnown(t) {
			search = append(search, term{text: t, from: t, weight: 1})
			continue
		}
		fixes := v.correct(t, v.fuzzyCandidates(t))
		if len(fixes) == 0 {
			unknown = append(unknown, t)
			continue
		}
		for _, f := range fixes {
			search = append(search, term{text: f, from: t, weight: correctionWeight})
		}
	}
	return search, unknown
}

// correctionWeight is how much a corrected misspelling counts against the
// word it corrects to.
const correctionWeight = 0.8

// fuzzyCandidates returns the terms of the text dictionary within reach
// of a misspelt term: Levenshtein distance maxEdits, sharing the first
// letter when the word is short. bleve walks its term dictionary with an
// automaton, so this costs little however large the vocabulary. (Words
// found only in contexts, such as titles and headings, are text words of
// other passages or rare.)
func (v *vocabulary) fuzzyCandidates(term string) []string {
	n := utf8.RuneCountInString(term)
	k := maxEdits(n)
	if k == 0 {
		return nil
	}
	fuzzy, ok := v.r.(bleveindex.IndexReaderFuzzy)
	if !ok {
		return nil
	}
	prefix := ""
	if n < 6 {
		_, size := utf8.DecodeRuneInString(term)
		prefix = term[:size]
	}
	dict, err := fuzzy.FieldDictFuzzy(fieldText, term, k, prefix)
	if err != nil {
		return nil
	}
	defer dict.Close()
	var out []string
	for {
		e, err := dict.Next()
		if err != nil || e == nil {
			return out
		}
		out = append(out, e.Term)
	}
}

// respell replaces each word of a question that the index does not know
// by the alias-list word it misspells, if one is within reach ("Jinpin" →
// "Jinping", "Peskow" → "Peskov"). Stemming makes some misspelt names
// too far from their indexed stems ("jinpin" and "jinp") for the fuzzy
// term dictionary; the alias list keeps their whole spelling.
func (ix *Index) respell(v *vocabulary, q string) string {
	var b strings.Builder
	last := 0
	for _, loc := range wordSpans.FindAllStringIndex(q, -1) {
		w := q[loc[0]:loc[1]]
		if utf8.RuneCountInString(w) < 5 || ix.knownWord(v, w) {
			continue
		}
		fix := ix.aliases.respell(strings.ToLower(w))
		if fix == "" {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			fr, size := utf8.DecodeRuneInString(fix)
			fix = string(unicode.ToUpper(fr)) + fix[size:]
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

// knownWord reports whether the index knows every term of word (a stop
// word has none and counts as known).
func (ix *Index) knownWord(v *vocabulary, w string) bool {
	for _, t := range analyse(ix.analyzer, w) {
		if !v.isKnown(t) {
			return false
		}
	}
	return true
}

// questionNames returns the analysed terms of what a passage must hold to
// answer a question of a strict kind: the names it gives capitalised
// inside the sentence ("When was the plant in Russia built?"), the numbers
// it gives ("in 2020"), and the thing it counts ("How many agreements
// ...").
func (ix *Index) questionNames(q string) []string {
	var out []string
	for i, w := range questionWords(q) {
		if i > 0 && unicode.IsUpper([]rune(w)[0]) || isNumber(w) {
			out = append(out, analyse(ix.analyzer, w)...)
		}
	}
	if m := howMany.FindStringSubmatch(strings.ToLower(q)); m != nil {
		out = append(out, analyse(ix.analyzer, m[1])...)
	}
	return out
}

// howMany finds the thing a question counts.
var howMany = regexp.MustCompile(`\bhow many ([\p{L}-]+)`)

// isNumber reports whether a word is written in digits.
func isNumber(w string) bool {
	return strings.TrimFunc(w, unicode.IsDigit) == ""
}

// questionWords splits a question into words (letters, digits,
// apostrophes and hyphens).
func questionWords(q string) []string {
	return strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-'
	})
}
