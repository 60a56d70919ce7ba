package corpus

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxHeaderBytes bounds a document's header as written; MaxFileBytes
// bounds what Parse reads, header and body together.
const (
	MaxHeaderBytes = 256 << 10
	MaxFileBytes   = MaxBodyBytes + MaxHeaderBytes
)

const fence = "---"

// Parse reads a document in the corpus format and validates it.
func Parse(data []byte) (Document, error) {
	if len(data) > MaxFileBytes {
		return Document{}, fmt.Errorf("%w: %d bytes, at most %d", ErrBodyTooBig, len(data), MaxFileBytes)
	}
	if !utf8.Valid(data) {
		return Document{}, ErrInvalidUTF8
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	header, body, ok := splitFrontMatter(text)
	if !ok {
		return Document{}, fmt.Errorf("%w: it must start with a %q line, a YAML header and a closing %q line", ErrFormat, fence, fence)
	}
	var d Document
	dec := yaml.NewDecoder(strings.NewReader(header))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil {
		return Document{}, fmt.Errorf("%w: header: %v", ErrFormat, err)
	}
	d.Body = cleanBody(body)
	if err := d.Validate(); err != nil {
		return Document{}, err
	}
	return d, nil
}

// splitFrontMatter cuts "---\nheader\n---\nbody" into header and body.
func splitFrontMatter(text string) (header, body string, ok bool) {
	first, rest, found := strings.Cut(text, "\n")
	if !found || strings.TrimSpace(first) != fence {
		return "", "", false
	}
	for off := 0; off <= len(rest); {
		line, _, _ := strings.Cut(rest[off:], "\n")
		if strings.TrimSpace(line) == fence {
			end := off + len(line)
			if end < len(rest) {
				end++
			}
			return rest[:off], rest[end:], true
		}
		if off+len(line) >= len(rest) {
			break
		}
		off += len(line) + 1
	}
	return "", "", false
}

// cleanBody turns control characters other than newline and tab into spaces
// and trims the body, so no passage carries invisible bytes.
func cleanBody(body string) string {
	body = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, body)
	return strings.TrimSpace(body)
}

// Format writes d in the corpus format; Parse(Format(d)) gives d back
// (Verify checks it).
func Format(d Document) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(fence + "\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(d); err != nil {
		return nil, fmt.Errorf("encode header of %s: %w", d.ID, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode header of %s: %w", d.ID, err)
	}
	buf.WriteString(fence + "\n")
	buf.WriteString(strings.TrimSpace(d.Body))
	buf.WriteString("\n")
	return buf.Bytes(), nil
}

// Encode writes a valid document in the corpus format and checks that the
// result reads back as the same document and within the file limits: what
// the store writes, before anyone is told it is saved.
func Encode(d Document) ([]byte, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	data, err := Format(d)
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("%w: the file would be %d bytes, at most %d (header and body)", ErrBodyTooBig, len(data), MaxFileBytes)
	}
	if header := bytes.Index(data[len(fence)+1:], []byte("\n"+fence+"\n")); header > MaxHeaderBytes {
		return nil, fmt.Errorf("%w: the header would be %d bytes, at most %d", ErrField, header, MaxHeaderBytes)
	}
	back, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%w: the written form does not read back: %v", ErrFormat, err)
	}
	if back.Hash() != d.Hash() {
		return nil, fmt.Errorf("%w: the written form reads back as another document", ErrFormat)
	}
	return data, nil
}
