package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
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
	d, err := decode(data)
	if err != nil {
		return Document{}, err
	}
	if err := d.Validate(); err != nil {
		return Document{}, err
	}
	return d, nil
}

// ParseDraft reads a document in the corpus format as an operator writes
// one: the id, the kind and the language may be left out, and stay empty
// (WithDefaults makes them the title's slug, note and en). The rest is
// validated as Parse does.
func ParseDraft(data []byte) (Document, error) {
	d, err := decode(data)
	if err != nil {
		return Document{}, err
	}
	if err := d.WithDefaults().Validate(); err != nil {
		return Document{}, err
	}
	return d, nil
}

// decode reads a document in the corpus format without validating it.
func decode(data []byte) (Document, error) {
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
		return Document{}, fmt.Errorf("%w: in the header, %s", ErrFormat, headerError(err))
	}
	d.Body = cleanBody(body)
	return d, nil
}

// headerFields are the fields a document's header may hold.
const headerFields = "id, title, outlet, author, published, url, kind, lang, sources, questions"

var (
	headerLine   = regexp.MustCompile(`\bline (\d+)`)
	unknownField = regexp.MustCompile(`^line (\d+): field (.+) not found in type \S+$`)
	wrongValue   = regexp.MustCompile(`^line (\d+): cannot unmarshal !!(\w+) (?:` + "`" + `[^` + "`" + `]*` + "`" + ` )?into (\S+)$`)
)

// headerError words a YAML decoding error of a header for the person who
// wrote it: the line of the file, the field or value, what is wanted;
// never a Go type.
func headerError(err error) string {
	// YAML counts the header's lines; the file has the opening fence first.
	fileLines := func(msg string) string {
		return headerLine.ReplaceAllStringFunc(msg, func(m string) string {
			n, err := strconv.Atoi(strings.TrimPrefix(m, "line "))
			if err != nil {
				return m
			}
			return "line " + strconv.Itoa(n+1)
		})
	}
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return fileLines(strings.TrimPrefix(err.Error(), "yaml: "))
	}
	kinds := map[string]string{
		"str": "text", "int": "a number", "float": "a number", "bool": "true or false",
		"seq": "a list", "map": "fields", "timestamp": "a date", "null": "nothing",
		"string": "text", "[]string": "a list of text", "[]corpus.ParagraphQuestions": "a list of paragraphs and their questions",
		"corpus.ParagraphQuestions": "a paragraph and its questions",
	}
	kind := func(k string) string {
		if w, ok := kinds[k]; ok {
			return w
		}
		return "another kind of value"
	}
	msgs := make([]string, 0, len(te.Errors))
	for _, e := range te.Errors {
		switch m := unknownField.FindStringSubmatch(e); {
		case m != nil:
			msgs = append(msgs, fmt.Sprintf("line %s: unknown field %q (the fields are %s)", m[1], m[2], headerFields))
		default:
			if m := wrongValue.FindStringSubmatch(e); m != nil {
				msgs = append(msgs, fmt.Sprintf("line %s: %s where %s is wanted", m[1], kind(m[2]), kind(m[3])))
			} else {
				msgs = append(msgs, e)
			}
		}
	}
	return fileLines(strings.Join(msgs, "; "))
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
