// Package corpus holds the documents the bot answers from and the passages
// they are cut into: the text format and its parser, validation, and the
// default corpus embedded in the binary.
//
// # The document format
//
// A document is a UTF-8 text file: a YAML front-matter header between two
// lines of three dashes, then a Markdown body.
//
//	---
//	id: afp-summit-2025-06-17
//	title: Xi and Central Asian leaders sign treaty of "eternal" friendship
//	outlet: AFP
//	author: ""
//	published: 2025-06-17
//	url: ""
//	kind: article            # article or note
//	lang: en
//	sources:                 # where a note's facts come from (optional)
//	  - https://example.org/page (2025-06-18)
//	---
//	First paragraph.
//
//	## A section heading
//
//	A paragraph under that heading.
//
// Paragraphs are separated by blank lines; a line starting with "#" is a
// section heading that the paragraphs after it carry, never a passage of its
// own. Paragraph numbers count passages from 1 and are stable as long as the
// body's paragraphs are.
package corpus

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Kinds of document.
const (
	KindArticle = "article"
	KindNote    = "note"
)

// Limits a document must respect; Validate enforces them.
const (
	MaxTitleLen  = 200     // characters
	MaxIDLen     = 80      // bytes
	MaxBodyBytes = 1 << 20 // bytes
	// MaxFieldLen bounds the other one-line header fields (outlet,
	// author, url, each source), in characters; MaxSources their number.
	MaxFieldLen = 2000
	MaxSources  = 100
	// MaxParagraphs bounds a document's paragraphs: each is indexed as a
	// passage of its own.
	MaxParagraphs = 5000
)

// DateLayout is the layout of Document.Published.
const DateLayout = "2006-01-02"

// Errors returned by Validate and Parse, matched with errors.Is.
var (
	ErrEmptyBody   = errors.New("document body is empty")
	ErrBodyTooBig  = errors.New("document body is too large")
	ErrInvalidUTF8 = errors.New("document is not valid UTF-8")
	ErrTitle       = errors.New("document title is missing or too long")
	ErrID          = errors.New("document id is invalid")
	ErrDate        = errors.New("published date is not YYYY-MM-DD")
	ErrKind        = errors.New("document kind must be article or note")
	ErrFormat      = errors.New("document is not in the corpus format")
	ErrField       = errors.New("a header field is invalid")
)

// Document is one source the bot answers from: an article or a note.
type Document struct {
	ID        string   `yaml:"id"`
	Title     string   `yaml:"title"`
	Outlet    string   `yaml:"outlet"`
	Author    string   `yaml:"author,omitempty"`
	Published string   `yaml:"published,omitempty"` // YYYY-MM-DD or empty
	URL       string   `yaml:"url,omitempty"`
	Kind      string   `yaml:"kind"`
	Lang      string   `yaml:"lang"`
	Sources   []string `yaml:"sources,omitempty"`
	// Questions are the questions paragraphs answer, indexed beside them.
	Questions []ParagraphQuestions `yaml:"questions,omitempty"`
	Body      string               `yaml:"-"`
}

// Validate reports the first way d breaks the format's rules.
func (d Document) Validate() error {
	if !validID(d.ID) {
		return fmt.Errorf("%w: %q (lowercase letters, digits and dashes, at most %d)", ErrID, d.ID, MaxIDLen)
	}
	for _, s := range append([]string{d.Title, d.Outlet, d.Author, d.Published, d.URL, d.Body}, d.Sources...) {
		if !utf8.ValidString(s) {
			return ErrInvalidUTF8
		}
	}
	if strings.TrimSpace(d.Title) == "" || utf8.RuneCountInString(d.Title) > MaxTitleLen || strings.IndexFunc(d.Title, unicode.IsControl) >= 0 {
		return fmt.Errorf("%w (one line of 1 to %d characters, no control characters)", ErrTitle, MaxTitleLen)
	}
	for _, f := range []struct{ name, value string }{{"outlet", d.Outlet}, {"author", d.Author}, {"url", d.URL}, {"lang", d.Lang}} {
		if err := oneLine(f.name, f.value); err != nil {
			return err
		}
	}
	if len(d.Sources) > MaxSources {
		return fmt.Errorf("%w: %d sources, at most %d", ErrField, len(d.Sources), MaxSources)
	}
	for _, src := range d.Sources {
		if err := oneLine("sources", src); err != nil {
			return err
		}
	}
	if d.Published != "" {
		if _, err := time.Parse(DateLayout, d.Published); err != nil {
			return fmt.Errorf("%w: %q", ErrDate, d.Published)
		}
	}
	if d.Kind != KindArticle && d.Kind != KindNote {
		return fmt.Errorf("%w: %q", ErrKind, d.Kind)
	}
	if len(d.Body) > MaxBodyBytes {
		return fmt.Errorf("%w: %d bytes, at most %d", ErrBodyTooBig, len(d.Body), MaxBodyBytes)
	}
	switch n := len(d.paragraphs()); {
	case n == 0:
		return ErrEmptyBody
	case n > MaxParagraphs:
		return fmt.Errorf("%w: %d paragraphs, at most %d (join short ones)", ErrBodyTooBig, n, MaxParagraphs)
	}
	return d.validateQuestions()
}

// oneLine checks a header field: one line of at most MaxFieldLen
// characters, no control characters, nothing that could end the header.
func oneLine(name, v string) error {
	if utf8.RuneCountInString(v) > MaxFieldLen {
		return fmt.Errorf("%w: %s is %d characters long, at most %d", ErrField, name, utf8.RuneCountInString(v), MaxFieldLen)
	}
	if strings.IndexFunc(v, func(r rune) bool { return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' }) >= 0 {
		return fmt.Errorf("%w: %s must be one line, without control characters", ErrField, name)
	}
	return nil
}

// PublishedTime returns the published date, or the zero time when unknown.
func (d Document) PublishedTime() time.Time {
	t, err := time.Parse(DateLayout, d.Published)
	if err != nil {
		return time.Time{}
	}
	return t
}

// Hash identifies the document's whole content (header and body): two
// documents with the same hash are the same file.
func (d Document) Hash() string {
	h := sha256.New()
	// Each field with its length, so that no two documents hash alike by
	// moving text from one field to the next.
	// The text goes through one small buffer: writing a string to the
	// hash would copy it whole (the body too) on every call.
	buf := make([]byte, 4096)
	field := func(s string) {
		binary.BigEndian.PutUint64(buf, uint64(len(s)))
		h.Write(buf[:8])
		for len(s) > 0 {
			n := copy(buf, s)
			h.Write(buf[:n])
			s = s[n:]
		}
	}
	for _, s := range []string{d.ID, d.Title, d.Outlet, d.Author, d.Published, d.URL, d.Kind, d.Lang, d.Body} {
		field(s)
	}
	field(strings.Join(d.Sources, "\x00"))
	for _, q := range d.Questions {
		field(fmt.Sprintf("%d %s", q.Paragraph, q.Hash))
		field(strings.Join(q.Ask, "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// FromText makes a note from plain text: its first non-blank line is the
// title (Markdown heading marks removed), the rest the body. Control
// characters are cleaned as Parse cleans them. The document is validated.
func FromText(text string) (Document, error) {
	if !utf8.ValidString(text) {
		return Document{}, ErrInvalidUTF8
	}
	text = strings.TrimPrefix(strings.ReplaceAll(text, "\r\n", "\n"), "\ufeff")
	text = strings.TrimSpace(text)
	title, body, _ := strings.Cut(text, "\n")
	title = strings.TrimSpace(strings.TrimLeft(title, "# "))
	d := Document{Title: cleanBody(title), Body: cleanBody(body), Kind: KindNote, Lang: "en", ID: Slug(title)}
	if err := d.Validate(); err != nil {
		return Document{}, err
	}
	return d, nil
}

// WithDefaults returns d as it is stored when a moderator or operator adds
// it: title and body trimmed (the body's control characters made spaces,
// as Parse reads them), kind note and language en unless set, and an
// id made from the title unless set.
func (d Document) WithDefaults() Document {
	d.Title = strings.TrimSpace(d.Title)
	if utf8.ValidString(d.Body) { // else Validate refuses it
		d.Body = cleanBody(strings.ReplaceAll(d.Body, "\r\n", "\n"))
	}
	if d.Kind == "" {
		d.Kind = KindNote
	}
	if d.Lang == "" {
		d.Lang = "en"
	}
	if d.ID == "" {
		d.ID = Slug(d.Title)
	}
	return d
}
