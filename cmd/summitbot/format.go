package main

import (
	"fmt"
	"strings"

	"github.com/summitbot/summitbot/index/answer"
)

// FormatAnswer renders an answer for the terminal: the direct answer with
// its citation number, then the numbered passages with their citations.
func FormatAnswer(a answer.Answer) string {
	var b strings.Builder
	if !a.Answered {
		b.WriteString(wrap(answer.NotFound, 78, ""))
		b.WriteString(wrap(answer.Scope, 78, ""))
		b.WriteString("\n")
		return b.String()
	}
	answer := a.Text
	for _, f := range a.Facts {
		if f.Text == a.Text && f.Speaker != "" {
			answer += " — " + f.Speaker
			break
		}
	}
	if n := a.Cite(); n > 0 {
		answer = fmt.Sprintf("%s [%d]", answer, n)
	}
	b.WriteString(wrap(answer, 78, ""))
	b.WriteString("\nSources:\n")
	for i, h := range a.Passages {
		fmt.Fprintf(&b, "[%d] %s\n", i+1, Citation(h))
		b.WriteString(wrap(h.Text, 78, "    "))
	}
	b.WriteString("\n")
	return b.String()
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

// wrap breaks text into lines of at most width characters, each starting
// with indent, and ends it with a newline.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	line := 0
	for i, w := range strings.Fields(text) {
		n := len([]rune(w))
		switch {
		case i == 0:
			b.WriteString(indent)
			line = len(indent)
		case line+1+n > width:
			b.WriteString("\n" + indent)
			line = len(indent)
		default:
			b.WriteString(" ")
			line++
		}
		b.WriteString(w)
		line += n
	}
	b.WriteString("\n")
	return b.String()
}
