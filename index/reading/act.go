package reading

import (
	"regexp"
	"strings"
)

// A question that asks who did something, how many did it, or when or
// where something was done ("Who designed the palace?", "How many people
// live in Astana?", "When was the plant built?") asks about an act: its
// Act is the verb naming it. When no document holds that verb, the
// passages about the palace cannot say who designed it.
var (
	// actAfter finds the verb right after "who" or after "how many
	// <things>".
	actAfter = regexp.MustCompile(`\b(?:who|how many [\p{L}-]+) ([\p{L}-]+)(?: ([\p{L}-]+))?`)
	// actLast finds the participle ending a passive "when" or "where"
	// question.
	actLast = regexp.MustCompile(`\b(?:when|where) (?:was|were|is|are|has|have|had|will|would)\b.* ([\p{L}-]+(?:ed|en|n|t))\W*$`)
)

// auxiliaries are verbs that are no act of their own.
var auxiliaries = map[string]bool{
	"is": true, "was": true, "were": true, "are": true, "am": true, "be": true, "been": true,
	"did": true, "does": true, "do": true, "has": true, "have": true, "had": true,
	"will": true, "would": true, "can": true, "could": true, "should": true, "shall": true,
	"may": true, "might": true, "must": true,
}

// notActs are other words after "who" that are no act.
var notActs = map[string]bool{
	"else": true, "exactly": true, "actually": true, "really": true, "first": true, "also": true,
	"in": true, "at": true, "of": true, "from": true, "among": true,
}

// lightVerbs say little of an act by themselves ("how many containers
// went through", "who got the contract"): not knowing them says nothing.
var lightVerbs = map[string]bool{
	"go": true, "goes": true, "went": true, "gone": true, "come": true, "came": true, "comes": true,
	"get": true, "got": true, "gets": true, "gotten": true, "make": true, "made": true, "makes": true,
	"take": true, "took": true, "takes": true, "taken": true, "give": true, "gave": true, "given": true,
	"put": true, "set": true, "keep": true, "kept": true, "let": true, "done": true, "seen": true,
	"pass": true, "passed": true, "move": true, "moved": true, "want": true, "wanted": true, "need": true,
	"needed": true, "use": true, "used": true, "play": true, "played": true,
}

// act returns the analysed term of the act a question asks about, or ""
// when it asks about none in a form this reads.
func (r *Reader) act(q string) string {
	q = strings.ToLower(q)
	var verb string
	if m := actAfter.FindStringSubmatchIndex(q); m != nil && leads(q, m[0]) {
		first, next := q[m[2]:m[3]], ""
		if m[4] >= 0 {
			next = q[m[4]:m[5]]
		}
		// Followed by an auxiliary, it is a noun ("how many training
		// spots is China offering").
		if !auxiliaries[first] && !notActs[first] && !auxiliaries[next] {
			verb = first
		}
	} else if m := actLast.FindStringSubmatchIndex(q); m != nil && leads(q, m[0]) {
		verb = q[m[2]:m[3]]
	}
	if verb == "" || lightVerbs[verb] {
		return ""
	}
	if ts := r.lang.Terms(verb); len(ts) == 1 && !questionStop[ts[0]] {
		return ts[0]
	}
	return ""
}
