// Package lang reads English text the way the index does: analysis into
// terms (bleve's English analyzer: possessives, lower case, stop words,
// Porter stems), the alias groups a text expresses, sentences, and edit
// distances for misspellings. Indexing, question reading and answer
// composition all read text through it, so they agree on every term.
package lang

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/summitbot/summitbot/corpus"
)

// AnalyzerName is the bleve analyzer of text and questions alike.
const AnalyzerName = en.AnalyzerName

// Analyzer analyses text into terms and finds its alias groups. It is safe
// for concurrent use and never changes once built.
type Analyzer struct {
	a       analysis.Analyzer
	aliases *Aliases
	common  map[string]bool
	english map[string]bool
	// neighbours are the stems nearest in meaning to each stem.
	neighbours *neighbours
}

//go:embed english.txt
var englishStems string

// New builds the analyzer with the given alias groups.
func New(groups []corpus.AliasGroup) (*Analyzer, error) {
	a, err := registry.NewCache().AnalyzerNamed(AnalyzerName)
	if err != nil {
		return nil, fmt.Errorf("analyzer %q: %w", AnalyzerName, err)
	}
	l := &Analyzer{a: a}
	l.aliases = newAliases(groups, l.Terms)
	l.common = map[string]bool{}
	for _, t := range l.Terms(strings.Join(strings.Fields(commonWords), " ")) {
		l.common[t] = true
	}
	if l.neighbours, err = parseNeighbours(neighboursData); err != nil {
		return nil, err
	}
	l.english = make(map[string]bool, 27000)
	for _, line := range strings.Split(englishStems, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			l.english[line] = true
		}
	}
	return l, nil
}

// Default builds the analyzer with the curated alias list.
func Default() (*Analyzer, error) {
	groups, err := corpus.DefaultAliases()
	if err != nil {
		return nil, fmt.Errorf("load aliases: %w", err)
	}
	return New(groups)
}

// Terms returns the analysed terms of text, in order.
func (l *Analyzer) Terms(text string) []string {
	toks := l.a.Analyze([]byte(text))
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, string(t.Term))
	}
	return out
}

// Token is an analysed term with the byte range of text it came from.
type Token struct {
	Term       string
	Start, End int
}

// Tokens returns the analysed terms of text with their byte ranges.
func (l *Analyzer) Tokens(text string) []Token {
	toks := l.a.Analyze([]byte(text))
	out := make([]Token, 0, len(toks))
	for _, t := range toks {
		out = append(out, Token{Term: string(t.Term), Start: t.Start, End: t.End})
	}
	return out
}

// Aliases returns the alias groups the analyzer finds.
func (l *Analyzer) Aliases() *Aliases { return l.aliases }

// IsCommon reports whether an analysed term is an everyday English word
// that questions use to ask rather than to name their subject.
func (l *Analyzer) IsCommon(term string) bool { return l.common[term] }

// IsEnglish reports whether an analysed term is the stem of an English
// dictionary word (SCOWL; see english.NOTICE): a question word the
// documents lack that is English asks about something they do not hold,
// while one that is not is more likely a typo or chat.
func (l *Analyzer) IsEnglish(term string) bool { return l.english[term] }

// commonWords are everyday English words that questions use to ask rather
// than to name their subject ("What did Xi discuss ...", "How do they
// regard ...").
const commonWords = `
ask asked talk talked discuss discussed discussion mention mentioned regard regarded view viewed
describe described explain explained consider considered think thought believe believed feel felt
mean meant seem seemed look looked see saw seen want wanted wish need needed hope hoped expect expected
plan planned try tried use used make made do did get got give gave given go went gone come came
take took taken keep kept put run ran show showed shown find found call called become became
bring brought begin began happen happened occur occurred change changed move moved turn turned
help helped leave left stay stayed sit sat stand stood set work worked play played live lived
still also even ever never often really actually exactly currently recently just only already
thing things stuff way ways lot lots kind sort type part bit point issue issues matter matters
someone something somebody anyone anything everyone everything people person
good bad big small new old great important main major key real whole
today now then soon later happen happening reason reasons result results idea ideas
`
