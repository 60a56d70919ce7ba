package reading

import (
	"regexp"
	"slices"
	"unicode"

	"github.com/summitbot/summitbot/corpus"
)

// Sayer is whose words a question asks for ("What did Mirziyoyev say in
// his speech?"), and about what: a passage answers it only if it quotes or
// reports them. One that merely names them does not.
type Sayer struct {
	// Groups are the alias groups of the people, countries or
	// organisations named as speakers.
	Groups []int
	// Names are speakers named capitalised whom the alias list lacks.
	Names []string
	// Topic is the question's searched terms after "about", "on",
	// "regarding".
	Topic []string
}

// None reports that the question asks for nobody's words.
func (s Sayer) None() bool { return len(s.Groups) == 0 && len(s.Names) == 0 }

var (
	// askedSaying finds a question about what someone said, its subject
	// (one to six words) and its topic: "what did <subject> say|tell|think
	// ... about <topic>".
	askedSaying = regexp.MustCompile(`(?i)\bwhat (?:did|does|do|has|have|had|will|would|is|was) ((?:\S+ ){0,5}?\S+) (?:say|said|saying|tell|told|think|thinks|thought|claim|claimed|argue|argued|stated|announce|announced)\b(?:.*?\b(?:about|on|regarding|of)\b(.*))?`)
	// speakerRole finds a speaker named by a role or office alone.
	speakerRole = regexp.MustCompile(`(?i)\b(?:analyst|expert|scientist|official|officials|spokesman|spokeswoman|spokesperson|minister|ministry|diplomat|observer|economist|researcher|professor|journalist|guy|person|woman|man)s?\b`)
)

// sayerKinds are the alias kinds whose members speak.
var sayerKinds = []string{corpus.AliasPeople, corpus.AliasCountries, corpus.AliasOrganisations}

// sayer returns whose words a question asks for: the alias groups of the
// people, countries or organisations it names, or else the names it gives
// capitalised; none when it asks for nobody's words, or names the speaker
// by a role ("the Kyrgyz analyst"), whose country is no speaker.
func (r *Reader) sayer(q string, terms []Term) Sayer {
	var s Sayer
	m := askedSaying.FindStringSubmatch(q)
	if m == nil || speakerRole.MatchString(m[1]) {
		return s
	}
	al := r.lang.Aliases()
	for _, g := range al.Find(m[1], r.lang.Terms(m[1])) {
		if slices.Contains(sayerKinds, al.Kind(g.Group)) {
			s.Groups = append(s.Groups, g.Group)
		}
	}
	if len(s.Groups) == 0 {
		for _, w := range questionWords(m[1]) {
			if rs := []rune(w); len(rs) > 1 && unicode.IsUpper(rs[0]) {
				s.Names = append(s.Names, w)
			}
		}
	}
	for _, t := range r.lang.Terms(m[2]) {
		if slices.ContainsFunc(terms, func(st Term) bool { return st.From == t }) {
			s.Topic = append(s.Topic, t)
		}
	}
	return s
}
