package answer

import (
	"github.com/summitbot/summitbot/index/lang"
)

// analysed is a passage's text as ranking reads it: its sentences, their
// terms and alias groups. It never changes once built.
type analysed struct {
	sents  []sentence
	groups map[int]bool // every group of the text
}

// analyse reads a passage's text into sentences, terms and groups.
func analyse(lg *lang.Analyzer, text string) *analysed {
	a := &analysed{groups: map[int]bool{}}
	al := lg.Aliases()
	toks := lg.Tokens(text)
	ti := 0
	for _, sp := range lang.SentenceSpans(text) {
		s := sentence{text: text[sp[0]:sp[1]], start: sp[0], terms: map[string]bool{}}
		var terms []string
		for ti < len(toks) && toks[ti].Start < sp[1] {
			if toks[ti].Start >= sp[0] {
				terms = append(terms, toks[ti].Term)
				s.terms[toks[ti].Term] = true
			}
			ti++
		}
		s.groups = al.Groups(s.text, terms)
		for g := range s.groups {
			a.groups[g] = true
		}
		a.sents = append(a.sents, s)
	}
	return a
}

// analysedCache keeps the analysis of the passages read lately: the same
// passages answer many questions (the built-in corpus above all), and
// analysing a passage costs more than finding it.
type analysedCache struct{ texts *ring[string, *analysed] }

// cacheSize bounds the passages whose analysis is kept (a few MB).
const cacheSize = 4096

func newAnalysedCache() *analysedCache {
	return &analysedCache{texts: newRing[string, *analysed](cacheSize)}
}

// get returns the analysis of text, analysing it if it is not kept.
func (c *analysedCache) get(lg *lang.Analyzer, text string) *analysed {
	return c.texts.get(text, func() *analysed { return analyse(lg, text) })
}
