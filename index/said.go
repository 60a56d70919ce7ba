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

// askedSaying finds a question about what someone said, its subject (one
// to six words) and its topic: "what did <subject> say|tell|think ...
// about <topic>".
var askedSaying = regexp.MustCompile(`(?i)\bwhat (?:did|does|do|has|have|had|will|would) ((?:\S+ ){0,5}?\S+) (?:say|said|tell|told|think|thinks|thought|claim|claimed|argue|argued|stated|announce|announced)\b(?:.*?\b(?:about|on|regarding|of)\b(.*))?`)

// roleSaid finds a speaker named by a role right before the verb: "the
// engineer added".
var roleSaid = regexp.MustCompile(`\b[Tt]he [\p{L}-]+ (?:said|says|added|adds|told|tells|noted|warned|stated)\b`)

// speakerRole finds a speaker named by a role or office alone.
var speakerRole = regexp.MustCompile(`(?i)\b(?:analyst|expert|scientist|official|officials|spokesman|spokeswoman|spokesperson|minister|ministry|diplomat|observer|economist|researcher|professor|journalist)s?\b`)

// sayerKinds are the alias kinds whose members speak.
var sayerKinds = []string{corpus.AliasPeople, corpus.AliasCountries, corpus.AliasOrganisations}

// speakers is whose words a question asks for, and about what.
type speakers struct {
	groups []int    // alias groups of the people, countries or organisations
	names  []string // names given capitalised that the alias list lacks
	topic  []string // the question's searched terms after "about", "on", "regarding"
}

func (sp speakers) none() bool { return len(sp.groups) == 0 && len(sp.names) == 0 }

// sayers returns whose words a question asks for: the alias groups of the
// people, countries or organisations it names, or else the names it gives
// capitalised ("Ilse Varga"); none when it asks for nobody's words. The
// topic is made of the question's terms after "about" that are searched
// (a misspelling nothing corrects is left to the other rules).
func (ix *Index) sayers(q string, terms []term) speakers {
	var sp speakers
	m := askedSaying.FindStringSubmatch(q)
	if m == nil || speakerRole.MatchString(m[1]) {
		// Nobody's words, or "the Kyrgyz analyst": a person the question
		// does not name, whose country is no speaker.
		return sp
	}
	for _, g := range ix.aliases.find(m[1], analyse(ix.analyzer, m[1])) {
		if slices.Contains(sayerKinds, ix.aliases.kinds[g.group]) {
			sp.groups = append(sp.groups, g.group)
		}
	}
	if len(sp.groups) == 0 {
		for _, w := range questionWords(m[1]) {
			if r := []rune(w); len(r) > 1 && unicode.IsUpper(r[0]) {
				sp.names = append(sp.names, w)
			}
		}
	}
	for _, t := range analyse(ix.analyzer, m[2]) {
		if slices.ContainsFunc(terms, func(st term) bool { return st.from == t }) {
			sp.topic = append(sp.topic, t)
		}
	}
	return sp
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

// anySaidBy reports whether one of the shown passages quotes or reports
// the speakers, and holds itself (not only in its context) at least one
// term of the topic if there is one.
func (ix *Index) anySaidBy(st *state, shown []scoredHit, sp speakers) bool {
	for _, s := range shown {
		if len(sp.topic) > 0 && !slices.ContainsFunc(sp.topic, func(t string) bool { return s.held[t] > ix.rk.ContextCoverage }) {
			continue
		}
		if p, ok := st.passage(s.hit.ID); ok && ix.saidBy(st, p, sp.groups, sp.names) {
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
