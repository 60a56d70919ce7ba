package answer

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/lang"
)

// Who said a sentence. A sentence has a speaker only when it is a quote (a
// quotation of four words or more, with a verb of saying outside it) or a
// reported statement ("Russia says ...", "Wang Yi said ..."), and the one
// who says it is named: a person, or a country or organisation named alone
// ("Kazakhstan said"); "him", "she" and "the analyst" resolve to the
// person named last before. An unnamed or vague source ("the host
// country", "officials", "a summary", "customs data") gives no speaker:
// a wrong name is worse than none.

var (
	// quotation finds a quotation.
	quotation = regexp.MustCompile(`["“][^"“”]*["”]`)
	// sayVerb finds a verb of saying.
	sayVerb = regexp.MustCompile(`\b(?:said|says|say|told|tells|added|adds|stated|states|reported|reports|announced|announces|noted|notes|warned|warns|declared|declares|quoted (?:him|her|them) as saying)\b`)
	// quoteVerb finds a verb that introduces a quotation of its subject's
	// words.
	quoteVerb = regexp.MustCompile(`\b(?:called for|calls for|urged|urges|pressed for|presses for|vowed|vows|pledged|pledges|promised|promises|wrote|writes)\b`)
	// quotedObject finds "quoted him as saying": the speaker is "him".
	quotedObject = regexp.MustCompile(`\bquoted (him|her|them) as saying\b`)
	// pronoun finds a pronoun or a role standing for a person named before.
	pronoun = regexp.MustCompile(`(?i)^(?:he|him|she|her|the (?:analyst|spokesman|spokeswoman|spokesperson|official|expert|minister|president|leader|scientist|political scientist|diplomat))$`)
)

// quoteMark stands for a quotation cut out of a sentence.
const quoteMark = " \u2026 "

// lookBack is how many earlier passages of a document are searched for
// the person a pronoun stands for.
const lookBack = 3

// speakers tells who said a sentence.
type speakers struct {
	lang *lang.Analyzer
	// passage returns paragraph n of a document, for pronouns.
	passage func(docID string, n int) (corpus.Passage, bool)
}

// of returns who said sentence s of passage p, or "".
func (sp speakers) of(p corpus.Passage, s string) string {
	outside, quoted := cutQuotations(s)
	if m := quotedObject.FindStringSubmatch(outside); m != nil {
		return sp.before(p, s)
	}
	verb := sayVerb.FindStringIndex(outside)
	if verb == nil && quoted {
		verb = quoteVerb.FindStringIndex(outside)
	}
	if verb == nil {
		return ""
	}
	subject := clauseBefore(outside[:verb[0]])
	if subject == "" && strings.HasSuffix(strings.TrimRight(outside[:verb[0]], " ,"), strings.TrimSpace(quoteMark)) {
		// "..." said Xi in comments: the speaker follows the verb.
		subject = wordsAfter(outside[verb[1]:])
	}
	if subject == "" {
		subject = strings.TrimSpace(outside[:verb[0]])
	}
	if pronoun.MatchString(strings.TrimSpace(subject)) {
		return sp.before(p, s)
	}
	return sp.named(subject)
}

// cutQuotations replaces the quotations of four words or more (speech, not
// a term in quotation marks) by quoteMark, and reports whether there was
// one.
func cutQuotations(s string) (string, bool) {
	quoted := false
	out := quotation.ReplaceAllStringFunc(s, func(q string) string {
		if len(strings.Fields(q)) < 4 {
			return q
		}
		quoted = true
		return quoteMark
	})
	return out, quoted
}

// clauseBefore returns the clause right before a verb: the words after the
// last comma, semicolon or quotation.
func clauseBefore(text string) string {
	if i := strings.LastIndexAny(text, ",;:\u2026"); i >= 0 {
		_, size := utf8.DecodeRuneInString(text[i:])
		text = text[i+size:]
	}
	return strings.TrimSpace(text)
}

// wordsAfter returns the words after a verb, up to a comma, a full stop or
// a preposition: "Xi" of "said Xi in comments carried by ...".
func wordsAfter(text string) string {
	var words []string
	for _, w := range strings.Fields(text) {
		bare := strings.TrimRight(w, ",.;:")
		switch strings.ToLower(bare) {
		case "in", "on", "at", "to", "of", "for", "by", "with", "from", "after", "during", "when", "while", "that":
			return strings.Join(words, " ")
		}
		words = append(words, bare)
		if bare != w {
			break
		}
	}
	return strings.Join(words, " ")
}

// named returns the speaker a subject names: a person of the alias list
// (with "'s press office" and the like kept: "Tokayev's press office"), a
// country or organisation named alone, or two or more capitalised words
// the alias list lacks; "" for anything else.
func (sp speakers) named(subject string) string {
	subject = strings.TrimSpace(subject)
	if subject == "" {
		return ""
	}
	al := sp.lang.Aliases()
	terms := sp.lang.Terms(subject)
	matches := al.Find(subject, terms)
	for _, m := range matches {
		if al.Kind(m.Group) != corpus.AliasPeople {
			continue
		}
		name := al.Name(m.Group)
		if i := strings.Index(subject, "'s "); i >= 0 {
			if rest := strings.TrimSpace(subject[i+3:]); rest != "" && !strings.ContainsAny(rest, ",;") {
				return name + "'s " + rest
			}
		}
		return name
	}
	// A country or an organisation, named alone ("Russia says"):
	// "Kazakh officials" or "the host country" name no one.
	for _, m := range matches {
		k := al.Kind(m.Group)
		if k != corpus.AliasCountries && k != corpus.AliasOrganisations {
			continue
		}
		rest := slices.DeleteFunc(slices.Clone(terms), func(t string) bool { return slices.Contains(m.Terms, t) })
		if len(rest) == 0 {
			return al.Name(m.Group)
		}
	}
	if len(matches) == 0 {
		return capitalisedName(subject)
	}
	return ""
}

// capitalisedName returns the subject when it is two or more capitalised
// words and nothing else (a person the alias list lacks), or "".
func capitalisedName(subject string) string {
	words := strings.Fields(subject)
	if len(words) < 2 || len(words) > 4 {
		return ""
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) || strings.ContainsAny(w, "0123456789") {
			return ""
		}
	}
	return subject
}

// before returns the person named first in the nearest text before
// sentence s of passage p (its passage, then up to lookBack earlier ones):
// whom "him" or "the analyst" stands for.
func (sp speakers) before(p corpus.Passage, s string) string {
	if i := strings.Index(p.Text, s); i > 0 {
		if name := sp.firstPerson(p.Text[:i]); name != "" {
			return name
		}
	}
	for n := p.N - 1; n >= 1 && n >= p.N-lookBack; n-- {
		prev, ok := sp.passage(p.DocID, n)
		if !ok {
			break
		}
		if name := sp.firstPerson(prev.Text); name != "" {
			return name
		}
	}
	return ""
}

// firstPerson returns the name of the first person of the alias list that
// text names.
func (sp speakers) firstPerson(text string) string {
	al := sp.lang.Aliases()
	for _, m := range al.Find(text, sp.lang.Terms(text)) {
		if al.Kind(m.Group) == corpus.AliasPeople {
			return al.Name(m.Group)
		}
	}
	return ""
}
