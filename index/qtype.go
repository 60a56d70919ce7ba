package index

import (
	"regexp"
	"strings"

	"github.com/summitbot/summitbot/corpus"
)

// qtype is the kind of answer a question asks for, read from its question
// words (which analysis drops as stop words).
type qtype int

const (
	qtypeNone     qtype = iota
	qtypeDate           // when, what year, which day
	qtypePlace          // where, in which city
	qtypeQuantity       // how many, how much, how long, what percentage
	qtypeAgent          // who, which company, which agency
	qtypeReason         // why
)

func (t qtype) String() string {
	return [...]string{"none", "date", "place", "quantity", "agent", "reason"}[t]
}

// Question patterns, tried in order on the lower-cased question.
var qtypePatterns = []struct {
	re *regexp.Regexp
	t  qtype
}{
	{regexp.MustCompile(`\b(how (many|much|long|far|tall|big|large|high|old|often)|what (percentage|share|proportion|number|amount)|what (was|is|were) the (total|value|cost|price|length))\b`), qtypeQuantity},
	{regexp.MustCompile(`\b(when|since when|what (year|date|day|month|time)|which (year|date|day|month))\b`), qtypeDate},
	{regexp.MustCompile(`\b(where|(in|at|to|from|through) (which|what) (town|city|country|place|building|venue|region|lake|province|mountains?)|which (town|city|country|place|building|venue|region))\b`), qtypePlace},
	{regexp.MustCompile(`\b(who|whom|whose|which (company|companies|firm|firms|agency|organisation|organization|person|official|leader|analyst|country|nation|partner|power|powers|news agency|outlet))\b`), qtypeAgent},
	{regexp.MustCompile(`\b(why|for what reason|what for)\b`), qtypeReason},
}

// questionType reads the kind of answer a question asks for.
func questionType(q string) qtype {
	q = strings.ToLower(q)
	for _, p := range qtypePatterns {
		if p.re.MatchString(q) {
			return p.t
		}
	}
	return qtypeNone
}

// Answer patterns: a passage holds an answer of a kind when one of these
// matches its text outside the words the question already holds.
var (
	monthWords = `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b`
	dayWords   = `(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`
	numberWord = `(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundreds?|thousands?|millions?|billions?|half|quarter)\b`

	answerPatterns = map[qtype]*regexp.Regexp{
		qtypeDate:     regexp.MustCompile(`\b(?:` + monthWords + `|` + dayWords + `|(?:1[89]|20)\d\d\b|(?:last|next|this) (?:week|month|year)|yesterday|today|since\b)`),
		qtypeQuantity: regexp.MustCompile(`(?:\d|\b` + numberWord + `|%|\bper ?cent\b)`),
		qtypePlace:    regexp.MustCompile(`\b(?:in|at|near|to|from|through|via|by|between) (?:the )?\p{Lu}\p{L}+`),
		qtypeAgent:    regexp.MustCompile(`\b(?:\p{Lu}\p{Ll}+[ -]\p{Lu}\p{Ll}+|\p{Lu}{2,}\b|(?:president|spokesman|spokesperson|analyst|scientist|minister|agency|company|companies|corporation|office|leader)s?\b)`),
		qtypeReason:   regexp.MustCompile(`\b(?:because|due to|given|as a|so that|in order to|to (?:protect|attract|present|process|assert|advance|foster|strengthen)|wanting|goal|aim|needs?)\b`),
	}
)

// answerKinds are the alias kinds that answer a question type: a passage
// naming a person, country or organisation the question does not name
// answers "who".
var answerKinds = map[qtype][]string{
	qtypeAgent: {corpus.AliasPeople, corpus.AliasCountries, corpus.AliasOrganisations, corpus.AliasRoles},
	qtypePlace: {corpus.AliasPlaces, corpus.AliasCountries},
}

// holdsAnswer reports whether a passage holds an answer of kind t: its text
// matches the kind's pattern outside the words that matched the question,
// or it names an alias group of an answering kind that the question does
// not (has: the passage's groups; asked: the question's).
func (ix *Index) holdsAnswer(t qtype, text string, matched []Span, has, asked map[int]bool) bool {
	if holdsPattern(t, text, matched) {
		return true
	}
	for g := range has {
		if asked[g] {
			continue
		}
		for _, k := range answerKinds[t] {
			if ix.aliases.kinds[g] == k {
				return true
			}
		}
	}
	return false
}

// holdsPattern reports whether text matches the answer pattern of kind t
// outside the byte ranges that matched the question.
func holdsPattern(t qtype, text string, matched []Span) bool {
	re, ok := answerPatterns[t]
	if !ok {
		return false
	}
	for _, loc := range re.FindAllStringIndex(text, -1) {
		inside := false
		for _, s := range matched {
			if loc[0] >= s.Start && loc[1] <= s.End {
				inside = true
				break
			}
		}
		if !inside {
			return true
		}
	}
	return false
}
