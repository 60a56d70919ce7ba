package index

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
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
	qtypeName           // what treaty, which railway: a thing named
)

func (t qtype) String() string {
	return [...]string{"none", "date", "place", "quantity", "agent", "reason", "name"}[t]
}

// Question patterns, tried in order on the lower-cased question.
var qtypePatterns = []struct {
	re *regexp.Regexp
	t  qtype
}{
	{regexp.MustCompile(`\b(how (many|much|long|far|tall|big|large|high|old|often)|what (percentage|percent|per cent|share|proportion|fraction|number|amount)|what (was|is|were) the (total|value|cost|price|length)|what (was|is|were|are) .+ worth)\b`), qtypeQuantity},
	{regexp.MustCompile(`\b(when|since when|what (year|date|day|month|time)|which (year|date|day|month))\b`), qtypeDate},
	{regexp.MustCompile(`\b(where|(in|at|to|from|through) (which|what) (town|city|country|place|building|venue|region|lake|province|mountains?)|which (towns?|cit(y|ies)|places?|buildings?|venues?|regions?))\b`), qtypePlace},
	{regexp.MustCompile(`\b(who|whom|whose|which ((two|three|four|five|six|seven|\d+) )?(heads? of (state|government)|presidents?|ministers?|spokes(man|men|person|woman)|compan(y|ies)|firms?|agenc(y|ies)|organi[sz]ations?|persons?|people|officials?|leaders?|analysts?|countr(y|ies)|nations?|partners?|powers?|news agency|outlets?|states?))\b`), qtypeAgent},
	{regexp.MustCompile(`\b(why|for what reason|what for)\b`), qtypeReason},
}

// whatNoun finds the noun of "what treaty ...", "which railway ...".
var whatNoun = regexp.MustCompile(`\b(?:what|which)\s+(?:kind of\s+|type of\s+|sort of\s+)?([a-z][a-z-]{2,})\b`)

// nameOf finds the noun of "the (full, official) name of the treaty".
var nameOf = regexp.MustCompile(`\bname of (?:the |this |that )?([a-z][a-z-]{2,})\b`)

// singular drops a plural "s" ("railways" → "railway").
func singular(noun string) string {
	if len(noun) > 3 && strings.HasSuffix(noun, "s") && !strings.HasSuffix(noun, "ss") {
		return noun[:len(noun)-1]
	}
	return noun
}

// notNouns are words after "what"/"which" that ask nothing of a name.
var notNouns = map[string]bool{
	"is": true, "was": true, "were": true, "are": true, "did": true, "does": true, "do": true,
	"has": true, "have": true, "had": true, "will": true, "would": true, "can": true, "could": true,
	"should": true, "about": true, "the": true, "kind": true, "sort": true, "type": true, "role": true,
}

// kind is what a question asks for: a type, for qtypeName the noun whose
// name is wanted, and for some types a narrower answer (sub): "how long is"
// wants a length, "how much" a sum, "what day of the week" a weekday,
// "which company" an organisation.
type kind struct {
	t    qtype
	noun string
	sub  string
	// lead: the question opens with its question words ("When did ...",
	// "Tell me how many ..."), rather than holding them inside ("does
	// China skip procedures when funding projects?").
	lead bool
	// plural: the question asks for several people, countries or
	// organisations ("Which countries took part?").
	plural bool
	// says: the question asks about something said ("When did Peskov make
	// his remarks?"). Otherwise the date of a report is not the date of
	// what it reports: "Kazakhstan said last week that Russia would build
	// it" does not say when it will be built.
	says bool
}

// saying finds a question about something said.
var saying = regexp.MustCompile(`\b(?:say|says|said|tell|told|announce[ds]?|remarks?|comments?|statements?|reports?|reported|speak|spoke|declared?|added|quoted?)\b`)

// reportDate finds a date that tells when something was said: "said last
// week", "announced on Tuesday".
var reportDate = regexp.MustCompile(`\b(?:said|says|announced|reported|added|stated|declared|told \p{Lu}\p{L}+)\s+(?:on\s+|in\s+)?(?:(?:last|this|next) (?:week|month|year)|yesterday|today|` + dayWords + `|\d{1,2} ` + monthWords + `|` + monthWords + `)`)

// blankReportDates blanks out, keeping byte offsets, the dates in text that
// tell when something was said.
func blankReportDates(text string) string {
	return reportDate.ReplaceAllStringFunc(text, func(m string) string { return strings.Repeat(" ", len(m)) })
}

// strict reports whether a question of kind k is answered only by a
// passage holding an answer of that kind: a number for "how many", a date
// for "when", a length for "how long is". (A person, a place or a reason
// may be said in words no pattern knows.)
func (k kind) strict() bool {
	return k.lead && (k.t == qtypeQuantity || k.t == qtypeDate)
}

// leadWords may come before a question's question words without making
// them part of a clause: requests, greetings, prepositions.
var leadWords = map[string]bool{
	"and": true, "so": true, "but": true, "then": true, "ok": true, "okay": true, "hey": true, "hi": true,
	"please": true, "tell": true, "me": true, "us": true, "can": true, "could": true, "you": true,
	"do": true, "does": true, "anyone": true, "know": true, "i": true, "wonder": true, "want": true,
	"to": true, "in": true, "on": true, "at": true, "by": true, "from": true, "since": true, "until": true,
}

// leads reports whether only lead words come before byte offset i of the
// lower-cased question q.
func leads(q string, i int) bool {
	for _, w := range strings.FieldsFunc(q[:i], func(r rune) bool { return !unicode.IsLetter(r) }) {
		if !leadWords[w] {
			return false
		}
	}
	return true
}

// Narrower answers, read from the question after its type.
var subPatterns = []struct {
	t   qtype
	re  *regexp.Regexp
	sub string
}{
	{qtypeQuantity, regexp.MustCompile(`\bhow (long (is|was|are|were|will)|far)\b|\b(length|distance)\b`), "length"},
	{qtypeQuantity, regexp.MustCompile(`\bhow long\b`), "duration"},
	{qtypeQuantity, regexp.MustCompile(`\bby how much\b`), "change"},
	{qtypeQuantity, regexp.MustCompile(`\bhow old\b|\bwhat age\b`), "age"},
	{qtypeQuantity, regexp.MustCompile(`\bhow much\b|\b(cost|price|value|worth|sum|amount)\b`), "money"},
	{qtypeQuantity, regexp.MustCompile(`\bhow often\b`), "often"},
	{qtypeDate, regexp.MustCompile(`\b(day of the week|weekday|what day|which day)\b`), "weekday"},
	{qtypePlace, regexp.MustCompile(`\b(which|what) (buildings?|venues?|halls?|palaces?)\b|\bwhere (in|inside|within) `), "building"},
	{qtypeAgent, regexp.MustCompile(`\bwhich (compan(y|ies)|firms?|corporations?|organi[sz]ations?|agenc(y|ies)|news agency|outlets?)\b`), "organisation"},
	{qtypeAgent, regexp.MustCompile(`\bwhich ((two|three|four|five|six|seven|\d+) )?(countr(y|ies)|nations?|states?|powers?)\b`), "country"},
}

// subAnswers are the answer patterns of the narrower answers; subKinds the
// alias kinds that answer them (none: the pattern alone decides).
var (
	subAnswers = map[string]*regexp.Regexp{
		"length":       regexp.MustCompile(`\d[\d,.]*\s*(?:km|kilometres?|kilometers?|miles?|metres?|meters?)\b`),
		"duration":     regexp.MustCompile(`(?:\d[\d,.]*|\b` + numberWord + `)[\s-]*(?:years?|months?|weeks?|days?|hours?|decades?)\b|\bsince\b`),
		"change":       regexp.MustCompile(`\d[\d,.]*\s*(?:%|per ?cent|percent|times|fold)|\b(?:doubled|tripled|halved|(?:up|down) from|(?:rose|grew|increased|fell|dropped|declined) by)\b`),
		"age":          regexp.MustCompile(`\b\d+[- ]years?[- ]old\b|\baged \d+|\bage (?:of )?\d+|\bborn (?:in|on) `),
		"money":        regexp.MustCompile(`[$€£]\s?\d|\d[\d,.]*\s*(?:yuan|dollars?|euros?|billion|million)\b`),
		"often":        regexp.MustCompile(`\b(?:every|each (?:year|month|week)|annual(?:ly)?|biennial|twice|once a)\b`),
		"weekday":      regexp.MustCompile(`\b` + dayWords),
		"building":     regexp.MustCompile(`\b\p{Lu}\p{L}+ (?:Palace|Hall|Cent(?:re|er)|Building|Tower|Stadium|Hotel|House|Arena|Square)\b|\b(?:Palace|Hall|House) of \p{Lu}`),
		"organisation": regexp.MustCompile(`\b\p{Lu}{2,}\b|\b(?:company|companies|corporation|group|firm|agency)\b`),
	}
	subKinds = map[string][]string{
		"organisation": {corpus.AliasOrganisations},
		"country":      {corpus.AliasCountries},
	}
)

// questionKind reads the kind of answer a question asks for.
func questionKind(q string) kind {
	q = strings.ToLower(q)
	for _, p := range qtypePatterns {
		if loc := p.re.FindStringIndex(q); loc != nil {
			k := kind{t: p.t, lead: leads(q, loc[0]), says: saying.MatchString(q), plural: pluralAgent.MatchString(q)}
			for _, sp := range subPatterns {
				if sp.t == p.t && sp.re.MatchString(q) {
					k.sub = sp.sub
					break
				}
			}
			return k
		}
	}
	if m := nameOf.FindStringSubmatch(q); m != nil {
		return kind{t: qtypeName, noun: singular(m[1])}
	}
	if m := whatNoun.FindStringSubmatch(q); m != nil && !notNouns[m[1]] {
		return kind{t: qtypeName, noun: singular(m[1])}
	}
	return kind{}
}

// holdsName reports whether text names a thing of the noun: the noun
// capitalised inside the sentence ("a Treaty on ..."), or right after a
// capitalised word ("the China-Tajikistan highway").
func holdsName(text, noun string) bool {
	lower := strings.ToLower(text)
	for off := 0; ; {
		i := strings.Index(lower[off:], noun)
		if i < 0 {
			return false
		}
		i += off
		off = i + len(noun)
		if i > 0 && isWordByte(lower[i-1]) {
			continue
		}
		before := strings.TrimRight(text[:i], " \"'“‘(")
		if before == "" || strings.HasSuffix(before, ".") {
			continue // sentence start: capitals say nothing
		}
		if text[i] >= 'A' && text[i] <= 'Z' {
			return true
		}
		word := before[strings.LastIndexAny(before, " \"'“‘(")+1:]
		if r := []rune(word); len(r) > 0 && unicode.IsUpper(r[0]) && !strings.HasSuffix(word, ".") {
			return true
		}
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
}

// Answer patterns: a passage holds an answer of a kind when one of these
// matches its text outside the words the question already holds.
var (
	monthWords = `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b`
	dayWords   = `(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`
	numberWord = `(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundreds?|thousands?|millions?|billions?|half|quarter)\b`

	answerPatterns = map[qtype]*regexp.Regexp{
		qtypeDate:     regexp.MustCompile(`\b(?:` + monthWords + `|` + dayWords + `|(?:1[89]|20)\d\d\b|(?:last|next|this) (?:week|month|year)|yesterday|today|since\b)`),
		qtypeQuantity: regexp.MustCompile(`(?:\d|\b` + numberWord + `|%|\bper ?cent\b)`),
		qtypePlace:    regexp.MustCompile(`\b(?:in|at|near|to|from|through|via|by|between) (?:the )?(\p{Lu}\p{L}+)`),
		qtypeAgent:    regexp.MustCompile(`\b(?:\p{Lu}\p{Ll}+[ -]\p{Lu}\p{Ll}+|\p{Lu}{2,}\b|(?:president|spokesman|spokesperson|analyst|scientist|minister|agency|company|companies|corporation|office|leader)s?\b)`),
		qtypeReason:   regexp.MustCompile(`\b(?:because|due to|given|as a|so that|in order to|to (?:protect|attract|present|process|assert|advance|foster|strengthen)|wanting|goal|aim|needs?)\b`),
	}
)

// answerKinds are the alias kinds that answer a question type: a passage
// naming a person, country or organisation the question does not name
// answers "who".
var answerKinds = map[qtype][]string{
	qtypeAgent: {corpus.AliasPeople, corpus.AliasCountries, corpus.AliasOrganisations, corpus.AliasRoles},
	// Countries answer "where" through the place pattern ("in Kazakhstan"):
	// a country named as a subject ("Russia would lead") is no place.
	qtypePlace: {corpus.AliasPlaces},
}

// holdsAnswer reports whether a passage holds an answer of kind t: its text
// matches the kind's pattern outside the words that matched the question,
// or it names an alias group of an answering kind that the question does
// not (has reads the passage's groups; asked: the question's).
func (ix *Index) holdsAnswer(k kind, text string, matched []Span, has func() map[int]bool, asked map[int]bool) bool {
	if k.inText(text, matched) {
		return k.t != qtypeQuantity || k.sub != "" && k.sub != "money" && k.sub != "change" || ix.numberAbout(k, text, asked)
	}
	kinds := answerKinds[k.t]
	if k.sub != "" {
		kinds = subKinds[k.sub]
	}
	if len(kinds) == 0 {
		return false
	}
	for g := range has() {
		if asked[g] {
			continue
		}
		for _, kind := range kinds {
			if ix.aliases.kinds[g] == kind {
				return true
			}
		}
	}
	return false
}

// numberAbout reports whether text holds a number in a sentence that is
// not about a country or person the question does not name: "Kazakhstan
// was China's largest partner, with trade of $43.8 billion" does not say
// what China–Central Asia trade was; "Trade between China and the five
// Central Asian states was $94.8 billion" does. A sentence is about the
// names that open it, and answers if one of them is the question's. Only
// counts and sums are read so ("how often", "how long" are not).
func (ix *Index) numberAbout(k kind, text string, asked map[int]bool) bool {
	for _, s := range Sentences(text) {
		if !k.inText(s, nil) {
			continue
		}
		opening := leadingNames(s)
		other, own := false, false
		for _, m := range ix.aliases.find(opening, analyse(ix.analyzer, opening)) {
			kind := ix.aliases.kinds[m.group]
			own = own || asked[m.group]
			other = other || kind == corpus.AliasCountries || kind == corpus.AliasPeople
		}
		if own || !other {
			return true
		}
	}
	return false
}

// leadingNames returns the capitalised words that open a sentence
// ("Kazakh President Kassym-Jomart Tokayev said ..." gives all but "said").
func leadingNames(s string) string {
	end := 0
	for _, loc := range wordSpans.FindAllStringIndex(s, -1) {
		r, _ := utf8.DecodeRuneInString(s[loc[0]:])
		if !unicode.IsUpper(r) {
			break
		}
		end = loc[1]
	}
	return s[:end]
}

// inText reports whether text holds an answer of kind k by its words alone
// (outside the byte ranges that matched the question): a named thing, or a
// match of the kind's pattern, the narrower one when there is one.
func (k kind) inText(text string, matched []Span) bool {
	if k.t == qtypeName {
		return holdsName(text, k.noun)
	}
	if k.t == qtypeDate && !k.says {
		text = blankReportDates(text)
	}
	re, ok := answerPatterns[k.t]
	if k.sub != "" {
		re, ok = subAnswers[k.sub]
	}
	return ok && matchOutside(re, text, matched)
}

// matchOutside reports whether re matches text outside the byte ranges
// that matched the question. A pattern with a group names the answer
// itself ("in (Kananaskis)"): only the group must lie outside them.
func matchOutside(re *regexp.Regexp, text string, matched []Span) bool {
	answer := func(m []int) []int {
		if len(m) >= 4 && m[2] >= 0 {
			return m[2:4]
		}
		return m[:2]
	}
	// Most often the first match is already outside: look for all only
	// when it is not.
	first := re.FindStringSubmatchIndex(text)
	if first == nil {
		return false
	}
	if !insideAny(answer(first), matched) {
		return true
	}
	for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
		if !insideAny(answer(m), matched) {
			return true
		}
	}
	return false
}

// insideAny reports whether the byte range loc lies inside one of spans.
func insideAny(loc []int, spans []Span) bool {
	for _, s := range spans {
		if loc[0] >= s.Start && loc[1] <= s.End {
			return true
		}
	}
	return false
}

// pluralAgent finds a question asking for several people, countries or
// organisations.
var pluralAgent = regexp.MustCompile(`\b(?:which|what) (?:(?:two|three|four|five|six|seven|\d+) )?(?:countries|nations|states|leaders|presidents|companies|firms|organi[sz]ations|powers|partners)\b`)

// listAnswers is how many answers make a passage a list.
const listAnswers = 3

// answerCount counts the alias groups of an answering kind that a passage
// names and the question does not.
func (ix *Index) answerCount(k kind, has, asked map[int]bool) int {
	kinds := answerKinds[k.t]
	if k.sub != "" {
		kinds = subKinds[k.sub]
	}
	n := 0
	for g := range has {
		if !asked[g] && slices.Contains(kinds, ix.aliases.kinds[g]) {
			n++
		}
	}
	return n
}

// hintWords are words that often hold an answer of a narrow kind: a
// building's name ends in one. A question of that kind also searches them,
// as much as one of its own terms, so that the passage naming "the
// Independence Palace" is among the candidates even when many passages hold
// the question's words; a passage holding only hint words is not shown.
var hintWords = map[string]string{
	"building": "palace hall centre center tower stadium hotel arena square",
}

// hintBoost is the weight of a hint word against a question term.
const hintBoost = 1.0

// answerHints returns the analysed hint words of a question's kind.
func (ix *Index) answerHints(k kind) []string {
	if w, ok := hintWords[k.sub]; ok {
		return analyse(ix.analyzer, w)
	}
	return nil
}

// withHints adds to a query's clauses weak term queries for hint words. A
// passage matching only them holds none of the question and is not shown
// (see rank).
func withHints(clauses []*query.TermQuery, hints []string) []*query.TermQuery {
	for _, h := range hints {
		tq := bleve.NewTermQuery(h)
		tq.SetField(fieldText)
		tq.SetBoost(hintBoost)
		clauses = append(clauses, tq)
	}
	return clauses
}
