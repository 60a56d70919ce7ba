package main

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
)

// FormatAnswer renders an answer for the terminal, wrapped to width
// columns: the direct answer with its speaker and citation number, then
// the numbered citations, each with its passage. A question the documents
// do not answer gets the refusal and what the documents cover; small talk
// gets what summitbot is (st says how much it holds), and a question in
// another script a word, in that language, that questions are answered in
// English. A follow-up read with the questions before it opens with how
// it was read.
func FormatAnswer(a answer.Answer, width int, st index.Stats) string {
	var b strings.Builder
	if a.ReadAs != "" {
		// How a follow-up was read, so that a wrong reading shows.
		b.WriteString(wrap("(read as: "+a.ReadAs+")", width, "", "  "))
	}
	if !a.Answered {
		switch {
		case a.SmallTalk:
			b.WriteString(wrap(aboutText(st), width, "", ""))
		default:
			if msg, ok := otherLanguage(a.Question); ok && !readLanguages[a.Lang] {
				for _, line := range msg {
					b.WriteString(wrap(line, width, "", ""))
				}
				break
			}
			b.WriteString(wrap(answer.NotFound, width, "", ""))
			b.WriteString(wrap(answer.Scope, width, "", ""))
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
	b.WriteString("\nSources:\n")
	for i, h := range a.Passages {
		b.WriteString(wrap(Citation(h), width, fmt.Sprintf("[%d] ", i+1), "    "))
		b.WriteString(wrap(h.Text, width, "    ", "    "))
	}
	b.WriteString("\n")
	return b.String()
}

// aboutText says what summitbot is, for small talk ("hi", "thanks").
func aboutText(st index.Stats) string {
	return fmt.Sprintf("Hello! I answer questions about the second China–Central Asia summit (Astana, 17 June 2025) "+
		"from %d trusted documents, and show where every answer comes from; when the documents don't say, I say so. "+
		"Ask, for example: \"Where was the summit held?\" or \"What did Xi say about tariff wars?\"", st.Documents)
}

// Citation is one line naming where a passage comes from.
func Citation(h answer.Hit) string {
	parts := []string{h.Title}
	if h.Source != "" {
		parts = append(parts, h.Source)
	}
	if h.Published != "" {
		parts = append(parts, h.Published)
	}
	p := fmt.Sprintf("paragraph %d", h.Paragraph)
	if h.Section != "" {
		p += fmt.Sprintf(" (under %q)", h.Section)
	}
	parts = append(parts, p)
	if h.URL != "" {
		parts = append(parts, h.URL)
	}
	return strings.Join(parts, ", ")
}

// nbsp joins words wrap never breaks apart; it is written as a space.
const nbsp = "\u00a0"

// wrap breaks text into lines of at most width characters (a word longer
// than that stands alone), the first starting with first and the others
// with indent, and ends it with a newline. Lines break at spaces, tabs and
// newlines only: words joined by a no-break space stay on one line.
func wrap(text string, width int, first, indent string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	var b strings.Builder
	b.WriteString(first)
	line := utf8.RuneCountInString(first)
	for i, w := range words {
		n := utf8.RuneCountInString(w)
		switch {
		case i == 0:
		case line+1+n > width:
			b.WriteString("\n" + indent)
			line = utf8.RuneCountInString(indent)
		default:
			b.WriteString(" ")
			line++
		}
		b.WriteString(strings.ReplaceAll(w, nbsp, " "))
		line += n
	}
	b.WriteString("\n")
	return b.String()
}
