package corpus

import (
	"os"
	"strings"
	"testing"
)

// seedParagraphs reads the article as received: its first line starts with
// "date YYYY-MM-DD" (metadata), and its two headings stand alone on a line.
func seedParagraphs(t *testing.T) (date string, paras []string, headings []string) {
	t.Helper()
	data, err := os.ReadFile("testdata/summit-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimLeft(string(data), " ")
	if !strings.HasPrefix(text, "date ") {
		t.Fatalf("seed does not start with its date: %.30q", text)
	}
	date, text = text[5:15], text[16:]
	for _, p := range strings.Split(text, "\n\n") {
		p = strings.TrimSpace(p)
		switch {
		case p == "":
		case p == "'No winners'" || p == "Biggest trade partner":
			headings = append(headings, p)
		default:
			paras = append(paras, p)
		}
	}
	return date, paras, headings
}

func TestArticleMatchesSeed(t *testing.T) {
	date, paras, headings := seedParagraphs(t)
	docs, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var article *Document
	for i := range docs {
		if docs[i].Kind == KindArticle && docs[i].Outlet == "AFP" {
			article = &docs[i]
		}
	}
	if article == nil {
		t.Fatal("no AFP article in the default corpus")
	}
	if article.Published != date {
		t.Errorf("published = %q, want the seed's date %q", article.Published, date)
	}
	ps := article.Passages()
	if len(ps) != len(paras) {
		t.Fatalf("article has %d passages, seed has %d paragraphs", len(ps), len(paras))
	}
	section := ""
	for i, p := range ps {
		if p.Text != paras[i] {
			t.Errorf("passage %d:\n got %q\nwant %q", i+1, p.Text, paras[i])
		}
		if strings.Contains(p.Text, "date 2025") {
			t.Errorf("passage %d holds the date metadata", i+1)
		}
		for _, h := range headings {
			if p.Text == h {
				t.Errorf("heading %q is a passage", h)
			}
		}
		if p.Section != section {
			section = p.Section
		}
	}
	// The paragraphs under each heading carry it.
	wantSections := map[string]string{
		"Speaking as Western leaders gathered":  "'No winners'",
		"Russia says China's growing influence": "Biggest trade partner",
		"\"Ensuring uninterrupted supplies":     "Biggest trade partner",
		"Chinese President Xi Jinping and five": "",
	}
	for prefix, sec := range wantSections {
		found := false
		for _, p := range ps {
			if strings.HasPrefix(p.Text, prefix) {
				found = true
				if p.Section != sec {
					t.Errorf("passage %q has section %q, want %q", prefix, p.Section, sec)
				}
			}
		}
		if !found {
			t.Errorf("no passage starts with %q", prefix)
		}
	}
}

func TestNotes(t *testing.T) {
	docs, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	notes := 0
	for _, d := range docs {
		if d.Kind != KindNote {
			continue
		}
		notes++
		if len(d.Sources) == 0 {
			t.Errorf("note %s lists no sources", d.ID)
		}
		addressed := false
		for _, s := range d.Sources {
			if strings.TrimSpace(s) == "" {
				t.Errorf("note %s has an empty source", d.ID)
			}
			addressed = addressed || strings.Contains(s, "http")
		}
		if !addressed {
			t.Errorf("note %s names no source by its address", d.ID)
		}
		if len(d.Passages()) < 2 {
			t.Errorf("note %s has %d passages", d.ID, len(d.Passages()))
		}
	}
	if notes < 6 {
		t.Errorf("%d notes, want at least 6", notes)
	}
}

func TestLoadFSRejectsDuplicateIDs(t *testing.T) {
	fsys := fstestMap{
		"a.md": "---\nid: same\ntitle: A\nkind: note\nlang: en\n---\nOne.\n",
		"b.md": "---\nid: same\ntitle: B\nkind: note\nlang: en\n---\nTwo.\n",
	}
	if _, err := LoadFS(fsys.FS()); err == nil || !strings.Contains(err.Error(), "already used") {
		t.Errorf("LoadFS with a duplicate id: err = %v", err)
	}
}
