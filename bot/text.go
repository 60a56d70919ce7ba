package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/summitbot/summitbot/index/answer"
)

// ellipsis ends every text that was cut.
const ellipsis = "…"

// defuse breaks mention syntax in plain text.
var defuse = strings.NewReplacer(
	"@everyone", "@"+zwsp+"everyone", "@here", "@"+zwsp+"here",
	"<@", "<"+zwsp+"@", "<#", "<"+zwsp+"#",
)

// zwsp is the zero-width space put after the @ of @everyone and @here, so
// that indexed text cannot even look like a mass mention. Allowed mentions
// (set on every message) are what actually stops pings.
const zwsp = "\u200b"

// Characters escaped with a backslash wherever they appear, and those
// escaped only at the start of a line, where they begin a quote, heading,
// list or subtext.
const (
	escapeAlways    = "\\*_~`|[]()<"
	escapeLineStart = ">#-+"
)

// renderText renders untrusted text for a Discord markdown field: runs of
// white space become one space, markdown and mention syntax is escaped, the
// byte ranges in bold (which must not overlap and be in order; bad ranges
// are ignored) are wrapped in **, and the result is cut at a word boundary
// with an ellipsis so that it is at most max characters long.
func renderText(text string, bold []answer.Span, max int) string {
	return cutWords(text, bold, max, true)
}

// plainText is renderText for fields Discord shows as plain text (footers,
// author names, autocomplete choices): white space collapsed and cut at a
// word to max characters, nothing escaped, but mention syntax defused with
// a zero-width space so that it does not even look like one.
func plainText(text string, max int) string {
	return cutWords(text, nil, max, false)
}

// excerpt renders the part of a long text around its first bold range, at
// most max characters, marking the cut start and end with ellipses.
func excerpt(text string, bold []answer.Span, max int) string {
	bold = cleanSpans(text, bold)
	if max < 2 || len(bold) == 0 || utf8.RuneCountInString(text[:bold[0].Start]) < max/4 {
		return renderText(text, bold, max)
	}
	// Start about a fifth of the budget before the first match, at a word.
	start := bold[0].Start
	for n := 0; start > 0 && n < max/5; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		start -= size
	}
	for start < bold[0].Start {
		r, size := utf8.DecodeRuneInString(text[start:])
		start += size
		if unicode.IsSpace(r) {
			break
		}
	}
	shifted := make([]answer.Span, len(bold))
	for i, s := range bold {
		shifted[i] = answer.Span{Start: s.Start - start, End: s.End - start}
	}
	return ellipsis + renderText(text[start:], shifted, max-1)
}

// cutWords implements renderText (escape true) and plainText. It renders
// words only until the budget is spent, so a long text costs little.
func cutWords(text string, bold []answer.Span, max int, escape bool) string {
	if max <= 0 {
		return ""
	}
	bold = cleanSpans(text, bold)
	var words []string
	total, cut := 0, false
	for ws := 0; ws < len(text); {
		r, size := utf8.DecodeRuneInString(text[ws:])
		if unicode.IsSpace(r) {
			ws += size
			continue
		}
		we := ws
		for we < len(text) {
			r, size := utf8.DecodeRuneInString(text[we:])
			if unicode.IsSpace(r) {
				break
			}
			we += size
		}
		for len(bold) > 0 && bold[0].End <= ws {
			bold = bold[1:]
		}
		w := renderWord(text, ws, we, bold, escape, len(words) == 0)
		if len(words) > 0 {
			total++
		}
		total += utf8.RuneCountInString(w)
		words = append(words, w)
		if total > max {
			cut = true
			break
		}
		ws = we
	}
	if !cut {
		return strings.Join(words, " ")
	}
	var b strings.Builder
	n := 0
	for i, w := range words {
		wl := utf8.RuneCountInString(w)
		sep := 0
		if i > 0 {
			sep = 1
		}
		if n+sep+wl+1 > max {
			if i == 0 {
				// One word longer than the budget: cut it inside, unformatted.
				return hardCut(text, max, escape)
			}
			break
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		n += sep + wl
	}
	b.WriteString(ellipsis)
	return b.String()
}

// hardCut renders the start of text, escaped but not bold, cut inside its
// first word so that it fits max characters with the ellipsis.
func hardCut(text string, max int, escape bool) string {
	text = strings.TrimLeftFunc(text, unicode.IsSpace)
	var b strings.Builder
	n := 0
	for i, r := range text {
		if unicode.IsSpace(r) {
			break
		}
		piece := string(r)
		if escape {
			piece = escapeRune(text, i, r, i == 0)
		}
		pl := utf8.RuneCountInString(piece)
		if n+pl+1 > max {
			break
		}
		b.WriteString(piece)
		n += pl
	}
	b.WriteString(ellipsis)
	return b.String()
}

// renderWord renders text[ws:we], a word, with its bold parts.
func renderWord(text string, ws, we int, bold []answer.Span, escape, first bool) string {
	if !escape {
		return defuse.Replace(text[ws:we])
	}
	var b strings.Builder
	pos := ws
	for _, s := range bold {
		if s.Start >= we {
			break
		}
		if s.End <= ws {
			continue
		}
		a, e := max(s.Start, ws), min(s.End, we)
		b.WriteString(escapeSegment(text, pos, a, first && pos == ws))
		b.WriteString("**")
		b.WriteString(escapeSegment(text, a, e, false))
		b.WriteString("**")
		pos = e
	}
	b.WriteString(escapeSegment(text, pos, we, first && pos == ws))
	return b.String()
}

// escapeSegment escapes text[from:to]; lineStart says it begins a line.
func escapeSegment(text string, from, to int, lineStart bool) string {
	var b strings.Builder
	for i, r := range text[from:to] {
		b.WriteString(escapeRune(text, from+i, r, lineStart && i == 0))
	}
	return b.String()
}

// escapeRune escapes the rune r found at byte i of text; lineStart says r
// begins a line.
func escapeRune(text string, i int, r rune, lineStart bool) string {
	switch {
	case strings.ContainsRune(escapeAlways, r), lineStart && strings.ContainsRune(escapeLineStart, r):
		return `\` + string(r)
	case r == '@' && (strings.HasPrefix(text[i+1:], "everyone") || strings.HasPrefix(text[i+1:], "here")):
		return "@" + zwsp
	case r == '.' && isListNumber(text, i):
		return `\.`
	}
	return string(r)
}

// isListNumber reports whether the dot at byte i of text ends a run of
// digits that starts the text, as in "1. item", which Discord would show
// as a numbered list.
func isListNumber(text string, i int) bool {
	j := i
	for j > 0 && text[j-1] >= '0' && text[j-1] <= '9' {
		j--
	}
	return j == 0 && i > 0
}

// escapeMarkdown escapes all of s as one line of text.
func escapeMarkdown(s string) string {
	return escapeSegment(s, 0, len(s), true)
}

// unescapeMarkdown reverses escapeMarkdown (and renderText without bold):
// a backslash before ASCII punctuation is dropped, as Discord does, and so
// is the zero-width space after an @.
func unescapeMarkdown(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && strings.IndexByte(asciiPunct, s[i+1]) >= 0 {
			i++
			b.WriteByte(s[i])
			continue
		}
		if c == '@' && strings.HasPrefix(s[i+1:], zwsp) {
			b.WriteByte('@')
			i += len(zwsp)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// asciiPunct is what a backslash escapes in Discord markdown.
const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// cleanSpans returns the spans of text that are in order, not overlapping,
// inside text and on rune boundaries.
func cleanSpans(text string, spans []answer.Span) []answer.Span {
	var out []answer.Span
	last := 0
	for _, s := range spans {
		if s.Start < last || s.End <= s.Start || s.End > len(text) ||
			!utf8.RuneStart(text[s.Start]) || s.End < len(text) && !utf8.RuneStart(text[s.End]) {
			continue
		}
		out = append(out, s)
		last = s.End
	}
	return out
}

// textLen is the length of s as Discord counts it: in characters.
func textLen(s string) int { return utf8.RuneCountInString(s) }
