package reading

import (
	"slices"
	"strings"
	"unicode"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/lang"
)

// subject is the corpus's subject as analysed terms.
type subject struct {
	al     *lang.Aliases
	refers []string     // analysed words that, unqualified, mean it
	about  []string     // analysed words of its description
	groups map[int]bool // alias groups its description names
}

func newSubject(lg *lang.Analyzer, s corpus.Subject) subject {
	out := subject{al: lg.Aliases(), groups: lg.Aliases().Groups(s.About, lg.Terms(s.About))}
	for _, r := range s.Refers {
		out.refers = append(out.refers, lg.Terms(r)...)
	}
	for _, t := range lg.Terms(s.About) {
		if !slices.Contains(out.about, t) {
			out.about = append(out.about, t)
		}
	}
	return out
}

// otherEvent are words that set one event of a kind apart from another
// ("the first summit", "the next meeting").
var otherEvent = map[string]bool{
	"first": true, "third": true, "fourth": true, "next": true, "previous": true, "last": true,
	"upcoming": true, "earlier": true, "future": true, "former": true, "prior": true, "past": true,
	"inaugural": true, "original": true, "previou": true, "futur": true, "upcom": true, "earli": true,
}

// means reports whether question q speaks of the subject: it holds one of
// the words that mean it, and no name, number or word that would set
// another event apart ("the G7 summit", "the summit in Xi'an", "the first
// summit", "the 2023 summit") unless the subject's own description holds
// it.
func (s subject) means(q Question) bool {
	if !slices.ContainsFunc(q.Asked, func(t string) bool { return slices.Contains(s.refers, t) }) {
		return false
	}
	for _, t := range q.Asked {
		if otherEvent[t] {
			return false
		}
		if strings.IndexFunc(t, unicode.IsDigit) >= 0 && !slices.Contains(s.about, t) {
			return false
		}
	}
	for _, w := range strings.Fields(strings.ToLower(q.Text)) {
		if otherEvent[strings.Trim(w, ".,?!'\"")] {
			return false
		}
	}
	return !s.qualifies(q.Groups)
}

// qualifies reports whether the alias groups of a question name something
// the subject's description does not: another event's place or party.
func (s subject) qualifies(groups []Group) bool {
	for _, g := range groups {
		k := s.al.Kind(g.ID)
		if (k == corpus.AliasPlaces || k == corpus.AliasOrganisations) && !s.groups[g.ID] {
			return true
		}
	}
	return false
}
