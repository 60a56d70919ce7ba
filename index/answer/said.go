package answer

import (
	"regexp"
	"slices"
	"strings"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/lang"
	"github.com/summitbot/summitbot/index/reading"
)

// "What did Mirziyoyev say in his speech?" asks for someone's words: a
// passage answers it only if it quotes or reports that person (or country,
// or organisation) as the subject of a verb of saying or urging. One that
// merely names them ("Mirziyoyev represented Uzbekistan") does not.

// reportVerb finds a verb of saying, urging or reporting.
var reportVerb = regexp.MustCompile(`\b(?:said|says|say|told|tells|added|adds|quoted|stated|noted|warned|declared|announced|called for|calls for|urged|urges|pressed for|presses for|stressed|insisted|proposed|pledged|promised|vowed|argued|claimed|criticised|criticized|blasted|praised|hailed|welcomed|asked|demanded|suggested|described|set out|sought|refreshed his criticism)\b|\baccording to\b`)

// saidBy reports whether passage p quotes or reports the sayer: a
// sentence whose speaker it is, or whose verb of saying, urging or
// reporting has it as its subject.
func (sp speakers) saidBy(p corpus.Passage, who reading.Sayer) bool {
	al := sp.lang.Aliases()
	for _, s := range lang.Sentences(p.Text) {
		if who.Groups != nil {
			if name := sp.of(p, s); name != "" && slices.ContainsFunc(who.Groups, func(g int) bool {
				return name == al.Name(g) || strings.HasPrefix(name, al.Name(g)+"'s ")
			}) {
				return true
			}
		}
		outside, _ := cutQuotations(s)
		loc := reportVerb.FindStringIndex(outside)
		if loc == nil {
			continue
		}
		subject := clauseBefore(outside[:loc[0]])
		if subject == "" {
			subject = wordsAfter(outside[loc[1]:])
		}
		if len(who.Names) > 0 && namesAny(subject, who.Names) {
			return true
		}
		if len(who.Groups) > 0 {
			for _, m := range al.Find(subject, sp.lang.Terms(subject)) {
				if slices.Contains(who.Groups, m.Group) {
					return true
				}
			}
		}
		if len(who.Names) > 0 && pronoun.MatchString(strings.TrimSpace(subject)) && sp.namedBefore(p, s, who.Names) {
			return true
		}
	}
	return false
}

// namesAny reports whether text holds one of the names as a word.
func namesAny(text string, names []string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == '"' }) {
		if slices.Contains(names, strings.TrimSuffix(w, "'s")) {
			return true
		}
	}
	return false
}

// namedBefore reports whether one of the names comes before sentence s in
// passage p, or in the lookBack passages before it.
func (sp speakers) namedBefore(p corpus.Passage, s string, names []string) bool {
	if i := strings.Index(p.Text, s); i > 0 && namesAny(p.Text[:i], names) {
		return true
	}
	for n := p.N - 1; n >= 1 && n >= p.N-lookBack; n-- {
		prev, ok := sp.passage(p.DocID, n)
		if !ok {
			return false
		}
		if namesAny(prev.Text, names) {
			return true
		}
	}
	return false
}
