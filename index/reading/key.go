package reading

import (
	"slices"
	"strings"
)

// Key is what questions asking the same thing share, for grouping them
// (the coverage gaps, index/gaps): the type of answer asked for, then the
// question's analysed terms, each misspelt one replaced by the words it
// was corrected to, sorted and each once. "whens the next summit" and
// "When is the next summit?" have the same key. It is a cheap similarity:
// no model, only what Read found. A question with no terms at all keys on
// its lower-cased words.
func (q Question) Key() string {
	var terms []string
	for _, t := range q.Asked {
		if slices.Contains(q.Near, t) {
			terms = append(terms, t) // searched through other words: itself
			continue
		}
		n := len(terms)
		for _, s := range q.Terms {
			if s.From == t {
				terms = append(terms, s.Text)
			}
		}
		if len(terms) == n {
			terms = append(terms, t) // unknown: itself
		}
	}
	kind := q.Kind.Type.String()
	if q.Kind.Sub != "" {
		kind += "/" + q.Kind.Sub
	}
	if len(terms) == 0 {
		return kind + ":" + strings.Join(strings.Fields(strings.ToLower(q.Text)), " ")
	}
	slices.Sort(terms)
	return kind + ":" + strings.Join(slices.Compact(terms), " ")
}
