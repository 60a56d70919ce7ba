package index

import (
	"regexp"
	"strings"
)

// A question that asks who did something, how many did it, or when or
// where something was done ("Who designed the palace?", "How many people
// live in Astana?", "When was the plant built?") asks about an act: its
// predicate is the verb naming it. Ask refuses such a question when no
// document holds that verb in any form the analyser conflates or through
// an alias group: the passages about the palace cannot say who designed
// it. (A verb the documents hold but the passage found lacks may be a
// paraphrase, "called" for "said", and is not refused.)
var (
	// predicateAfter finds the verb right after "who" or after "how many
	// <things>".
	predicateAfter = regexp.MustCompile(`^(?:who|how many [\p{L}-]+) ([\p{L}-]+)(?: ([\p{L}-]+))?`)
	// predicateLast finds the participle ending a passive "when" or
	// "where" question.
	predicateLast = regexp.MustCompile(`^(?:when|where) (?:was|were|is|are|has|have|had|will|would)\b.* ([\p{L}-]+(?:ed|en|t))\W*$`)
)

// auxiliaries are verbs that are no predicate of their own.
var auxiliaries = map[string]bool{
	"is": true, "was": true, "were": true, "are": true, "am": true, "be": true, "been": true,
	"did": true, "does": true, "do": true, "has": true, "have": true, "had": true,
	"will": true, "would": true, "can": true, "could": true, "should": true, "shall": true,
	"may": true, "might": true, "must": true,
}

// notPredicates are other words after "who" that are no predicate.
var notPredicates = map[string]bool{
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

// predicate returns the analysed term of the act a question asks about, or
// "" when it asks about none in a form this reads.
func (ix *Index) predicate(q string) string {
	q = strings.ToLower(q)
	q = strings.TrimSpace(q[leadEnd(q):])
	var verb string
	if m := predicateAfter.FindStringSubmatch(q); m != nil && !auxiliaries[m[1]] && !notPredicates[m[1]] && !auxiliaries[m[2]] {
		// Followed by an auxiliary, it is a noun ("how many training
		// spots is China offering").
		verb = m[1]
	} else if m := predicateLast.FindStringSubmatch(q); m != nil {
		verb = m[1]
	}
	if verb == "" || lightVerbs[verb] {
		return ""
	}
	if ts := analyse(ix.analyzer, verb); len(ts) == 1 && !questionStop[ts[0]] {
		return ts[0]
	}
	return ""
}

// leadEnd is the byte offset after the lead words that open q ("tell me",
// "and", "so"), 0 when there are none.
func leadEnd(q string) int {
	end := 0
	for off := 0; off < len(q); {
		rest := q[off:]
		i := strings.IndexFunc(rest, func(r rune) bool { return r != ' ' && r != ',' })
		if i < 0 {
			break
		}
		j := strings.IndexAny(rest[i:], " ,")
		if j < 0 {
			j = len(rest) - i
		}
		if !leadWords[rest[i:i+j]] {
			break
		}
		off += i + j
		end = off
	}
	return end
}
