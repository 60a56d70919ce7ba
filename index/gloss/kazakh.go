package gloss

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// kazakhSuffixes are the endings Kazakh adds to a root: plural, possessive,
// case, and the verb endings of questions (past, participles, converbs,
// the verbal noun), each in its vowel-harmony and consonant forms.
var kazakhSuffixes = strings.Fields(`
лар лер дар дер тар тер
ым ім м ың ің ң ы і сы сі мыз міз ңыз ңіз ымыз іміз сының сінің
ның нің дың дің тың тің
ға ге қа ке на не а е ғы гі қы кі
ны ні ды ді ты ті н
да де та те нда нде
дан ден тан тен нан нен
мен бен пен
дағы дегі тағы тегі ндағы ндегі
ған ген қан кен атын етін йтын йтін атын ар ер р
ады еді йды йді ды ді ты ті
ып іп п
у уы уі уға уге
лық лік дық дік тық тік
ыл іл л
шы ші
ма ме ба бе па пе
сыз сіз
`)

// KazakhLetters are the Cyrillic letters Kazakh has and Russian lacks.
const KazakhLetters = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"

// plainSuffixes are kazakhSuffixes written plain (see plain), once each.
var plainSuffixes = func() []string {
	var out []string
	for _, f := range kazakhSuffixes {
		if p := plain(f); !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}()

// kazakhStems returns the roots a Kazakh word may have, with up to four
// of suffixes stripped, the longest first; roots keep two letters at
// least.
func kazakhStems(w string, suffixes []string) []string {
	var out []string
	frontier := []string{w}
	for depth := 0; depth < 4 && len(frontier) > 0; depth++ {
		var next []string
		for _, f := range frontier {
			for _, s := range suffixes {
				root, ok := strings.CutSuffix(f, s)
				if !ok || utf8.RuneCountInString(root) < 2 || slices.Contains(out, root) {
					continue
				}
				out = append(out, root)
				next = append(next, root)
			}
		}
		frontier = next
	}
	slices.SortStableFunc(out, func(a, b string) int { return utf8.RuneCountInString(b) - utf8.RuneCountInString(a) })
	return out
}

// isKazakhChain reports whether rest is a run of at most depth of
// suffixes.
func isKazakhChain(rest string, depth int, suffixes []string) bool {
	if rest == "" {
		return true
	}
	if depth == 0 {
		return false
	}
	for _, s := range suffixes {
		if r, ok := strings.CutSuffix(rest, s); ok && isKazakhChain(r, depth-1, suffixes) {
			return true
		}
	}
	return false
}
