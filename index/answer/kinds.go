package answer

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/lang"
	"github.com/summitbot/summitbot/index/reading"
)

// Whether a text holds an answer of the kind a question asks for: a date
// for "when", a number for "how many", a person or country the question
// does not name for "who". These are inputs of the ranker, not gates.

var (
	monthWords = `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b`
	dayWords   = `(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`
	numberWord = `(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundreds?|thousands?|millions?|billions?|half|quarter)\b`

	// typeAnswers match an answer of each type.
	typeAnswers = map[reading.Type]*regexp.Regexp{
		reading.Date:     regexp.MustCompile(`\b(?:` + monthWords + `|` + dayWords + `|(?:1[89]|20)\d\d\b|(?:last|next|this) (?:week|month|year)|yesterday|today|since\b)`),
		reading.Quantity: regexp.MustCompile(`(?:\d|\b` + numberWord + `|%|\bper ?cent\b)`),
		reading.Place:    regexp.MustCompile(`\b(?:in|at|near|to|from|through|via|by|between) (?:the )?(\p{Lu}\p{L}+)`),
		reading.Agent:    regexp.MustCompile(`\b(?:\p{Lu}\p{Ll}+[ -]\p{Lu}\p{Ll}+|\p{Lu}{2,}\b|(?:president|spokesman|spokesperson|analyst|scientist|minister|agency|company|companies|corporation|office|leader)s?\b)`),
		reading.Reason:   regexp.MustCompile(`\b(?:because|due to|given|as a|so that|in order to|to (?:protect|attract|present|process|assert|advance|foster|strengthen)|wanting|goal|aim|needs?)\b`),
	}
	// subAnswers match the narrower answers.
	subAnswers = map[string]*regexp.Regexp{
		reading.SubLength:       regexp.MustCompile(`\d[\d,.]*\s*(?:km|kilometres?|kilometers?|miles?|metres?|meters?)\b`),
		reading.SubDuration:     regexp.MustCompile(`(?:\d[\d,.]*|\b` + numberWord + `)[\s-]*(?:years?|months?|weeks?|days?|hours?|decades?)\b|\bsince\b`),
		reading.SubChange:       regexp.MustCompile(`\d[\d,.]*\s*(?:%|per ?cent|percent|times|fold)|\b(?:doubled|tripled|halved|(?:up|down) from|(?:rose|grew|increased|fell|dropped|declined) by)\b`),
		reading.SubAge:          regexp.MustCompile(`\b\d+[- ]years?[- ]old\b|\baged \d+|\bage (?:of )?\d+|\bborn (?:in|on) `),
		reading.SubMoney:        regexp.MustCompile(`[$€£]\s?\d|\d[\d,.]*\s*(?:yuan|dollars?|euros?|billion|million)\b`),
		reading.SubOften:        regexp.MustCompile(`\b(?:every|each (?:year|month|week)|annual(?:ly)?|biennial|twice|once a)\b`),
		reading.SubWeekday:      regexp.MustCompile(`\b` + dayWords),
		reading.SubDay:          regexp.MustCompile(`\b(?:` + dayWords + `|\d{1,2}(?:[–-]\d{1,2})? ` + monthWords + `|` + monthWords + ` \d{1,2}\b)`),
		reading.SubBuilding:     regexp.MustCompile(`\b\p{Lu}\p{L}+ (?:Palace|Hall|Cent(?:re|er)|Building|Tower|Stadium|Hotel|House|Arena|Square|University)\b|\b(?:Palace|Hall|House) of \p{Lu}`),
		reading.SubOrganisation: regexp.MustCompile(`\b\p{Lu}{2,}\b|\b(?:company|companies|corporation|group|firm|agency)\b`),
	}
	// reportDate finds a date that tells when something was said: "said
	// last week", "announced on Tuesday".
	reportDate = regexp.MustCompile(`\b(?:said|says|announced|reported|added|stated|declared|told \p{Lu}\p{L}+)\s+(?:on\s+|in\s+)?(?:(?:last|this|next) (?:week|month|year)|yesterday|today|` + dayWords + `|\d{1,2} ` + monthWords + `|` + monthWords + `)`)
)

// answerKinds are the alias kinds that answer a question type: a passage
// naming a person, country or organisation the question does not name
// answers "who". Countries answer "where" through the place pattern ("in
// Kazakhstan"): a country named as a subject ("Russia would lead") is no
// place.
var answerKinds = map[reading.Type][]string{
	reading.Agent: {corpus.AliasPeople, corpus.AliasCountries, corpus.AliasOrganisations, corpus.AliasRoles},
	reading.Place: {corpus.AliasPlaces},
}

// subKinds are the alias kinds that answer a narrower answer.
var subKinds = map[string][]string{
	reading.SubOrganisation: {corpus.AliasOrganisations},
	reading.SubCountry:      {corpus.AliasCountries},
}

// kinds says whether texts hold answers of a question's kind.
type kinds struct {
	al    *lang.Aliases
	terms func(string) []string
	k     reading.Kind
	asked map[int]bool // the question's alias groups
	seen  *kindCache   // nil: nothing kept
}

// kindCache keeps what the answer patterns found in the texts read
// lately, which depends on the text alone (the question's spans are
// applied after): the same passages answer many questions, and the
// patterns cost more than the rest of a passage's features.
type kindCache struct {
	answers  *ring[patternKey, [][2]int]
	openings *ring[string, []int]
}

// patternKey is a pattern run over a text, with the dates of reports
// blanked first or not.
type patternKey struct {
	re      *regexp.Regexp
	text    string
	reports bool
}

// kindCacheSize bounds the texts (passages and their sentences) kept
// per pattern and for their openings.
const kindCacheSize = 16384

func newKindCache() *kindCache {
	return &kindCache{answers: newRing[patternKey, [][2]int](kindCacheSize), openings: newRing[string, []int](kindCacheSize)}
}

// answerSpans returns the byte ranges where re finds an answer in text
// (its group, when it has one: "in (Kananaskis)"), the dates of reports
// ("said last week") blanked first when blank is set.
func (c *kindCache) answerSpans(re *regexp.Regexp, text string, blank bool) [][2]int {
	find := func() [][2]int {
		t := text
		if blank {
			t = reportDate.ReplaceAllStringFunc(t, func(m string) string { return strings.Repeat(" ", len(m)) })
		}
		var out [][2]int
		for _, m := range re.FindAllStringSubmatchIndex(t, -1) {
			if len(m) >= 4 && m[2] >= 0 {
				out = append(out, [2]int{m[2], m[3]})
			} else {
				out = append(out, [2]int{m[0], m[1]})
			}
		}
		return out
	}
	if c == nil {
		return find()
	}
	return c.answers.get(patternKey{re: re, text: text, reports: blank}, find)
}

// openingGroups returns the alias groups named by the capitalised words
// that open sentence s, in the order found.
func (c *kindCache) openingGroups(s string, al *lang.Aliases, terms func(string) []string) []int {
	find := func() []int {
		opening := leadingNames(s)
		var out []int
		for _, m := range al.Find(opening, terms(opening)) {
			out = append(out, m.Group)
		}
		return out
	}
	if c == nil {
		return find()
	}
	return c.openings.get(s, find)
}

// holds reports whether text holds an answer of the question's kind: it
// matches the kind's pattern outside the byte ranges that matched the
// question, or names an alias group of an answering kind that the question
// does not (has: the groups the text holds).
func (ks kinds) holds(text string, matched []Span, has map[int]bool) bool {
	k := ks.k
	if k.Type == reading.None {
		return false
	}
	if ks.inText(text, matched) {
		return k.Type != reading.Quantity || k.Sub != "" && k.Sub != reading.SubMoney && k.Sub != reading.SubChange || ks.numberAbout(text)
	}
	return ks.answerCount(has) > 0
}

// answerCount counts the alias groups of an answering kind that a text
// names and the question does not.
func (ks kinds) answerCount(has map[int]bool) int {
	want := answerKinds[ks.k.Type]
	if ks.k.Sub != "" {
		want = subKinds[ks.k.Sub]
	}
	n := 0
	for g := range has {
		if !ks.asked[g] && slices.Contains(want, ks.al.Kind(g)) {
			n++
		}
	}
	return n
}

// inText reports whether text holds an answer of the kind by its words
// alone (outside the byte ranges that matched the question): a named
// thing, or a match of the kind's pattern, the narrower one when there is
// one. The date of a report ("said last week that it would build") is no
// date of what it reports, unless the question asks about something said.
func (ks kinds) inText(text string, matched []Span) bool {
	k := ks.k
	if k.Type == reading.Named {
		return holdsName(text, k.Noun)
	}
	re, ok := typeAnswers[k.Type]
	if k.Sub != "" {
		re, ok = subAnswers[k.Sub]
	}
	return ok && anyOutside(ks.seen.answerSpans(re, text, k.Type == reading.Date && !k.Says), matched)
}

// numberAbout reports whether text holds a number in a sentence that is
// not about a country or person the question does not name: "Kazakhstan
// was China's largest partner, with trade of $43.8 billion" does not say
// what China–Central Asia trade was. A sentence is about the names that
// open it, and answers if one of them is the question's.
func (ks kinds) numberAbout(text string) bool {
	for _, s := range lang.Sentences(text) {
		if !ks.inText(s, nil) {
			continue
		}
		other, own := false, false
		for _, g := range ks.seen.openingGroups(s, ks.al, ks.terms) {
			kind := ks.al.Kind(g)
			own = own || ks.asked[g]
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

// wordSpans finds words.
var wordSpans = regexp.MustCompile(`[\p{L}\p{N}]+`)

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

// anyOutside reports whether one of the answers (byte ranges) lies
// outside the byte ranges that matched the question.
func anyOutside(answers [][2]int, matched []Span) bool {
	for _, a := range answers {
		if !insideAny(a, matched) {
			return true
		}
	}
	return false
}

// insideAny reports whether the byte range loc lies inside one of spans.
func insideAny(loc [2]int, spans []Span) bool {
	for _, s := range spans {
		if loc[0] >= s.Start && loc[1] <= s.End {
			return true
		}
	}
	return false
}

// hintWords are words that often hold an answer of a narrow kind: a
// building's name ends in one. A question of that kind also searches them,
// so that the passage naming "the Independence Palace" is among the
// candidates.
var hintWords = map[string]string{
	reading.SubBuilding: "palace hall centre center tower stadium hotel arena square university",
}
