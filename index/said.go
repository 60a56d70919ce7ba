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
// (one to six words): "what did <subject> say|tell|think ...".
var askedSaying = regexp.MustCompile(`(?i)\bwhat (?:did|does|do|has|have|had|will|would) ((?:\S+ ){0,5}?\S+) (?:say|said|tell|told|think|thinks|thought|claim|claimed|argue|argued|stated|announce|announced)\b`)

// roleSaid finds a speaker named by a role right before the verb: "the
// engineer added".
var roleSaid = regexp.MustCompile(`\b[Tt]he [\p{L}-]+ (?:said|says|added|adds|told|tells|noted|warned|stated)\b`)

// speakerRole finds a speaker named by a role or office alone.
var speakerRole = regexp.MustCompile(`(?i)\b(?:analyst|expert|scientist|official|officials|spokesman|spokeswoman|spokesperson|minister|ministry|diplomat|observer|economist|researcher|professor|journalist)s?\b`)

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
	if speakerRole.MatchString(m[1]) {
		// "the Kyrgyz analyst": a person the question does not name; its
		// country is no speaker.
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
// names: a sentence whose speaker it is, or whose verb of saying or
// reporting ("told", "called for", "urged") has it as its subject, before
// the verb in the same clause ("Kremlin spokesman Dmitry Peskov told
// reporters") or right after it ("said Muratalieva"); for names the alias
// list lacks, also a role or pronoun ("the engineer added") after text
// naming them.
func (ix *Index) saidBy(st *state, p corpus.Passage, groups []int, names []string) bool {
	for _, s := range Sentences(p.Text) {
		outside := quotedPart.ReplaceAllString(s, " … ")
		loc := reportVerb.FindStringIndex(outside)
		if loc == nil {
			continue
		}
		subject := ix.sayerClause(outside, loc)
		if len(names) > 0 && (namesAny(subject, names) ||
			(pronounOrRol.MatchString(subject) || roleSaid.MatchString(outside)) && ix.namedBefore(st, p, s, names)) {
			return true
		}
		if len(groups) == 0 {
			continue
		}
		who := ix.speaker(st, p, s)
		found := ix.aliases.find(subject, analyse(ix.analyzer, subject))
		for _, g := range groups {
			if who != "" && who == ix.aliases.names[g] ||
				slices.ContainsFunc(found, func(f aliasMatch) bool { return f.group == g }) {
				return true
			}
		}
	}
	return false
}

// reportVerb finds a verb of saying or reporting.
var reportVerb = regexp.MustCompile(`\b(?:said|says|say|told|tells|added|adds|quoted|stated|noted|warned|declared|announced|called for|calls for|urged|urges|pressed for|presses for|stressed|insisted|proposed|pledged|promised|vowed|argued|claimed|criticised|criticized|praised|hailed|welcomed|asked|demanded|suggested|described)\b|\baccording to\b`)

// sayerClause returns the words of a sentence (its quotations cut out)
// that name who spoke: the clause before the verb at loc, or, when that
// names nobody, the words after it up to the next comma.
func (ix *Index) sayerClause(outside string, loc []int) string {
	before := outside[:loc[0]]
	if i := strings.LastIndexAny(before, ",;:…"); i >= 0 {
		before = before[i+1:]
	}
	if strings.TrimSpace(before) != "" && (ix.firstName(before, sayerKinds) != "" || hasCapitalised(before)) {
		return before
	}
	after := outside[loc[1]:]
	if i := strings.IndexAny(after, ",;:."); i >= 0 {
		after = after[:i]
	}
	return before + " " + after
}

// hasCapitalised reports whether text holds a capitalised word after its
// first.
func hasCapitalised(text string) bool {
	for i, w := range questionWords(text) {
		if r := []rune(w); i > 0 && unicode.IsUpper(r[0]) {
			return true
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
