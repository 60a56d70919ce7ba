package reading

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Foreign is a question in Russian, Chinese or Kazakh as read into
// English: the words the rest of the reading reads, and what they came
// from, for display.
type Foreign struct {
	// Lang is the question's language (Russian, Chinese or Kazakh).
	Lang string
	// Source is the question as asked, cleaned.
	Source string
	// Text is its English reading: each word's likeliest sense that the
	// documents hold, in the question's order.
	Text string
	// Words are the question's words with the English each was read as.
	Words []Gloss
	// senses are the other senses the documents hold, searched beside
	// the reading's own terms.
	senses []Term
}

// Gloss is one word or phrase of a foreign question and its reading.
type Gloss struct {
	Source  string
	English string
}

// foreign reads a question in language l into English against what lex
// says the documents hold. Of each word's senses the first the documents
// hold is its reading; the others they hold are searched too, the word's
// weight shared among all of them (1/n each for n senses held: the
// reading keeps its full weight through Text). A word none of whose
// senses they hold is read as its first sense, which the documents then
// lack: what "I don't know" reads.
func (r *Reader) foreign(raw, l string, lex knower) Foreign {
	f := Foreign{Lang: l, Source: raw}
	var words []string
	asks := -1 // the first word that asks (where, who, how many)
	for _, w := range r.gloss.Read(raw, l) {
		if w.Spelt && !startsUpper(w.Source) {
			// A word no dictionary knows, and no name: shown, not read.
			f.Words = append(f.Words, Gloss{Source: w.Source})
			continue
		}
		// Each sense analysed once.
		terms := make([][]string, len(w.Senses))
		pick, held := -1, 0
		for i, s := range w.Senses {
			terms[i] = r.lang.Terms(s)
			if slices.ContainsFunc(terms[i], lex.Known) {
				held++
				if pick < 0 {
					pick = i
				}
			}
		}
		if len(terms[0]) == 0 {
			// A function word first ("с": "with", then "c"): a
			// function word.
			pick = 0
		}
		if pick < 0 {
			// A function word ("where": no term at all) before a sense
			// the documents lack.
			pick = max(0, slices.IndexFunc(terms, func(ts []string) bool { return len(ts) == 0 }))
		}
		en := w.Senses[pick]
		if !w.Name && !w.Number {
			en = lowerFirst(en)
		}
		if asks < 0 && questionWord.MatchString(en) {
			asks = len(words)
		}
		words = append(words, en)
		f.Words = append(f.Words, Gloss{Source: w.Source, English: en})
		if held < 2 {
			continue
		}
		own := terms[pick]
		from := ""
		if len(own) > 0 {
			from = own[0]
		}
		for i := range w.Senses {
			if i == pick || !slices.ContainsFunc(terms[i], lex.Known) {
				continue
			}
			for _, t := range terms[i] {
				if slices.Contains(own, t) || !lex.Known(t) || slices.ContainsFunc(f.senses, func(x Term) bool { return x.Text == t }) {
					continue
				}
				fr := from
				if fr == "" {
					fr = t
				}
				f.senses = append(f.senses, Term{Text: t, From: fr, Weight: 1 / float64(held)})
			}
		}
	}
	// Chinese and Kazakh keep a question word where its answer goes
	// ("峰会在哪里举行": summit where held); English, and so the reading of
	// what a question asks, puts it first.
	if asks > 0 {
		// With the noun a determiner asks about: "which city".
		n := 1
		if (words[asks] == "which" || words[asks] == "what") && asks+1 < len(words) && !questionWord.MatchString(words[asks+1]) {
			n = 2
		}
		moved := slices.Clone(words[asks : asks+n])
		words = slices.Insert(slices.Delete(words, asks, asks+n), 0, moved...)
	}
	f.Text = strings.Join(words, " ")
	if strings.HasSuffix(raw, "?") || strings.HasSuffix(raw, "？") {
		f.Text += "?"
	}
	if f.Text == "" || f.Text == "?" {
		// Nothing to read (punctuation only): keep the question as asked.
		f.Text = raw
	}
	return f
}

// knower tells whether the documents hold an analysed term; Lexicon and
// Rarity are ones.
type knower interface{ Known(term string) bool }

// withForeign adds to q, read from f's English, the question as asked
// and the other senses of its words.
func (q *Question) withForeign(f *Foreign) {
	if f == nil || q.Foreign != nil {
		return
	}
	q.Foreign = f
	for _, t := range f.senses {
		if !slices.ContainsFunc(q.Terms, func(x Term) bool { return x.Text == t.Text }) {
			q.Terms = append(q.Terms, t)
		}
	}
}

// questionWord matches a reading that asks: an English question word or
// phrase.
var questionWord = regexp.MustCompile(`^(?:where|when|who|whom|whose|what|which|why|how)\b`)

// lowerFirst lower-cases the first letter of a sense that is no name:
// one with no other capital ("Xinhua" stays, "China–Kyrgyzstan" too).
func lowerFirst(s string) string {
	c, size := utf8.DecodeRuneInString(s)
	if c == 'I' && (len(s) == 1 || s[1] == ' ') || strings.ContainsFunc(s[size:], unicode.IsUpper) {
		return s
	}
	return string(unicode.ToLower(c)) + s[size:]
}

// startsUpper reports whether s starts with an upper-case letter.
func startsUpper(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(c)
}
