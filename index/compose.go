package index

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// compose picks the direct answer, the sentence of the shown passages that
// holds most of the question's weight (the best passage wins ties), and the
// facts behind it: the best sentence of each passage.
func (ix *Index) compose(st *state, v *vocabulary, hits []Hit, terms []term, qk kind) (string, []Fact) {
	weights := map[string]float64{}
	for _, t := range terms {
		weights[t.text] = max(weights[t.text], v.idf(t.text)*t.weight)
	}
	var (
		best      string
		bestScore = -1.0
		facts     []Fact
	)
	for i, h := range hits {
		sent, score := ix.bestSentence(h.Text, weights, qk)
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

// bestSentence returns the sentence of text whose terms weigh most, and
// that weight.
func (ix *Index) bestSentence(text string, weights map[string]float64, qk kind) (string, float64) {
	best, bestScore := "", -1.0
	for _, s := range Sentences(text) {
		score := 0.0
		seen := map[string]bool{}
		for _, tok := range ix.analyzer.Analyze([]byte(s)) {
			t := string(tok.Term)
			if !seen[t] {
				seen[t] = true
				score += weights[t]
			}
		}
		if qk.t != qtypeNone && qk.inText(s, nil) {
			score *= ix.rk.SentenceTypeBoost
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
