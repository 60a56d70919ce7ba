package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Questions a paragraph answers are indexed beside it, so that a question
// typed in other words than the paragraph's finds it. They live in the
// document's header:
//
//	questions:
//	  - paragraph: 3
//	    hash: 5f2a9c01d4e7
//	    ask:
//	      - where was the summit held
//	      - whats the venue of the summit
//
// hash is ParagraphHash of the paragraph the questions were written for;
// the store fills it in when a document is saved without it. Questions
// follow their paragraph when paragraphs move, and a paragraph whose text
// changed loses them: they are stale, kept in the file to be rewritten,
// but never indexed.

// Limits of a document's passage questions.
const (
	MaxQuestionsPerParagraph = 20
	MaxQuestionLen           = 200 // characters
)

// ErrQuestions is wrapped by every error about a document's passage questions.
var ErrQuestions = errors.New("passage questions are invalid")

// ParagraphQuestions are the questions one paragraph answers.
type ParagraphQuestions struct {
	Paragraph int      `yaml:"paragraph"`
	Hash      string   `yaml:"hash,omitempty"`
	Ask       []string `yaml:"ask"`
}

// ParagraphHash identifies a paragraph's text, spacing aside.
func ParagraphHash(text string) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return hex.EncodeToString(sum[:6])
}

// attach gives each passage the questions written for it: those whose
// hash is its text's, wherever it now stands, or, for questions not yet
// sealed with a hash, those given its number.
func attachQuestions(ps []Passage, qs []ParagraphQuestions) {
	if len(qs) == 0 {
		return
	}
	byHash := make(map[string]int, len(ps))
	for i, p := range ps {
		if _, dup := byHash[ParagraphHash(p.Text)]; !dup {
			byHash[ParagraphHash(p.Text)] = i
		}
	}
	for _, q := range qs {
		i, ok := -1, false
		if q.Hash == "" {
			i, ok = q.Paragraph-1, q.Paragraph >= 1 && q.Paragraph <= len(ps)
		} else {
			i, ok = byHash[q.Hash]
		}
		if ok {
			ps[i].Questions = append(ps[i].Questions, q.Ask...)
		}
	}
}

// StaleQuestions returns the document's question sets whose paragraph is
// gone or changed: kept in the file, never indexed.
func (d Document) StaleQuestions() []ParagraphQuestions {
	if len(d.Questions) == 0 {
		return nil
	}
	hashes := map[string]bool{}
	ps := d.paragraphs()
	for _, p := range ps {
		hashes[ParagraphHash(p.Text)] = true
	}
	var out []ParagraphQuestions
	for _, q := range d.Questions {
		if q.Hash != "" && !hashes[q.Hash] || q.Hash == "" && (q.Paragraph < 1 || q.Paragraph > len(ps)) {
			out = append(out, q)
		}
	}
	return out
}

// SealQuestions returns d with each question set that has no hash given
// the hash of the paragraph it names, and each set numbered by the
// paragraph it now belongs to: what the store writes.
func (d Document) SealQuestions() Document {
	if len(d.Questions) == 0 {
		return d
	}
	ps := d.paragraphs()
	at := map[string]int{}
	for _, p := range ps {
		if _, dup := at[ParagraphHash(p.Text)]; !dup {
			at[ParagraphHash(p.Text)] = p.N
		}
	}
	out := make([]ParagraphQuestions, len(d.Questions))
	for i, q := range d.Questions {
		q.Ask = append([]string(nil), q.Ask...)
		switch {
		case q.Hash == "" && q.Paragraph >= 1 && q.Paragraph <= len(ps):
			q.Hash = ParagraphHash(ps[q.Paragraph-1].Text)
		case q.Hash != "":
			if n, ok := at[q.Hash]; ok {
				q.Paragraph = n
			}
		}
		out[i] = q
	}
	d.Questions = out
	return d
}

// validateQuestions checks the question sets against the limits.
func (d Document) validateQuestions() error {
	for _, q := range d.Questions {
		if q.Paragraph < 1 {
			return fmt.Errorf("%w: paragraph %d: paragraphs count from 1", ErrQuestions, q.Paragraph)
		}
		if q.Hash != "" && !isHex(q.Hash) {
			return fmt.Errorf("%w: paragraph %d: hash %q is not what summitbot writes (leave it out and it is filled in)", ErrQuestions, q.Paragraph, q.Hash)
		}
		if len(q.Ask) == 0 || len(q.Ask) > MaxQuestionsPerParagraph {
			return fmt.Errorf("%w: paragraph %d has %d questions; give 1 to %d", ErrQuestions, q.Paragraph, len(q.Ask), MaxQuestionsPerParagraph)
		}
		for _, a := range q.Ask {
			if !utf8.ValidString(a) {
				return ErrInvalidUTF8
			}
			if strings.TrimSpace(a) == "" || utf8.RuneCountInString(a) > MaxQuestionLen || strings.IndexFunc(a, unicode.IsControl) >= 0 {
				return fmt.Errorf("%w: paragraph %d: each question is one line of 1 to %d characters", ErrQuestions, q.Paragraph, MaxQuestionLen)
			}
		}
	}
	return nil
}

func isHex(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return len(s) > 0 && len(s) <= 64
}

// QuestionLines writes a document's question sets as moderators edit them:
// one question a line, each after the number of the paragraph it answers
// ("3: where was the summit held"). Stale sets are left out.
func (d Document) QuestionLines() string {
	stale := map[string]bool{}
	for _, q := range d.StaleQuestions() {
		stale[q.Hash] = true
	}
	var b strings.Builder
	for _, q := range d.SealQuestions().Questions {
		if q.Hash != "" && stale[q.Hash] {
			continue
		}
		for _, a := range q.Ask {
			fmt.Fprintf(&b, "%d: %s\n", q.Paragraph, a)
		}
	}
	return b.String()
}

// ParseQuestionLines reads question lines for a document of paragraphs
// paragraphs: "N: question" a line; in a one-paragraph document the number
// may be left out. Blank lines are skipped. The sets come back without
// hashes, for SealQuestions.
func ParseQuestionLines(text string, paragraphs int) ([]ParagraphQuestions, error) {
	byN := map[int]int{} // paragraph → index in out
	var out []ParagraphQuestions
	for n, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		p, q := 1, line
		if num, rest, ok := strings.Cut(line, ":"); ok && isDigits(strings.TrimSpace(num)) {
			fmt.Sscan(strings.TrimSpace(num), &p)
			q = strings.TrimSpace(rest)
		} else if paragraphs > 1 {
			return nil, fmt.Errorf("%w: line %d: start it with the number of the paragraph it answers, as in \"2: %s\"", ErrQuestions, n+1, truncate(line, 40))
		}
		if p < 1 || p > paragraphs {
			return nil, fmt.Errorf("%w: line %d: paragraph %d; the document has %d", ErrQuestions, n+1, p, paragraphs)
		}
		if q == "" {
			return nil, fmt.Errorf("%w: line %d: no question after the paragraph number", ErrQuestions, n+1)
		}
		i, ok := byN[p]
		if !ok {
			i = len(out)
			byN[p] = i
			out = append(out, ParagraphQuestions{Paragraph: p})
		}
		out[i].Ask = append(out[i].Ask, q)
	}
	return out, nil
}

func isDigits(s string) bool {
	if s == "" || len(s) > 6 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
