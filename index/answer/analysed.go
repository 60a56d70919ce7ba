package answer

import (
	"sync"

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
// analysing a passage costs more than finding it. It holds at most
// cacheSize texts, dropping the oldest first; it is safe for concurrent use.
type analysedCache struct {
	mu    sync.Mutex
	byKey map[string]*analysed
	order []string // keys, oldest first, as a ring
	next  int
}

// cacheSize bounds the passages whose analysis is kept (a few MB).
const cacheSize = 4096

func newAnalysedCache() *analysedCache {
	return &analysedCache{byKey: make(map[string]*analysed, cacheSize)}
}

// get returns the analysis of text, analysing it if it is not kept.
func (c *analysedCache) get(lg *lang.Analyzer, text string) *analysed {
	c.mu.Lock()
	a, ok := c.byKey[text]
	c.mu.Unlock()
	if ok {
		return a
	}
	a = analyse(lg, text)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[text]; ok {
		return a
	}
	if len(c.order) < cacheSize {
		c.order = append(c.order, text)
	} else {
		delete(c.byKey, c.order[c.next])
		c.order[c.next] = text
		c.next = (c.next + 1) % cacheSize
	}
	c.byKey[text] = a
	return a
}
