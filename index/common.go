package index

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// commonWords are everyday English words that questions use to ask rather
// than to name their subject ("What did Xi discuss ...", "How do they
// regard ..."). When the documents do not hold one, it weighs little
// towards refusing the question: a question is out of scope when it is its
// subject the documents miss, not its verb.
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

// commonStems returns the analysed forms of commonWords.
func commonStems(a analysis.Analyzer) map[string]bool {
	out := map[string]bool{}
	for _, t := range analyse(a, strings.Join(strings.Fields(commonWords), " ")) {
		out[t] = true
	}
	return out
}
