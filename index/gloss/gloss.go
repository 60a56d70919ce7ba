// Package gloss reads a question written in Russian, Chinese or Kazakh
// into English words: each word or phrase of the question with every
// English sense the embedded dictionaries give it, likeliest first. Names
// of the corpus's people, places and bodies come from the foreign alias
// list (corpus/aliases-foreign.txt), country names from Unicode CLDR
// (golang.org/x/text/language/display); Chinese is segmented by
// maximum matching over CC-CEDICT's headwords, from both ends, Russian looked up whole and
// then by its Snowball stem, Kazakh through a glossary written for the
// project with a suffix stripper, then through the Russian list for
// loanwords. A word no dictionary knows is spelt in Latin letters, for the
// reader's fuzzy respelling of names. Which senses the documents hold is
// the reader's business (index/reading): this package needs no index.
package gloss

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/summitbot/summitbot/corpus"
)

// Languages, as BCP 47 tags (the same as index/reading's).
const (
	Russian = "ru"
	Chinese = "zh"
	Kazakh  = "kk"
)

// Word is a word or phrase of a question read into English.
type Word struct {
	// Source is the word or phrase as the question writes it.
	Source string
	// Senses are its English readings, the likeliest first; never empty.
	Senses []string
	// Name reports a name of the alias list or a country: Senses holds
	// its English name.
	Name bool
	// Spelt reports a word no dictionary knows: Senses holds it spelt in
	// Latin letters (a name, most likely, or a word the documents lack).
	Spelt bool
	// Number reports digits or a word written in Latin letters, passed on
	// as written.
	Number bool
}

// Glossary holds the dictionaries. It is safe for concurrent use and
// never changes once built.
type Glossary struct {
	// zhOwn are the names and the project's own Chinese words, which
	// stand for CC-CEDICT's senses of the same headword.
	zhOwn map[string][]string
	// zhPrefixes are the beginnings (two runes or more) of the longer
	// of zhOwn's words, which segment looks for.
	zhPrefixes map[string]bool
	zh         sorted // CC-CEDICT, reduced
	// zhNames are the headwords that are names.
	zhNames map[string]bool
	ru      *cyrillic
	kk      *cyrillic
	// kkPlain reads Kazakh written without its own letters.
	kkPlain *cyrillic
}

// zhMax is the longest headword maximum matching tries, in runes.
const zhMax = 10

//go:embed data/zh.txt
var zhData string

//go:embed data/zh-words.txt
var zhWords string

//go:embed data/ru.txt
var ruData string

//go:embed data/ru-stems.txt
var ruStems string

//go:embed data/ru-words.txt
var ruWords string

//go:embed data/kk.txt
var kkData string

// Default builds the glossary from the embedded dictionaries and the
// foreign alias list.
func Default() (*Glossary, error) {
	foreign, err := corpus.DefaultForeignAliases()
	if err != nil {
		return nil, fmt.Errorf("load foreign aliases: %w", err)
	}
	return New(foreign)
}

// New builds the glossary with the given foreign alias groups, each led
// by its English expression.
func New(foreign []corpus.AliasGroup) (*Glossary, error) {
	g := &Glossary{zhOwn: map[string][]string{}, zh: newSorted(zhData), zhNames: map[string]bool{}}
	ns := newNames(foreign)
	for form, en := range ns.han {
		g.zhOwn[form] = []string{en}
		g.zhNames[form] = true
	}
	if err := parseDict(zhWords, func(h string, senses []string) {
		if !g.zhNames[h] {
			merge(g.zhOwn, h, senses)
		}
	}); err != nil {
		return nil, fmt.Errorf("zh-words.txt: %w", err)
	}
	g.zhPrefixes = map[string]bool{}
	for w := range g.zhOwn {
		rs := []rune(w)
		for n := 2; n < len(rs); n++ {
			g.zhPrefixes[string(rs[:n])] = true
		}
	}
	ru, err := newCyrillic(ns.cyr, false, false, nil, newSorted(ruData), newSorted(ruStems), ruWords)
	if err != nil {
		return nil, fmt.Errorf("Russian: %w", err)
	}
	kk, err := newCyrillic(ns.cyr, true, false, ru, "", "", kkData)
	if err != nil {
		return nil, fmt.Errorf("Kazakh: %w", err)
	}
	kkPlain, err := newCyrillic(ns.cyr, true, true, ru, "", "", kkData)
	if err != nil {
		return nil, fmt.Errorf("Kazakh: %w", err)
	}
	// Kazakh written without its own letters reads as Russian: the
	// Russian reader's other language is Kazakh written plain.
	ru.loans = kkPlain
	g.ru, g.kk, g.kkPlain = ru, kk, kkPlain
	return g, nil
}

// zhFind returns the senses of a Chinese headword.
func (g *Glossary) zhFind(h string) ([]string, bool) {
	if s, ok := g.zhOwn[h]; ok {
		return s, true
	}
	return g.zh.find(h)
}

// Read reads text, a question in language (Russian, Chinese or Kazakh),
// into its words with their English senses, in order. Punctuation is
// left out. Text in another language is read as Russian when it is
// Cyrillic and as Chinese otherwise.
func (g *Glossary) Read(text, language string) []Word {
	switch language {
	case Chinese:
		return g.readChinese(text)
	case Kazakh:
		if !strings.ContainsAny(text, KazakhLetters) {
			return g.kkPlain.read(text, true)
		}
		return g.kk.read(text, true)
	}
	return g.ru.read(text, false)
}

// ReadsKazakh reports whether text, Cyrillic with none of Kazakh's own
// letters (which DetectLanguage calls Russian), reads as Kazakh typed on
// a Russian keyboard: more of its words are Kazakh words ("канша",
// "кашан", "туралы", stripped of their suffixes) that the Russian lists
// know by neither form nor stem than the other way round. Names count
// for neither. Text with Kazakh's letters is Kazakh.
func (g *Glossary) ReadsKazakh(text string) bool {
	if strings.ContainsAny(text, KazakhLetters) {
		return true
	}
	kk, ru := 0, 0
	for _, w := range splitWords(text) {
		w = fold(w)
		if isLatinOrDigit(w) {
			continue
		}
		_, inKazakh := g.kkPlain.lookup([]string{w}, false, false)
		_, inRussian := g.ru.lookup([]string{w}, false, false)
		switch {
		case inKazakh && !inRussian:
			kk++
		case inRussian && !inKazakh:
			ru++
		}
	}
	return kk > ru
}

// parseDict reads headword<TAB>sense|sense lines, skipping blank lines
// and "#" comments.
func parseDict(data string, add func(head string, senses []string)) error {
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		head, senses, ok := strings.Cut(line, "\t")
		if !ok || head == "" || senses == "" {
			return fmt.Errorf("line %d: want a headword, a tab and senses separated by |", n)
		}
		add(head, strings.Split(senses, "|"))
	}
	return sc.Err()
}

// passOn is a word read as written: digits, or Latin letters.
func passOn(w string) Word {
	return Word{Source: w, Senses: []string{w}, Number: true}
}

// isLatinOrDigit reports whether w is written in Latin letters or digits.
func isLatinOrDigit(w string) bool {
	for _, r := range w {
		if !(r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '-' || r == '.' || r == ',' || r == '+' || r == '\'') {
			return false
		}
	}
	return true
}
