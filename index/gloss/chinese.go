package gloss

import (
	"strings"
	"unicode"
	"unicode/utf8"

	unidecode "github.com/mozillazg/go-unidecode"
)

// readChinese segments text by forward maximum matching over the
// headwords (the longest headword at each place, names first), and reads
// runs of Latin letters and digits as written.
func (g *Glossary) readChinese(text string) []Word {
	rs := []rune(text)
	var out []Word
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.Is(unicode.Han, r):
			n := min(zhMax, len(rs)-i)
			for ; n > 1; n-- {
				if !unicode.Is(unicode.Han, rs[i+n-1]) {
					continue
				}
				if _, ok := g.zhFind(string(rs[i : i+n])); ok {
					break
				}
			}
			head := string(rs[i : i+n])
			i += n
			if senses, ok := g.zhFind(head); ok {
				if senses[0] != drop {
					out = append(out, Word{Source: head, Senses: senses, Name: g.zhNames[head]})
				}
			} else {
				out = append(out, Word{Source: head, Senses: []string{spellHan(head)}, Spelt: true})
			}
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			j := i
			for j < len(rs) && rs[j] < utf8.RuneSelf && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '.' && j+1 < len(rs) && unicode.IsDigit(rs[j+1])) {
				j++
			}
			out = append(out, passOn(string(rs[i:j])))
			i = j
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// Other scripts, full-width digits: spelt in Latin letters.
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j])) && !unicode.Is(unicode.Han, rs[j]) {
				j++
			}
			w := string(rs[i:j])
			out = append(out, Word{Source: w, Senses: []string{spellHan(w)}, Spelt: true})
			i = j
		default:
			i++
		}
	}
	return out
}

// spellHan spells a word no dictionary knows in Latin letters (Hanyu
// Pinyin without tones, for Han characters), as one lower-case word.
func spellHan(w string) string {
	// Kazakh's letters come out with apostrophes ("қ" → "k'") and ә as
	// "@", which no English spelling has: ә is spelt "a", and anything
	// but a letter or digit is dropped.
	latin := strings.ToLower(strings.ReplaceAll(unidecode.Unidecode(w), "@", "a"))
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, latin)
}
