package gloss

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	unidecode "github.com/mozillazg/go-unidecode"
)

// readChinese segments text by bidirectional maximum matching over the
// headwords (see segment), and reads runs of Latin letters and digits as
// written.
func (g *Glossary) readChinese(text string) []Word {
	rs := []rune(text)
	var out []Word
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.Is(unicode.Han, r):
			j := i
			for j < len(rs) && unicode.Is(unicode.Han, rs[j]) {
				j++
			}
			for _, head := range g.segment(rs[i:j]) {
				if senses, ok := g.zhFind(head); ok {
					if senses[0] != drop {
						out = append(out, Word{Source: head, Senses: senses, Name: g.zhNames[head]})
					}
				} else {
					out = append(out, Word{Source: head, Senses: []string{spellHan(head)}, Spelt: true})
				}
			}
			i = j
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			j := i
			for j < len(rs) && rs[j] < utf8.RuneSelf && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '.' && j+1 < len(rs) && unicode.IsDigit(rs[j+1])) {
				j++
			}
			if w, ok := chineseDate(string(rs[i:j]), rs[j:]); ok {
				out = append(out, w)
				i = j + 1
				continue
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

// chineseDate reads a date written with digits, n and the character
// after it: "6月" is June, "17号" and "17日" the 17th (the day of a month,
// read as its number, as English writes "17 June"). Other numbers are no
// date.
func chineseDate(n string, after []rune) (Word, bool) {
	v, err := strconv.Atoi(n)
	if err != nil || len(after) == 0 {
		return Word{}, false
	}
	source := n + string(after[0])
	switch after[0] {
	case '月':
		if v >= 1 && v <= 12 {
			return Word{Source: source, Senses: []string{time.Month(v).String()}, Number: true}, true
		}
	case '号', '日':
		if v >= 1 && v <= 31 {
			return Word{Source: source, Senses: []string{n}, Number: true}, true
		}
	}
	return Word{}, false
}

// segment splits a run of Han characters into headwords (a character
// no headword starts stands alone) by maximum matching both ways: the
// longest headword at each place from the start, and from the end; of
// the two, the one with fewer words, then the one with fewer words of a
// single character, then the one with more of the project's own words
// (names and zh-words.txt: "条约" and "吗" over CEDICT's "约吗"), and
// else the one from the end, which reads a question's ambiguous joins
// better ("2024年中哈": "year" and "China–Kazakhstan", where from the
// start "年中" is "mid-year"; "中国海关": "China" and "customs", not
// "China Seas" and "pass").
func (g *Glossary) segment(run []rune) []string {
	text := string(run)
	at := make([]int, 0, len(run)+1) // byte offset of each rune, and the end
	for i := range text {
		at = append(at, i)
	}
	at = append(at, len(text))
	// heads[i] are the lengths above one, in runes, of the headwords at i,
	// each looked up once for both directions.
	heads := make([][]int, len(run))
	for i := range run {
		for n := 2; n <= zhMax && i+n <= len(run); n++ {
			w := text[at[i]:at[i+n]]
			_, own := g.zhOwn[w]
			head, longer := g.zh.span(w)
			if own || head {
				heads[i] = append(heads[i], n)
			}
			if !longer && !g.zhPrefixes[w] {
				break
			}
		}
	}
	var fw, bw []string
	for i := 0; i < len(run); {
		n := 1
		if hs := heads[i]; len(hs) > 0 {
			n = hs[len(hs)-1]
		}
		fw = append(fw, text[at[i]:at[i+n]])
		i += n
	}
	for j := len(run); j > 0; {
		n := 1
		for m := min(zhMax, j); m > 1; m-- {
			if slices.Contains(heads[j-m], m) {
				n = m
				break
			}
		}
		bw = append(bw, text[at[j-n]:at[j]])
		j -= n
	}
	slices.Reverse(bw)
	count := func(ws []string, f func(string) bool) int {
		n := 0
		for _, w := range ws {
			if f(w) {
				n++
			}
		}
		return n
	}
	single := func(w string) bool { return utf8.RuneCountInString(w) == 1 }
	own := func(w string) bool { _, ok := g.zhOwn[w]; return ok }
	switch {
	case len(fw) != len(bw):
		if len(fw) < len(bw) {
			return fw
		}
		return bw
	case count(fw, single) != count(bw, single):
		if count(fw, single) < count(bw, single) {
			return fw
		}
		return bw
	case count(fw, own) > count(bw, own):
		return fw
	}
	return bw
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
