package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxQuote is how long (in bytes) a quotation may run before a sentence
// end inside it counts: an unclosed quotation mark must not glue a whole
// paragraph into one sentence.
const maxQuote = 600

// Sentences splits text into sentences: after ".", "!" or "?" (and any
// closing quotes or brackets) followed by a space and an upper-case letter,
// a digit or an opening quote. Short abbreviations ("U.S.", "Dr.") do not
// end a sentence, and neither does a full stop inside a quotation, so a
// quote of several sentences stays whole with its attribution ("There is no
// reason for such fears. China is ...," Peskov told reporters).
func Sentences(text string) []string {
	var out []string
	for _, s := range SentenceSpans(text) {
		out = append(out, text[s[0]:s[1]])
	}
	return out
}

// SentenceSpans returns the byte ranges of Sentences(text), trimmed.
func SentenceSpans(text string) [][2]int {
	var out [][2]int
	add := func(start, end int) {
		for start < end && text[start] == ' ' {
			start++
		}
		for end > start && text[end-1] == ' ' {
			end--
		}
		if start < end {
			out = append(out, [2]int{start, end})
		}
	}
	start := 0
	quoteAt := -1 // byte offset of the open quotation mark, or -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch r {
		case '“':
			quoteAt = i
			continue
		case '”':
			quoteAt = -1
			continue
		case '"':
			if quoteAt >= 0 {
				quoteAt = -1
			} else {
				quoteAt = i
			}
			continue
		case '.', '!', '?':
		default:
			continue
		}
		end := i
		closed := false
		for end < len(text) {
			c, sz := utf8.DecodeRuneInString(text[end:])
			if !strings.ContainsRune(`"')]”’»`, c) {
				break
			}
			if c == '"' || c == '”' {
				closed = true
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
		if quoteAt >= 0 && !closed && i-quoteAt < maxQuote {
			continue // inside a quotation
		}
		if closed {
			// The closing mark ends the quote; what follows is a new
			// sentence only if no attribution goes with the quote.
			quoteAt = -1
		}
		add(start, end)
		start = end
		i = end
	}
	add(start, len(text))
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
