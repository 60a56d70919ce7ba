package lang

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/summitbot/summitbot/corpus"
)

// Aliases finds alias groups (corpus/aliases.txt) in text. A passage is
// indexed with the keys of the groups its text holds, and a question that
// holds an expression of a group also searches that key, so "Tokaev" finds
// "Tokayev" and "America" finds "US". Multi-word expressions work, unlike
// bleve's single-token synonyms.
type Aliases struct {
	byFirst map[string][]aliasExpr // first analysed term → expressions
	exact   []exactExpr
	kinds   []string // kind of each group
	names   []string // name of each group: its first expression
	fp      string
	// names' words and other words, lower-cased, for Respell
	nameWords, otherWords [][]rune
}

type aliasExpr struct {
	group int
	terms []string
}

type exactExpr struct {
	group int
	lit   string // the expression, which the text must contain for re to match
	re    *regexp.Regexp
}

// Match is a group found in a text, with the analysed terms of the text
// that expressed it (empty for an exact match).
type Match struct {
	Group int
	Terms []string
	// At and N are the position of the first matched term and how many
	// terms matched; N is 0 for an exact, case-sensitive expression.
	At, N int
}

func newAliases(groups []corpus.AliasGroup, terms func(string) []string) *Aliases {
	al := &Aliases{byFirst: map[string][]aliasExpr{}}
	h := sha256.New()
	for g, group := range groups {
		al.kinds = append(al.kinds, group.Kind)
		al.names = append(al.names, group.Names[0].Text)
		for _, e := range group.Names {
			h.Write([]byte(strconv.Itoa(g) + "\x00" + group.Kind + "\x00" + e.Text + "\x00" + strconv.FormatBool(e.Exact) + "\n"))
			if e.Exact {
				re := regexp.MustCompile(`(?:^|[^\p{L}\p{N}.])` + regexp.QuoteMeta(e.Text) + `(?:$|[^\p{L}\p{N}])`)
				al.exact = append(al.exact, exactExpr{group: g, lit: e.Text, re: re})
				continue
			}
			ts := terms(e.Text)
			if len(ts) == 0 {
				continue
			}
			al.byFirst[ts[0]] = append(al.byFirst[ts[0]], aliasExpr{group: g, terms: ts})
		}
	}
	al.fp = hex.EncodeToString(h.Sum(nil))
	seen := map[string]bool{}
	for _, group := range groups {
		words := &al.nameWords
		if group.Kind == corpus.AliasWords || group.Kind == corpus.AliasRoles {
			words = &al.otherWords
		}
		for _, e := range group.Names {
			for _, w := range strings.FieldsFunc(strings.ToLower(e.Text), func(r rune) bool { return !unicode.IsLetter(r) }) {
				if utf8.RuneCountInString(w) >= 5 && !seen[w] {
					seen[w] = true
					*words = append(*words, []rune(w))
				}
			}
		}
	}
	return al
}

// Fingerprint identifies the list: an index built with another is rebuilt.
func (al *Aliases) Fingerprint() string { return al.fp }

// Len is the number of groups.
func (al *Aliases) Len() int { return len(al.kinds) }

// Kind returns the kind of group g (corpus.AliasPeople, ...).
func (al *Aliases) Kind(g int) string { return al.kinds[g] }

// Name returns the name of group g: its first expression.
func (al *Aliases) Name(g int) string { return al.names[g] }

// IsName reports whether group g names something (a person, country,
// place or organisation) rather than being a word or a role.
func (al *Aliases) IsName(g int) bool {
	k := al.kinds[g]
	return k != corpus.AliasWords && k != corpus.AliasRoles
}

// Respell returns the word of the alias list that a misspelt lower-case
// word stands for: the only one sharing its first letter within MaxEdits
// of it for a word of a name, one edit for another word ("railwya"; but
// "contract" is not a misspelt "construct"); "" when there is none or
// more than one, or when the word is spelt right.
func (al *Aliases) Respell(word string) string {
	r := []rune(word)
	k := MaxEdits(len(r))
	if k == 0 {
		return ""
	}
	var ed Editor
	best, found := k+1, ""
	single := collapse(r)
	for _, list := range []struct {
		words [][]rune
		limit int
	}{{al.nameWords, k}, {al.otherWords, 1}} {
		for _, w := range list.words {
			if w[0] != r[0] {
				continue
			}
			d := ed.Distance(r, w, best)
			if d > 1 && slices.Equal(single, collapse(w)) {
				d = 1 // a letter doubled or not: "tarrifs", "tarifs"
			}
			switch {
			case d > list.limit:
			case d == 0:
				return "" // spelt right: nothing to fix
			case d < best:
				best, found = d, string(w)
			case d == best:
				found = "" // a tie: no way to tell
			}
		}
	}
	return found
}

// Find returns the groups expressed in a text, given as its raw form and
// its analysed terms. A group found twice is reported twice.
func (al *Aliases) Find(raw string, terms []string) []Match {
	var out []Match
	for i, t := range terms {
		for _, e := range al.byFirst[t] {
			if i+len(e.terms) > len(terms) {
				continue
			}
			match := true
			for j, et := range e.terms {
				if terms[i+j] != et {
					match = false
					break
				}
			}
			if match {
				// A full slice expression: appending to a match's terms
				// (merging a group found twice) must not overwrite the
				// terms after it.
				n := i + len(e.terms)
				out = append(out, Match{Group: e.group, Terms: terms[i:n:n], At: i, N: len(e.terms)})
			}
		}
	}
	for _, e := range al.exact {
		// The literal test is cheap and rules out nearly every expression
		// before the regular expression checks the word boundaries.
		if strings.Contains(raw, e.lit) && e.re.MatchString(raw) {
			out = append(out, Match{Group: e.group})
		}
	}
	return out
}

// Groups returns the distinct groups a text holds, as a set.
func (al *Aliases) Groups(raw string, terms []string) map[int]bool {
	out := map[int]bool{}
	for _, m := range al.Find(raw, terms) {
		out[m.Group] = true
	}
	return out
}

// Keys returns the distinct index keys of the groups a text holds.
func (al *Aliases) Keys(raw string, terms []string) []string {
	var out []string
	seen := map[int]bool{}
	for _, m := range al.Find(raw, terms) {
		if !seen[m.Group] {
			seen[m.Group] = true
			out = append(out, Key(m.Group))
		}
	}
	return out
}

// Key is the indexed term that stands for group g.
func Key(g int) string { return "g" + strconv.Itoa(g) }

// GroupOfKey is the group an index key stands for.
func GroupOfKey(key string) (int, bool) {
	if !strings.HasPrefix(key, "g") {
		return 0, false
	}
	g, err := strconv.Atoi(key[1:])
	return g, err == nil
}

// collapse returns a word with each run of one letter written once.
func collapse(w []rune) []rune {
	out := make([]rune, 0, len(w))
	for i, r := range w {
		if i == 0 || r != w[i-1] {
			out = append(out, r)
		}
	}
	return out
}
