package reading

import (
	"regexp"
	"strings"
	"unicode"
)

// Type is the kind of answer a question asks for, read from its question
// words (which analysis drops as stop words).
type Type int

// Answer types.
const (
	None     Type = iota
	Date          // when, what year, which day
	Place         // where, in which city
	Quantity      // how many, how much, how long, what percentage
	Agent         // who, which company, which agency
	Reason        // why
	Named         // what treaty, which railway: a thing named
)

func (t Type) String() string {
	return [...]string{"none", "date", "place", "quantity", "agent", "reason", "name"}[t]
}

// Kind is what a question asks for: a type, for Named the noun whose name
// is wanted, and for some types a narrower answer (Sub): "how long is" wants
// a length, "how much" a sum, "what day" a day of a month or of the week,
// "what day of the week" a weekday, "which company" an organisation.
type Kind struct {
	Type Type
	Noun string
	Sub  string
	// Lead: the question opens with its question words ("When did ...",
	// "Tell me how many ..."), rather than holding them inside ("does
	// China skip procedures when funding projects?").
	Lead bool
	// Plural: the question asks for several people, countries or
	// organisations ("Which countries took part?").
	Plural bool
	// Says: the question asks about something said ("When did Peskov make
	// his remarks?"). Otherwise the date of a report is not the date of
	// what it reports.
	Says bool
}

// Strict reports whether a question of kind k is answered only by a
// passage holding an answer of that kind: a number for "how many", a date
// for "when". (A person, a place or a reason may be said in words no
// pattern knows.)
func (k Kind) Strict() bool {
	return k.Lead && (k.Type == Quantity || k.Type == Date)
}

// Narrower answers.
const (
	SubLength       = "length"
	SubDuration     = "duration"
	SubChange       = "change"
	SubAge          = "age"
	SubMoney        = "money"
	SubOften        = "often"
	SubWeekday      = "weekday"
	SubDay          = "day"
	SubBuilding     = "building"
	SubOrganisation = "organisation"
	SubCountry      = "country"
)

// Question patterns, tried in order on the lower-cased question.
var typePatterns = []struct {
	re *regexp.Regexp
	t  Type
}{
	{regexp.MustCompile(`\b(how (many|much|long|far|tall|big|large|high|old|often)|what (percentage|percent|per cent|share|proportion|fraction|number|amount)|what (was|is|were) (the )?(total|value|cost|price|length)|what (was|is|were|are) .+ worth)\b`), Quantity},
	{regexp.MustCompile(`\b(when|since when|what (year|date|day|month|time)|which (year|date|day|month))\b`), Date},
	{regexp.MustCompile(`\b(where|(in|at|to|from|through) (which|what) (town|city|country|place|building|venue|region|lake|province|mountains?)|which (towns?|cit(y|ies)|places?|buildings?|venues?|regions?))\b`), Place},
	{regexp.MustCompile(`\b(who|whom|whose|which ((two|three|four|five|six|seven|\d+) )?(heads? of (state|government)|presidents?|ministers?|spokes(man|men|person|woman)|compan(y|ies)|firms?|agenc(y|ies)|organi[sz]ations?|persons?|people|officials?|leaders?|analysts?|countr(y|ies)|nations?|partners?|powers?|news agency|outlets?|states?))\b`), Agent},
	{regexp.MustCompile(`\b(why|for what reason|what for)\b`), Reason},
}

// Narrower answers, read from the question after its type.
var subPatterns = []struct {
	t   Type
	re  *regexp.Regexp
	sub string
}{
	{Quantity, regexp.MustCompile(`\bhow (long (is|was|are|were|will)|far)\b|\b(length|distance)\b`), SubLength},
	{Quantity, regexp.MustCompile(`\bhow long\b`), SubDuration},
	{Quantity, regexp.MustCompile(`\bby how much\b`), SubChange},
	{Quantity, regexp.MustCompile(`\bhow old\b|\bwhat age\b`), SubAge},
	{Quantity, regexp.MustCompile(`\bhow much\b|\b(cost|price|value|worth|sum|amount)\b`), SubMoney},
	{Quantity, regexp.MustCompile(`\bhow often\b`), SubOften},
	{Date, regexp.MustCompile(`\b(day of the week|weekday)\b`), SubWeekday},
	{Date, regexp.MustCompile(`\b(what day|which day)\b`), SubDay},
	{Place, regexp.MustCompile(`\b(which|what) (buildings?|venues?|halls?|palaces?)\b|\bwhere (in|inside|within) `), SubBuilding},
	{Agent, regexp.MustCompile(`\bwhich (compan(y|ies)|firms?|corporations?|organi[sz]ations?|agenc(y|ies)|news agency|outlets?)\b`), SubOrganisation},
	{Agent, regexp.MustCompile(`\bwhich ((two|three|four|five|six|seven|\d+) )?(countr(y|ies)|nations?|states?|powers?)\b`), SubCountry},
}

var (
	// whatNoun finds the noun of "what treaty ...", "which railway ...".
	whatNoun = regexp.MustCompile(`\b(?:what|which)\s+(?:kind of\s+|type of\s+|sort of\s+)?([a-z][a-z-]{2,})\b`)
	// nameOf finds the noun of "the (full, official) name of the treaty".
	nameOf = regexp.MustCompile(`\bname of (?:the |this |that )?([a-z][a-z-]{2,})\b`)
	// saying finds a question about something said.
	saying = regexp.MustCompile(`\b(?:say|says|said|tell|told|announce[ds]?|remarks?|comments?|statements?|reports?|reported|speak|spoke|declared?|added|quoted?)\b`)
	// pluralAgent finds a question asking for several people, countries
	// or organisations.
	pluralAgent = regexp.MustCompile(`\b(?:which|what) (?:(?:two|three|four|five|six|seven|\d+) )?(?:countries|nations|states|leaders|presidents|companies|firms|organi[sz]ations|powers|partners)\b`)
)

// notNouns are words after "what"/"which" that ask nothing of a name.
var notNouns = map[string]bool{
	"is": true, "was": true, "were": true, "are": true, "did": true, "does": true, "do": true,
	"has": true, "have": true, "had": true, "will": true, "would": true, "can": true, "could": true,
	"should": true, "about": true, "the": true, "kind": true, "sort": true, "type": true, "role": true,
}

// ReadKind reads the kind of answer a question asks for.
func ReadKind(q string) Kind {
	q = strings.ToLower(q)
	for _, p := range typePatterns {
		if loc := p.re.FindStringIndex(q); loc != nil {
			k := Kind{Type: p.t, Lead: leads(q, loc[0]) || trails(q, loc[1]), Says: saying.MatchString(q), Plural: pluralAgent.MatchString(q)}
			for _, sp := range subPatterns {
				if sp.t == p.t && sp.re.MatchString(q) {
					k.Sub = sp.sub
					break
				}
			}
			return k
		}
	}
	if m := nameOf.FindStringSubmatch(q); m != nil {
		return Kind{Type: Named, Noun: singular(m[1])}
	}
	if m := whatNoun.FindStringSubmatch(q); m != nil && !notNouns[m[1]] {
		return Kind{Type: Named, Noun: singular(m[1])}
	}
	return Kind{}
}

// singular drops a plural "s" ("railways" → "railway").
func singular(noun string) string {
	if len(noun) > 3 && strings.HasSuffix(noun, "s") && !strings.HasSuffix(noun, "ss") {
		return noun[:len(noun)-1]
	}
	return noun
}

// leadWords may come before a question's question words without making
// them part of a clause: requests, greetings, prepositions.
var leadWords = map[string]bool{
	"and": true, "so": true, "but": true, "then": true, "ok": true, "okay": true, "hey": true, "hi": true,
	"please": true, "tell": true, "me": true, "us": true, "can": true, "could": true, "you": true,
	"do": true, "does": true, "anyone": true, "know": true, "i": true, "wonder": true, "want": true,
	"to": true, "in": true, "on": true, "at": true, "by": true, "from": true, "since": true, "until": true,
	"for": true, "of": true, "about": true, "exactly": true, "roughly": true, "approximately": true, "just": true,
	"yo": true, "hello": true, "bot": true, "lol": true, "ya": true, "guys": true, "pls": true,
}

// trails reports whether the question words end the question, after a
// bare subject ("railway done by when", "nuclear plant cost how much").
func trails(q string, end int) bool {
	return strings.Trim(q[end:], " ?!.") == "" && len(strings.Fields(q)) <= 8
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

// typeWords are a question's words that name the kind of its answer, not
// its subject: "how long" (not "long-term"), "in which building" (not
// "build"), "what year", "the full official name"; and "take place",
// which only asks that something happened. They are not searched.
var typeWords = regexp.MustCompile(`(?i)\b(?:take|took|takes|taking|taken) place\b|\b(?:full|official|exact|complete|proper|formal) (?:(?:full|official|exact|complete|proper|formal) )?(?:name|title)\b|\bwhat(?:'s| is| was| were| are) the (?:total )?(?:(?:value|amount|number|sum|size|volume) of\b)?|\bin total\b|\bsince when\b|\bhow (?:many|much|long|far|tall|big|large|high|old|often)\b|\b(?:which|what) (?:(?:two|three|four|five|six|seven|\d+) )?(?:towns?|cit(?:y|ies)|buildings?|venues?|places?|locations?|years?|dates?|days?|months?|time|countr(?:y|ies)(?:'s?)?|nations?|compan(?:y|ies)|firms?)\b`)

// withoutTypeWords blanks a question's type words out.
func withoutTypeWords(q string) string {
	return typeWords.ReplaceAllStringFunc(q, func(m string) string { return strings.Repeat(" ", len(m)) })
}
