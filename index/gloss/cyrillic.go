package gloss

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
)

// cyrillic reads Russian or Kazakh.
type cyrillic struct {
	// names are the names by the first two letters of their first word.
	names  map[string][]nameForm
	kazakh bool
	// suffixes are Kazakh's (nil for Russian): as written, or plain.
	suffixes []string
	// plain: Kazakh written with its own letters as the Russian ones
	// they look like ("канша" for "қанша"), as typed on a Russian
	// keyboard: the lists and names are read plain too.
	plain bool
	// exact maps a word or phrase, lower-cased, to its senses, from the
	// project's own list; big is the large list, read in place.
	exact map[string][]string
	big   sorted
	// stem maps the Russian stems of a word or phrase (space-separated)
	// to its senses; bigStem the large list's, from scripts/glossdata.
	stem    map[string][]string
	bigStem sorted
	// loans is the other language's reader: Russian for Kazakh's
	// loanwords, Kazakh for Kazakh written without its own letters
	// (which reads as Russian).
	loans    *cyrillic
	maxWords int
	stemmer  *ru.RussianStemmerFilter
}

// maxPhrase is the most words of a phrase of the large Russian list
// (scripts/glossdata keeps phrases of three words at most).
const maxPhrase = 3

// drop is the sense of a word that has no English counterpart to search
// (a particle such as "ли").
const drop = "-"

// newCyrillic builds a reader from dictionaries in priority order: the
// senses of the first come first.
func newCyrillic(ns []nameForm, kazakh, asPlain bool, loans *cyrillic, big, bigStem sorted, dicts ...string) (*cyrillic, error) {
	c := &cyrillic{names: map[string][]nameForm{}, kazakh: kazakh, plain: asPlain, exact: map[string][]string{}, big: big, stem: map[string][]string{}, bigStem: bigStem, loans: loans, maxWords: 1, stemmer: ru.NewRussianStemmerFilter()}
	switch {
	case kazakh && asPlain:
		c.suffixes = plainSuffixes
	case kazakh:
		c.suffixes = kazakhSuffixes
	}
	if big != "" {
		c.maxWords = maxPhrase
	}
	for _, n := range ns {
		if asPlain {
			n.words = plainAll(n.words)
		}
		c.maxWords = max(c.maxWords, len(n.words))
		k := prefix2(n.words[0])
		c.names[k] = append(c.names[k], n)
	}
	// Headwords sharing a stem give it their senses shortest first: a
	// form read by its stem is likelier the plain word's than a longer
	// word's built on it ("договоре" is in the treaty, договор, not
	// договориться, to agree).
	type entry struct {
		words  []string
		senses []string
		dict   int
	}
	var byStem []entry
	for i, d := range dicts {
		err := parseDict(d, func(head string, senses []string) {
			head = fold(head)
			if asPlain {
				head = plain(head)
			}
			words := splitWords(head)
			c.maxWords = max(c.maxWords, len(words))
			merge(c.exact, head, senses)
			if !kazakh {
				byStem = append(byStem, entry{words, senses, i})
			}
		})
		if err != nil {
			return nil, fmt.Errorf("dictionary %d: %w", i+1, err)
		}
	}
	slices.SortStableFunc(byStem, func(a, b entry) int {
		if a.dict != b.dict {
			return a.dict - b.dict
		}
		return utf8.RuneCountInString(strings.Join(a.words, " ")) - utf8.RuneCountInString(strings.Join(b.words, " "))
	})
	for _, e := range byStem {
		merge(c.stem, c.stems(e.words), e.senses)
	}
	return c, nil
}

// union returns a's senses, then b's that a lacks.
func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, x := range b {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func merge(m map[string][]string, key string, senses []string) {
	for _, s := range senses {
		if !slices.Contains(m[key], s) {
			m[key] = append(m[key], s)
		}
	}
}

// stems returns the Snowball stems of words, space-separated.
func (c *cyrillic) stems(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		ts := c.stemmer.Filter(analysis.TokenStream{&analysis.Token{Term: []byte(w)}})
		out[i] = string(ts[0].Term)
	}
	return strings.Join(out, " ")
}

// read reads text word by word, the longest phrase a dictionary or the
// names know first.
func (c *cyrillic) read(text string, _ bool) []Word {
	toks := splitWords(text)
	lower := make([]string, len(toks))
	for i, t := range toks {
		lower[i] = fold(t)
	}
	var out []Word
	for i := 0; i < len(toks); {
		n := min(c.maxWords, len(toks)-i)
		found := false
		for ; n >= 1; n-- {
			if w, ok := c.lookup(lower[i:i+n], true, true); ok {
				w.Source = strings.Join(toks[i:i+n], " ")
				if len(w.Senses) > 0 && w.Senses[0] != drop {
					out = append(out, w)
				}
				i += n
				found = true
				break
			}
		}
		if found {
			continue
		}
		t := toks[i]
		if parts := strings.FieldsFunc(t, isDash); len(parts) > 1 {
			// "Китай-Центральная Азия": read the parts of a joined
			// word none of the lists knows whole.
			toks = slices.Concat(toks[:i], parts, toks[i+1:])
			lower = slices.Concat(lower[:i], foldAll(parts), lower[i+1:])
			continue
		}
		i++
		if isLatinOrDigit(t) {
			out = append(out, passOn(t))
			continue
		}
		out = append(out, Word{Source: t, Senses: []string{spellHan(t)}, Spelt: true})
	}
	return out
}

// lookup finds the senses of a phrase of lower-cased words: a name in any
// case form first, then the phrase as written, then (Kazakh) its words
// stripped of their suffixes or (Russian) by stem, then in the other
// language's dictionary.
func (c *cyrillic) lookup(words []string, withNames, withLoans bool) (Word, bool) {
	if c.plain {
		words = plainAll(words)
	}
	if withNames {
		// The longest name the words are a form of ("Сиане" is Xi'an's,
		// not Xi's).
		best, size := "", 0
		for _, n := range c.names[prefix2(words[0])] {
			if len(n.words) == len(words) && c.isName(words, n.words) {
				if l := len(strings.Join(n.words, " ")); l > size {
					best, size = n.en, l
				}
			}
		}
		if best != "" {
			return Word{Senses: []string{best}, Name: true}, true
		}
	}
	key := strings.Join(words, " ")
	exact, ok := c.exact[key]
	if more, found := c.big.find(key); found {
		exact, ok = union(exact, more), true
	}
	if ok && c.kazakh {
		return Word{Senses: exact}, true
	}
	if len(words) == 1 && strings.Contains(words[0], "-") {
		// "АЭС-ін", "АЭС-е": an abbreviation with its ending.
		i := strings.LastIndex(words[0], "-")
		if head, rest := words[0][:i], words[0][i+1:]; head != "" && (c.kazakh && isKazakhChain(rest, 3, c.suffixes) || !c.kazakh && ruEndings[rest]) {
			if w, ok := c.lookup([]string{head}, withNames, withLoans); ok {
				return w, true
			}
		}
	}
	if c.kazakh {
		// The last word of a phrase takes the suffixes ("қол қойды":
		// "қол қой" with "-ды").
		last := len(words) - 1
		stems := kazakhStems(words[last], c.suffixes)
		for _, stem := range stems {
			if s, ok := c.exact[strings.Join(append(slices.Clone(words[:last]), stem), " ")]; ok {
				return Word{Senses: s}, true
			}
		}
		if c.loans != nil && withLoans {
			// A Russian loanword with Kazakh suffixes ("договорға").
			if w, ok := c.loans.lookup(words, false, false); ok {
				return w, true
			}
			// Stripped, only as the Russian list writes it whole, and of
			// four letters or more: Russian stems of a stripped Kazakh
			// word are mostly chance ("курылысы" → "кур", hens).
			for _, stem := range stems {
				if utf8.RuneCountInString(stem) < 4 {
					continue
				}
				if s, ok := c.loans.whole(strings.Join(append(slices.Clone(words[:last]), stem), " ")); ok {
					return Word{Senses: s}, true
				}
			}
		}
	} else {
		// The form's own senses first, then its stem's: a form the
		// dictionary gives only a rare sense for ("проходил": "passes")
		// has its stem's too ("held"); then Kazakh's, for Kazakh written
		// without its own letters ("бап": "article", where the Russian
		// list has a transliteration).
		senses := slices.Clone(exact)
		add := func(more []string) {
			for _, x := range more {
				if !slices.Contains(senses, x) {
					senses = append(senses, x)
				}
			}
		}
		st := c.stems(words)
		add(c.stem[st])
		if more, found := c.bigStem.find(st); found {
			add(more)
		}
		if c.loans != nil && withLoans {
			if w, ok := c.loans.lookup(words, false, false); ok {
				add(w.Senses)
			}
		}
		if len(senses) > 0 {
			return Word{Senses: senses}, true
		}
		return Word{}, false
	}
	if c.loans != nil && withLoans {
		return c.loans.lookup(words, false, false)
	}
	return Word{}, false
}

// isName reports whether words are a case form of the name's words.
func (c *cyrillic) isName(words, name []string) bool {
	for i, w := range words {
		if !nameWordForm(w, name[i], c.suffixes) {
			return false
		}
	}
	return true
}

// nameWordForm reports whether w is a case form of the name word n: n
// itself, n with Kazakh suffixes (of a Kazakh reader, whose suffixes
// these are: "Қытайдың"), or n less its final vowel with a Russian case
// ending ("Китая", "Астане", "Токаевым").
func nameWordForm(w, n string, suffixes []string) bool {
	if w == n {
		return true
	}
	if rest, ok := strings.CutPrefix(w, n); ok && (ruEndings[rest] || suffixes != nil && isKazakhChain(rest, 3, suffixes)) {
		return true
	}
	// Less its final vowel ("Китай" → "Кита-я") or adjective ending
	// ("Центральная" → "Центральн-ой").
	rs := []rune(n)
	for k := 1; k <= 2 && len(rs)-k >= 3; k++ {
		end := string(rs[len(rs)-k:])
		if k == 1 && !strings.Contains("аяоеёиыуюйьі", end) || k == 2 && !ruEndings[end] {
			continue
		}
		if rest, ok := strings.CutPrefix(w, string(rs[:len(rs)-k])); ok && ruEndings[rest] {
			return true
		}
	}
	return false
}

// ruEndings are the Russian case endings of nouns, adjectives and names.
var ruEndings = setOf("а я у ю е ы и о ый ий ом ем ём ой ей ою ею ам ям ами ями ах ях ов ев ым им ого его ому ему ую юю ая яя ое ее ые ие ых их ский ская ское ские ского ской ском скую ских ским скими")

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// plain writes Kazakh's own letters of a lower-cased word as the Russian
// letters they look like, as they are typed without a Kazakh keyboard.
func plain(w string) string { return kazakhPlain.Replace(w) }

var kazakhPlain = strings.NewReplacer("ә", "а", "ғ", "г", "қ", "к", "ң", "н", "ө", "о", "ұ", "у", "ү", "у", "һ", "х", "і", "и")

func plainAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = plain(w)
	}
	return out
}

// fold lower-cases a word and writes ё as е, as dictionaries do.
func fold(w string) string {
	return strings.ReplaceAll(strings.ToLower(w), "ё", "е")
}

// prefix2 returns the first two letters of w: every case form of a name
// word keeps them (nameWordForm drops two letters at most, of words of
// four or more).
func prefix2(w string) string {
	n := 0
	for i := range w {
		if n == 2 {
			return w[:i]
		}
		n++
	}
	return w
}

// isDash reports a hyphen or dash joining words.
func isDash(r rune) bool { return r == '-' || r == '–' || r == '—' }

func foldAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = fold(w)
	}
	return out
}

// whole returns the senses of a word or phrase written as the lists write
// it, with no stemming.
func (c *cyrillic) whole(key string) ([]string, bool) {
	exact, ok := c.exact[key]
	if more, found := c.big.find(key); found {
		exact, ok = union(exact, more), true
	}
	return exact, ok
}
