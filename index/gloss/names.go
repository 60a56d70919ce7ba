package gloss

import (
	"strings"
	"unicode"

	"github.com/summitbot/summitbot/corpus"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// names are the foreign forms of the corpus's names, with their English
// expressions: Han forms matched as written, Cyrillic ones word by word in
// any case form.
type names struct {
	han map[string]string
	cyr []nameForm
}

// nameForm is a Cyrillic name, lower-cased, word by word.
type nameForm struct {
	words []string
	en    string
}

// newNames gathers the foreign alias groups and the countries' names in
// Russian, Kazakh and Chinese (CLDR), each led by its English name.
func newNames(foreign []corpus.AliasGroup) names {
	ns := names{han: map[string]string{}}
	seen := map[string]bool{}
	add := func(form, en string) {
		form = strings.TrimSpace(form)
		if form == "" || en == "" || seen[form] {
			return
		}
		seen[form] = true
		if strings.IndexFunc(form, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0 {
			ns.han[form] = en
			return
		}
		if strings.IndexFunc(form, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) < 0 {
			return
		}
		ns.cyr = append(ns.cyr, nameForm{words: splitWords(fold(form)), en: en})
	}
	// The alias list first: it knows the corpus's own spellings.
	for _, g := range foreign {
		for _, a := range g.Names[1:] {
			add(a.Text, g.Names[0].Text)
		}
	}
	en := display.English.Regions()
	tongues := []display.Namer{display.Russian.Regions(), display.Chinese.Regions(), display.Regions(language.Kazakh)}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() {
				continue
			}
			name := en.Name(r)
			if name == "" {
				continue
			}
			for _, t := range tongues {
				add(t.Name(r), name)
			}
		}
	}
	return ns
}

// splitWords splits text into words: runs of letters and digits, with
// the hyphens and apostrophes inside them.
func splitWords(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\'' && r != '–'
	})
}
