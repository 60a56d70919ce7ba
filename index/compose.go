package index

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// compose picks the direct answer, the sentence of the shown passages that
// holds most of the question's weight (the best passage wins ties), and the
// facts behind it: the best sentence of each passage.
func (ix *Index) compose(st *state, v *vocabulary, hits []Hit, terms []term, groups []aliasMatch, qk kind) (string, []Fact) {
	sc := sentenceScorer{ix: ix, weights: map[string]float64{}, groups: groups, asked: map[int]bool{}, qk: qk}
	for _, t := range terms {
		sc.weights[t.text] = max(sc.weights[t.text], v.idf(t.text)*t.weight)
	}
	for _, g := range groups {
		sc.asked[g.group] = true
	}
	var (
		best      string
		bestScore = -1.0
		facts     []Fact
	)
	for i, h := range hits {
		sent, score := sc.best(h.Text)
		if sent == "" {
			continue
		}
		facts = append(facts, Fact{Text: sent, Speaker: ix.speaker(st, passageOf(st, h.ID), sent), Cite: i + 1})
		// Later passages must do clearly better to supply the answer.
		if score > bestScore*(1+0.25*float64(min(i, 1))) {
			best, bestScore = sent, score
		}
	}
	return best, facts
}

// sentenceScorer weighs sentences against a question.
type sentenceScorer struct {
	ix      *Index
	weights map[string]float64 // IDF of each searched term
	groups  []aliasMatch       // the question's alias groups
	asked   map[int]bool       // the same, as a set
	qk      kind
}

// best returns the sentence of text that weighs most, and its weight: the
// question terms it holds, itself or through an alias group of the
// question ("brought together" for "took part"); more if it holds an
// answer of the asked kind, and for a list question ("Which countries
// ...?") more again if it names several.
func (sc sentenceScorer) best(text string) (string, float64) {
	ix := sc.ix
	best, bestScore := "", -1.0
	for _, s := range Sentences(text) {
		score := 0.0
		seen := map[string]bool{}
		terms := analyse(ix.analyzer, s)
		for _, t := range terms {
			if !seen[t] {
				seen[t] = true
				score += sc.weights[t]
			}
		}
		has := map[int]bool{}
		for _, m := range ix.aliases.find(s, terms) {
			has[m.group] = true
		}
		for _, g := range sc.groups {
			if !has[g.group] {
				continue
			}
			for _, t := range g.terms {
				if !seen[t] {
					seen[t] = true
					score += ix.rk.AliasCoverage * sc.weights[t]
				}
			}
		}
		if sc.qk.t != qtypeNone && ix.holdsAnswer(sc.qk, s, nil, func() map[int]bool { return has }, sc.asked) {
			score *= ix.rk.SentenceTypeBoost
			if sc.qk.plural && ix.answerCount(sc.qk, has, sc.asked) >= listAnswers {
				score *= ix.rk.SentenceListBoost
			}
		}
		if score > bestScore {
			best, bestScore = s, score
		}
	}
	return best, bestScore
}

// Sentences splits text into sentences: after ".", "!" or "?" (and any
// closing quotes or brackets) followed by a space and an upper-case letter,
// a digit or an opening quote. Short abbreviations ("U.S.", "Dr.") do not
// end a sentence.
func Sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		end := i
		for end < len(text) {
			c, sz := utf8.DecodeRuneInString(text[end:])
			if !strings.ContainsRune(`"')]”’»`, c) {
				break
			}
			end += sz
		}
		if end >= len(text) || text[end] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[end:], " "))
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune(`"'“‘«(`, next) {
			continue
		}
		if r == '.' && isAbbreviation(text[start:i-1]) {
			continue
		}
		if s := strings.TrimSpace(text[start:end]); s != "" {
			out = append(out, s)
		}
		start = end
		i = end
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// isAbbreviation reports whether the word before a full stop is a short
// abbreviation such as "Mr", "Dr", "St", "U.S" or an initial.
func isAbbreviation(before string) bool {
	w := before[strings.LastIndexAny(before, " (\"")+1:]
	switch strings.ToLower(w) {
	case "mr", "mrs", "ms", "dr", "st", "prof", "gen", "sen", "rep", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "no", "vs", "etc":
		return true
	}
	if strings.Contains(w, ".") {
		return true // "U.S", "e.g"
	}
	return utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0])
}
