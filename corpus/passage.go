package corpus

import (
	"strconv"
	"strings"
)

// Passage is one paragraph of a document: the unit the bot retrieves and cites.
type Passage struct {
	DocID   string
	N       int    // paragraph number, from 1
	Section string // heading the paragraph sits under, or ""
	Text    string
	// Questions are the questions written for the paragraph that it
	// answers (see ParagraphQuestions), indexed beside it.
	Questions []string
}

// ID returns the passage's stable id, "docID#N".
func (p Passage) ID() string { return PassageID(p.DocID, p.N) }

// PassageID builds the id of paragraph n of document docID.
func PassageID(docID string, n int) string { return docID + "#" + strconv.Itoa(n) }

// ParsePassageID splits "docID#N" into its parts.
func ParsePassageID(id string) (docID string, n int, ok bool) {
	i := strings.LastIndexByte(id, '#')
	if i <= 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i+1:])
	if err != nil || n < 1 {
		return "", 0, false
	}
	return id[:i], n, true
}

// Passages cuts the document's body into paragraphs. Blank lines separate
// paragraphs; lines of one paragraph are joined with a space; a line starting
// with "#" sets the section for the paragraphs after it. Markdown emphasis is
// kept as written. Each passage carries the questions written for it.
func (d Document) Passages() []Passage {
	ps := d.paragraphs()
	attachQuestions(ps, d.Questions)
	return ps
}

// paragraphs cuts the body into passages without their questions.
func (d Document) paragraphs() []Passage {
	var (
		out     []Passage
		section string
		lines   []string
	)
	flush := func() {
		if len(lines) == 0 {
			return
		}
		text := strings.Join(lines, " ")
		lines = lines[:0]
		out = append(out, Passage{DocID: d.ID, N: len(out) + 1, Section: section, Text: text})
	}
	for _, line := range strings.Split(d.Body, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			flush()
		case isHeading(line):
			flush()
			section = strings.TrimSpace(strings.TrimLeft(line, "#"))
		default:
			lines = append(lines, line)
		}
	}
	flush()
	return out
}

// isHeading reports whether line is an ATX Markdown heading ("# ", "## ", ...).
func isHeading(line string) bool {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(line) || line[n] == ' ')
}
