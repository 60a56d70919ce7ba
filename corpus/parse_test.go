package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseValid(t *testing.T) {
	d := mustParseFile(t, "valid.md")
	want := Document{
		ID: "test-doc", Title: "A test document", Outlet: "Test Outlet", Author: "A. Writer",
		Published: "2025-06-17", URL: "https://example.org/a", Kind: KindNote, Lang: "en",
		Sources: []string{"https://example.org/source (2025-06-18)"},
	}
	got := d
	got.Body = ""
	if !reflect.DeepEqual(got, want) {
		t.Errorf("header:\n got %+v\nwant %+v", got, want)
	}
	wantPassages := []Passage{
		{DocID: "test-doc", N: 1, Section: "", Text: "First paragraph, on two lines."},
		{DocID: "test-doc", N: 2, Section: "'A heading'", Text: "Second paragraph under the heading."},
		{DocID: "test-doc", N: 3, Section: "'A heading'", Text: "Third paragraph."},
	}
	if ps := d.Passages(); !reflect.DeepEqual(ps, wantPassages) {
		t.Errorf("passages:\n got %+v\nwant %+v", ps, wantPassages)
	}
	if id := d.Passages()[1].ID(); id != "test-doc#2" {
		t.Errorf("passage id = %q, want test-doc#2", id)
	}
}

func TestParseVariants(t *testing.T) {
	tests := []struct {
		file  string
		id    string
		texts []string
	}{
		{"crlf.md", "crlf-doc", []string{"One.", "Two."}},
		{"bom.md", "bom-doc", []string{"Only paragraph."}},
		{"control.md", "ctl-doc", []string{"Bell  and [31m escape."}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d := mustParseFile(t, tt.file)
			if d.ID != tt.id {
				t.Errorf("id = %q, want %q", d.ID, tt.id)
			}
			var texts []string
			for _, p := range d.Passages() {
				texts = append(texts, p.Text)
			}
			if !reflect.DeepEqual(texts, tt.texts) {
				t.Errorf("passages = %q, want %q", texts, tt.texts)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		file string
		want error
	}{
		{"no-fence.md", ErrFormat},
		{"no-closing-fence.md", ErrFormat},
		{"bad-yaml.md", ErrFormat},
		{"unknown-key.md", ErrFormat},
		{"bad-date.md", ErrDate},
		{"bad-id.md", ErrID},
		{"empty-body.md", ErrEmptyBody},
		{"invalid-utf8.md", ErrInvalidUTF8},
		{"bad-kind.md", ErrKind},
		{"empty-title.md", ErrTitle},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "parse", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(data)
			if !errors.Is(err, tt.want) {
				t.Errorf("Parse(%s) error = %v, want %v", tt.file, err, tt.want)
			}
		})
	}
}

func TestValidateLimits(t *testing.T) {
	ok := Document{ID: "a", Title: "T", Kind: KindNote, Lang: "en", Body: "Text."}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid document: %v", err)
	}
	tests := []struct {
		name string
		edit func(*Document)
		want error
	}{
		{"title too long", func(d *Document) { d.Title = strings.Repeat("é", MaxTitleLen+1) }, ErrTitle},
		{"title on two lines", func(d *Document) { d.Title = "a\nb" }, ErrTitle},
		{"body too big", func(d *Document) { d.Body = strings.Repeat("word ", MaxBodyBytes/5+1) }, ErrBodyTooBig},
		{"id with slash", func(d *Document) { d.ID = "a/b" }, ErrID},
		{"id with NUL", func(d *Document) { d.ID = "a\x00b" }, ErrID},
		{"absolute id", func(d *Document) { d.ID = "/etc" }, ErrID},
		{"id too long", func(d *Document) { d.ID = strings.Repeat("a", MaxIDLen+1) }, ErrID},
		{"invalid UTF-8 title", func(d *Document) { d.Title = "bad \xff" }, ErrInvalidUTF8},
		// A header field that would end the header when written.
		{"outlet ending the header", func(d *Document) { d.Outlet = "AFP\n---\nx" }, ErrField},
		{"source ending the header", func(d *Document) { d.Sources = []string{"a\n---\nb"} }, ErrField},
		{"author with a control character", func(d *Document) { d.Author = "a\x00b" }, ErrField},
		{"url too long", func(d *Document) { d.URL = "https://x/" + strings.Repeat("a", MaxFieldLen) }, ErrField},
		{"too many sources", func(d *Document) { d.Sources = make([]string, MaxSources+1) }, ErrField},
		{"too many paragraphs", func(d *Document) { d.Body = strings.Repeat("a\n\n", MaxParagraphs+1) }, ErrBodyTooBig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ok
			tt.edit(&d)
			if err := d.Validate(); !errors.Is(err, tt.want) {
				t.Errorf("Validate() = %v, want %v", err, tt.want)
			}
		})
	}
	exact := ok
	exact.Title = strings.Repeat("é", MaxTitleLen)
	if err := exact.Validate(); err != nil {
		t.Errorf("title of exactly %d characters: %v", MaxTitleLen, err)
	}
}

func TestFormatRoundTrip(t *testing.T) {
	docs, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	docs = append(docs, mustParseFile(t, "valid.md"))
	for _, d := range docs {
		data, err := Format(d)
		if err != nil {
			t.Fatalf("Format(%s): %v", d.ID, err)
		}
		back, err := Parse(data)
		if err != nil {
			t.Fatalf("Parse(Format(%s)): %v", d.ID, err)
		}
		if !reflect.DeepEqual(back, d) {
			t.Errorf("round trip of %s changed it:\n got %+v\nwant %+v", d.ID, back, d)
		}
		if back.Hash() != d.Hash() {
			t.Errorf("hash of %s changed on round trip", d.ID)
		}
	}
}

func TestParsePassageID(t *testing.T) {
	tests := []struct {
		in    string
		doc   string
		n     int
		valid bool
	}{
		{"afp#3", "afp", 3, true},
		{"a#b#12", "a#b", 12, true},
		{"afp", "", 0, false},
		{"#3", "", 0, false},
		{"afp#0", "", 0, false},
		{"afp#x", "", 0, false},
	}
	for _, tt := range tests {
		doc, n, ok := ParsePassageID(tt.in)
		if doc != tt.doc || n != tt.n || ok != tt.valid {
			t.Errorf("ParsePassageID(%q) = %q, %d, %v; want %q, %d, %v", tt.in, doc, n, ok, tt.doc, tt.n, tt.valid)
		}
	}
}

func FuzzParse(f *testing.F) {
	entries, err := os.ReadDir(filepath.Join("testdata", "parse"))
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("testdata", "parse", e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\nid: a\ntitle: t\nkind: note\nlang: en\n---\n#\n##x\n####### seven\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(data)
		if err != nil {
			return
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("Parse accepted a document Validate rejects: %v", err)
		}
		ps := d.Passages()
		if len(ps) == 0 {
			t.Fatal("accepted document has no passages")
		}
		for i, p := range ps {
			if p.N != i+1 || p.DocID != d.ID {
				t.Fatalf("passage %d numbered %s#%d", i+1, p.DocID, p.N)
			}
			if strings.TrimSpace(p.Text) == "" || strings.ContainsAny(p.Text, "\n\r") || !utf8.ValidString(p.Text) {
				t.Fatalf("bad passage text %q", p.Text)
			}
		}
		out, err := Format(d)
		if err != nil {
			t.Fatalf("Format: %v", err)
		}
		back, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse(Format(d)): %v\n%s", err, out)
		}
		if !reflect.DeepEqual(back.Passages(), ps) {
			t.Fatalf("passages changed on round trip:\n%+v\n%+v", back.Passages(), ps)
		}
		// What the store writes reads back as the same document.
		enc, err := Encode(d)
		if err != nil {
			t.Fatalf("Encode of a parsed document: %v", err)
		}
		if again, err := Parse(enc); err != nil || again.Hash() != d.Hash() {
			t.Fatalf("Parse(Encode(d)) is not d: %v", err)
		}
	})
}

// FuzzEncode builds documents from arbitrary header fields and bodies, as
// moderators and attachments send them: whatever Validate accepts, Encode
// writes so that it reads back as the same document (the round trip), and
// whatever it cannot write so is refused before anything is saved.
func FuzzEncode(f *testing.F) {
	f.Add("Title", "AFP", "", "https://example.org", "2025-06-17", "src", "A paragraph.\n\nAnother.", "1: a question")
	f.Add("T", "AFP\n---\nDesk", "x", "", "", "a\n---\nb", "Body", "")
	f.Add("T", "AFP", "", "", "", "", "---\nid: x\n---\nbody", "")
	f.Add("T\u2028", "\x00", "\r", "u", "2025-13-01", "", "\r\n\r\nb\r\n", "2: q")
	f.Fuzz(func(t *testing.T, title, outlet, author, url, published, source, body, questions string) {
		d := Document{Title: title, Outlet: outlet, Author: author, URL: url, Published: published, Body: body}
		if source != "" {
			d.Sources = []string{source}
		}
		d = d.WithDefaults()
		if qs, err := ParseQuestionLines(questions, len(d.Passages())); err == nil {
			d.Questions = qs
		}
		d = d.SealQuestions()
		if d.Validate() != nil {
			return
		}
		data, err := Encode(d)
		if err != nil {
			if !errors.Is(err, ErrBodyTooBig) && !errors.Is(err, ErrField) {
				t.Fatalf("Encode refused a valid document: %v", err)
			}
			return
		}
		back, err := Parse(data)
		if err != nil || back.Hash() != d.Hash() {
			t.Fatalf("round trip: %v\n%s", err, data)
		}
	})
}

func mustParseFile(t *testing.T, name string) Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "parse", name))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return d
}

// TestEncodeRefusesWhatWouldNotReadBack: a header that pushes the file past
// the read limit is refused before it is written, and what is written
// reads back as the document.
func TestEncodeRefusesWhatWouldNotReadBack(t *testing.T) {
	// A body just under the limit, and a header of the most sources
	// and questions the fields allow: more than a file may hold.
	d := Document{ID: "a", Title: "T", Kind: KindNote, Lang: "en", Body: strings.TrimSpace(strings.Repeat("word ", (MaxBodyBytes-100)/5))}
	for i := range MaxSources {
		d.Sources = append(d.Sources, fmt.Sprintf("%d %s", i, strings.Repeat("s", MaxFieldLen-10)))
	}
	q := ParagraphQuestions{Paragraph: 1}
	for range MaxQuestionsPerParagraph {
		q.Ask = append(q.Ask, strings.Repeat("q", MaxQuestionLen))
	}
	d.Questions = []ParagraphQuestions{q}
	d = d.SealQuestions()
	if err := d.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if _, err := Encode(d); err != nil {
		t.Fatalf("the largest header the fields allow, with a body at the limit, must fit: %v", err)
	}
	// Past the header budget: refused, not written unreadable.
	for i := 2; i <= 80; i++ {
		d.Body += fmt.Sprintf("\n\np%d", i)
	}
	d.Body = strings.TrimSpace(d.Body[len(d.Body)-MaxBodyBytes/2:])
	for i := 2; i <= 70; i++ {
		q.Paragraph = i
		d.Questions = append(d.Questions, q)
	}
	d.Questions = d.SealQuestions().Questions
	if err := d.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if _, err := Encode(d); !errors.Is(err, ErrField) && !errors.Is(err, ErrBodyTooBig) {
		t.Errorf("a header past its budget: %v", err)
	}
	ok := Document{ID: "b", Title: "T", Outlet: "AFP", Kind: KindNote, Lang: "en", Body: "Text."}
	data, err := Encode(ok)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(data)
	if err != nil || back.Hash() != ok.Hash() {
		t.Errorf("round trip: %v", err)
	}
}

// TestParseDraft: an operator's file may leave out id, kind and lang; they
// stay empty for WithDefaults, and the rest is validated as by Parse.
func TestParseDraft(t *testing.T) {
	tests := []struct {
		name, text   string
		id, kind     string
		want         error
		wantInReason string
	}{
		{"title only", "---\ntitle: Heron notes\n---\nHerons wait.\n", "", "", nil, ""},
		{"id and kind", "---\nid: herons\ntitle: Heron notes\nkind: article\n---\nHerons wait.\n", "herons", KindArticle, nil, ""},
		{"bad kind", "---\ntitle: T\nkind: essay\n---\nText.\n", "", "", ErrKind, "essay"},
		{"bad id", "---\nid: Bad_ID\ntitle: T\n---\nText.\n", "", "", ErrID, "Bad_ID"},
		{"no title", "---\noutlet: AFP\n---\nText.\n", "", "", ErrTitle, ""},
		{"unknown field", "---\ntitle: T\ncolour: red\n---\nText.\n", "", "", ErrFormat, `line 3: unknown field "colour" (the fields are id, title`},
		{"list for text", "---\ntitle: [a, b]\n---\nText.\n", "", "", ErrFormat, "line 2: a list where text is wanted"},
		{"text for a list", "---\ntitle: T\nsources: x\n---\nText.\n", "", "", ErrFormat, "line 3: text where a list of text is wanted"},
		{"bad YAML", "---\ntitle: T\nnot: [valid\n---\nText.\n", "", "", ErrFormat, "in the header, line "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDraft([]byte(tt.text))
			if !errors.Is(err, tt.want) || tt.want == nil && err != nil {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if err != nil {
				if !strings.Contains(err.Error(), tt.wantInReason) || strings.Contains(err.Error(), "corpus.") || strings.Contains(err.Error(), "type") {
					t.Errorf("err = %q, want it to say %q and name no Go type", err, tt.wantInReason)
				}
				return
			}
			if d.ID != tt.id || d.Kind != tt.kind || d.Lang != "" {
				t.Errorf("id %q kind %q lang %q; want %q %q and no lang", d.ID, d.Kind, d.Lang, tt.id, tt.kind)
			}
		})
	}
	// Parse itself still wants the id and the kind.
	if _, err := Parse([]byte("---\ntitle: Heron notes\n---\nHerons wait.\n")); !errors.Is(err, ErrID) {
		t.Errorf("Parse of a header without id: %v", err)
	}
}
