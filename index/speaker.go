package index

import (
	"regexp"
	"strings"

	"github.com/summitbot/summitbot/corpus"
)

// Attribution: who said a quoted sentence. A sentence is a quote when it
// holds a quotation or a verb of saying; its speaker is the person (or
// country, or organisation) named in the words outside the quotation, or,
// when those words say only "he", "him" or "the analyst", the last person
// named before it in the same document.

var (
	quoteMarks   = regexp.MustCompile(`["“”]`)
	sayingVerb   = regexp.MustCompile(`\b(?:said|says|say|told|tells|added|adds|quoted|stated|according to|noted|warned|declared|announced)\b`)
	quotedPart   = regexp.MustCompile(`["“][^"“”]*["”]`)
	pronounOrRol = regexp.MustCompile(`(?i)\b(?:he|him|she|her|they|them|the (?:analyst|spokesman|spokesperson|official|expert|minister|president|leader|scientist))\b`)
)

// lookBack is how many earlier passages of a document are searched for
// the person a pronoun stands for.
const lookBack = 3

// speaker returns who said sentence s of passage p, or "" when s is not a
// quote or its speaker cannot be told.
func (ix *Index) speaker(st *state, p corpus.Passage, s string) string {
	if !quoteMarks.MatchString(s) && !sayingVerb.MatchString(s) {
		return ""
	}
	outside := quotedPart.ReplaceAllString(s, " … ")
	verb := sayingVerb.FindStringIndex(outside)
	if verb == nil {
		return ""
	}
	if pronounOrRol.MatchString(outside) && ix.firstName(outside, personKinds) == "" {
		// "Xinhua quoted him as saying", "the analyst added": the person
		// named first in the nearest text before that names one.
		if name := ix.firstName(p.Text[:max(0, strings.Index(p.Text, s))], personKinds); name != "" {
			return name
		}
		for n := p.N - 1; n >= 1 && n >= p.N-lookBack; n-- {
			prev, ok := st.passage(corpus.PassageID(p.DocID, n))
			if !ok {
				break
			}
			if name := ix.firstName(prev.Text, personKinds); name != "" {
				return name
			}
		}
		return ""
	}
	if name := ix.firstName(outside, personKinds); name != "" {
		return name
	}
	// "Russia says ...", "Kazakhstan said ...": the country or
	// organisation before the verb, else after it.
	if name := ix.firstName(outside[:verb[0]], speakerKinds); name != "" {
		return name
	}
	return ix.firstName(outside[verb[1]:], speakerKinds)
}

var (
	personKinds  = []string{corpus.AliasPeople}
	speakerKinds = []string{corpus.AliasCountries, corpus.AliasOrganisations}
)

// firstName returns the name (the first expression of its alias group) of
// the first group of the given kinds that text names.
func (ix *Index) firstName(text string, kinds []string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	for _, m := range ix.aliases.find(text, analyse(ix.analyzer, text)) {
		for _, k := range kinds {
			if ix.aliases.kinds[m.group] == k {
				return ix.aliases.names[m.group]
			}
		}
	}
	return ""
}
