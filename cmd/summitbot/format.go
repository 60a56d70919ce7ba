package main

import (
	"fmt"
	"strings"

	"golang.org/x/text/width"

	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/catalog"
)

// FormatAnswer renders an answer for the terminal, wrapped to width
// columns: the direct answer with its speaker and citation number, then
// the numbered citations, each with its passage. A question the documents
// do not answer gets the refusal and what the documents cover; small talk
// gets what summitbot is (st says how much it holds), and a question in a
// script summitbot does not read a word, in that language, on the
// languages it understands. A follow-up read with the questions before it
// opens with how it was read. summitbot's own words are in a.Lang (see
// replyIn); the passages stay as written.
func FormatAnswer(a answer.Answer, width int, st index.Stats) string {
	w := catalog.For(a.Lang)
	var b strings.Builder
	if a.ReadAs != "" {
		// How a follow-up was read, so that a wrong reading shows.
		b.WriteString(wrap(w.Format(catalog.TermReadAs, a.ReadAs), width, "", "  "))
	}
	if !a.Answered {
		switch {
		case a.SmallTalk:
			b.WriteString(wrap(w.Format(catalog.Hello, st.Documents), width, "", ""))
		default:
			if msg, ok := otherScript(a.Question); ok {
				for _, line := range msg {
					b.WriteString(wrap(line, width, "", ""))
				}
				break
			}
			b.WriteString(wrap(w.Text(catalog.NotFound), width, "", ""))
			b.WriteString(wrap(w.Text(catalog.Scope), width, "", ""))
		}
		b.WriteString("\n")
		return b.String()
	}
	text := a.Text
	for _, f := range a.Facts {
		if f.Text == a.Text && f.Speaker != "" {
			// The dash and the name are one unit: never broken apart.
			text += " —" + nbsp + strings.Join(strings.Fields(f.Speaker), nbsp)
			break
		}
	}
	if n := a.Cite(); n > 0 {
		text = fmt.Sprintf("%s [%d]", text, n)
	}
	b.WriteString(wrap(text, width, "", ""))
	b.WriteString("\n" + w.Text(catalog.TermSources) + "\n")
	for i, h := range a.Passages {
		b.WriteString(wrap(citationIn(h, w), width, fmt.Sprintf("[%d] ", i+1), "    "))
		b.WriteString(wrap(h.Text, width, "    ", "    "))
	}
	b.WriteString("\n")
	return b.String()
}

// Citation is one line naming where a passage comes from, in English.
func Citation(h answer.Hit) string { return citationIn(h, catalog.For("")) }

// citationIn is Citation with summitbot's words in w's language.
func citationIn(h answer.Hit, w catalog.Words) string {
	parts := []string{h.Title}
	if h.Source != "" {
		parts = append(parts, h.Source)
	}
	if h.Published != "" {
		parts = append(parts, h.Published)
	}
	p := w.Format(catalog.TermParagraph, h.Paragraph)
	if h.Section != "" {
		p += " (" + w.Format(catalog.TermUnder, h.Section) + ")"
	}
	parts = append(parts, p)
	if h.URL != "" {
		parts = append(parts, h.URL)
	}
	return strings.Join(parts, ", ")
}

// nbsp joins words wrap never breaks apart; it is written as a space.
const nbsp = "\u00a0"

// wrap breaks text into lines of at most width columns (a word longer
// than that stands alone), the first starting with first and the others
// with indent, and ends it with a newline. Lines break at spaces, tabs and
// newlines, and between two East Asian wide characters (Chinese is written
// without spaces), which take two columns each: words joined by a no-break
// space stay on one line.
func wrap(text string, width int, first, indent string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	var b strings.Builder
	b.WriteString(first)
	line := columns(first)
	for i, w := range words {
		for j, p := range pieces(w) {
			n := columns(p)
			switch {
			case i == 0 && j == 0:
			case j > 0 && line+n > width:
				b.WriteString("\n" + indent)
				line = columns(indent)
			case j > 0:
			case line+1+n > width:
				b.WriteString("\n" + indent)
				line = columns(indent)
			default:
				b.WriteString(" ")
				line++
			}
			b.WriteString(strings.ReplaceAll(p, nbsp, " "))
			line += n
		}
	}
	b.WriteString("\n")
	return b.String()
}

// pieces splits a word into the parts a line may break between: before
// and after each East Asian wide character, but never before closing
// punctuation nor after opening punctuation. A word with no wide
// character is one piece.
func pieces(w string) []string {
	var out []string
	start := 0
	prevWide, prevOpen := false, false
	for i, r := range w {
		wide := isWide(r)
		if i > 0 && (wide || prevWide) && !prevOpen && !strings.ContainsRune(closing, r) {
			out = append(out, w[start:i])
			start = i
		}
		prevWide, prevOpen = wide, strings.ContainsRune(opening, r)
	}
	return append(out, w[start:])
}

// Punctuation a line never starts with (closing) or ends with (opening).
const (
	closing = "，。、：；！？）」』》〉】”’…—·,.:;!?)]"
	opening = "（「『《〈【“‘([-"
)

// isWide reports whether r takes two columns on a terminal.
func isWide(r rune) bool {
	k := width.LookupRune(r).Kind()
	return k == width.EastAsianWide || k == width.EastAsianFullwidth
}

// columns is how many terminal columns s takes.
func columns(s string) int {
	n := 0
	for _, r := range s {
		n++
		if isWide(r) {
			n++
		}
	}
	return n
}
