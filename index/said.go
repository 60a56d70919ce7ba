package index

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/summitbot/summitbot/corpus"
)

// "What did Mirziyoyev say in his speech?" asks for someone's words: a
// passage answers it only if it quotes or reports that person (or country,
// or organisation). One that merely names them ("Mirziyoyev represented
// Uzbekistan") does not, and the question is refused rather than answered
// with it.

// askedSaying finds a question about what someone said, and its subject
// (one to four words): "what did <subject> say|tell|think ...".
var askedSaying = regexp.MustCompile(`(?i)\bwhat (?:did|does|do|has|have|had|will|would) ((?:\S+ ){0,3}?\S+) (?:say|said|tell|told|think|thinks|thought|claim|claimed|argue|argued|stated|announce|announced)\b`)

// roleSaid finds a speaker named by a role right before the verb: "the
// engineer added".
var roleSaid = regexp.MustCompile(`\b[Tt]he [\p{L}-]+ (?:said|says|added|adds|told|tells|noted|warned|stated)\b`)

// sayerKinds are the alias kinds whose members speak.
var sayerKinds = []string{corpus.AliasPeople, corpus.AliasCountries, corpus.AliasOrganisations}

// sayers returns whose words a question asks for: the alias groups of the
// people, countries or organisations it names, and the names it gives
// capitalised that the alias list does not know ("Ilse Varga"); none when
// it asks for nobody's words.
func (ix *Index) sayers(q string) (groups []int, names []string) {
	m := askedSaying.FindStringSubmatch(q)
	if m == nil {
		return nil, nil
	}
	found := ix.aliases.find(m[1], analyse(ix.analyzer, m[1]))
	for _, g := range found {
		for _, k := range sayerKinds {
			if ix.aliases.kinds[g.group] == k {
				groups = append(groups, g.group)
			}
		}
	}
	if len(groups) == 0 {
		for _, w := range questionWords(m[1]) {
			if r := []rune(w); len(r) > 1 && unicode.IsUpper(r[0]) {
				names = append(names, w)
			}
		}
	}
	return groups, names
}

// saidBy reports whether passage p quotes or reports one of the groups or
// names: a sentence whose speaker it is, or that names it outside its
// quotation beside a verb of saying ("Kremlin spokesman Dmitry Peskov told
// reporters").
func (ix *Index) saidBy(st *state, p corpus.Passage, groups []int, names []string) bool {
	for _, s := range Sentences(p.Text) {
		if !quoteMarks.MatchString(s) && !sayingVerb.MatchString(s) {
			continue
		}
		outside := quotedPart.ReplaceAllString(s, " … ")
		said := sayingVerb.MatchString(outside)
		if said && len(names) > 0 && (namesAny(outside, names) ||
			(pronounOrRol.MatchString(outside) || roleSaid.MatchString(outside)) && ix.namedBefore(st, p, s, names)) {
			// Named beside the verb, or "the engineer added" after a
			// sentence or paragraph naming them.
			return true
		}
		if len(groups) == 0 {
			continue
		}
		who := ix.speaker(st, p, s)
		found := ix.aliases.find(outside, analyse(ix.analyzer, outside))
		for _, g := range groups {
			if who != "" && who == ix.aliases.names[g] {
				return true
			}
			if said && slices.ContainsFunc(found, func(f aliasMatch) bool { return f.group == g }) {
				return true
			}
		}
	}
	return false
}

// anySaidBy reports whether one of the hits quotes or reports one of the
// groups or names.
func (ix *Index) anySaidBy(st *state, hits []Hit, groups []int, names []string) bool {
	for _, h := range hits {
		if p, ok := st.passage(h.ID); ok && ix.saidBy(st, p, groups, names) {
			return true
		}
	}
	return false
}

// namesAny reports whether text holds one of the names as a word.
func namesAny(text string, names []string) bool {
	return slices.ContainsFunc(questionWords(text), func(w string) bool { return slices.Contains(names, w) })
}

// namedBefore reports whether one of the names comes before sentence s in
// passage p, or in the lookBack passages before it.
func (ix *Index) namedBefore(st *state, p corpus.Passage, s string, names []string) bool {
	if i := strings.Index(p.Text, s); i > 0 && namesAny(p.Text[:i], names) {
		return true
	}
	for n := p.N - 1; n >= 1 && n >= p.N-lookBack; n-- {
		prev, ok := st.passage(corpus.PassageID(p.DocID, n))
		if !ok {
			return false
		}
		if namesAny(prev.Text, names) {
			return true
		}
	}
	return false
}
