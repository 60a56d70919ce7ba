package reading

import (
	"slices"
	"strings"
	"testing"
)

// TestReadForeign: a question in Russian, Chinese or Kazakh is read into
// English through the same Question: what it asks for, its names, its
// source words kept, and senses the documents lack left out.
func TestReadForeign(t *testing.T) {
	r, lex := newReader(t, corpusText)
	tests := []struct {
		q, lang, text string
		kind          Type
		names         []string
	}{
		{"Где проходил саммит?", Russian, "where held summit?", Place, nil},
		{"峰会在哪里举行？", Chinese, "where summit held?", Place, nil},
		{"Саммит қай жерде өтті?", Kazakh, "where summit held?", Place, nil},
		{"Когда Токаев встретился с Си Цзиньпином?", Russian, "when Tokayev meet Xi Jinping?", Date, []string{"tokayev", "xi", "jinp"}},
		{"中吉乌铁路有多长？", Chinese, "how long China–Kyrgyzstan–Uzbekistan railway is?", Quantity, []string{"china", "kyrgyzstan", "uzbekistan"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			q, err := r.Read(tt.q, lex)
			if err != nil {
				t.Fatal(err)
			}
			if q.Foreign == nil || q.Foreign.Lang != tt.lang || q.Foreign.Source != tt.q {
				t.Fatalf("foreign reading %+v, want %s of %q", q.Foreign, tt.lang, tt.q)
			}
			if q.Raw != tt.text || q.Foreign.Text != tt.text {
				t.Errorf("read as %q, want %q", q.Raw, tt.text)
			}
			if q.Kind.Type != tt.kind {
				t.Errorf("kind %v, want %v", q.Kind.Type, tt.kind)
			}
			for _, n := range tt.names {
				if !slices.Contains(q.Names, n) {
					t.Errorf("names %q lack %q", q.Names, n)
				}
			}
			if len(q.Foreign.Words) == 0 {
				t.Error("no source words kept")
			}
			for _, g := range q.Foreign.Words {
				if g.Source == "" || !strings.Contains(tt.q, g.Source) {
					t.Errorf("source word %q is not the question's", g.Source)
				}
			}
			for _, term := range q.Terms {
				if !lex.Known(term.Text) {
					t.Errorf("searches %q, which the documents lack", term.Text)
				}
			}
		})
	}
}

// TestReadForeignSenses: the other senses the documents hold are searched
// beside the reading, the word's weight shared among them.
func TestReadForeignSenses(t *testing.T) {
	// 协定: agreement; accord; reach an agreement.
	r, lex := newReader(t, corpusText+" An agreement, an accord.")
	q, err := r.Read("协定", lex)
	if err != nil {
		t.Fatal(err)
	}
	if q.Raw != "agreement" {
		t.Fatalf("read as %q, want agreement", q.Raw)
	}
	i := slices.IndexFunc(q.Terms, func(t Term) bool { return t.Text == "accord" })
	if i < 0 || q.Terms[i].From != "agreement" || q.Terms[i].Weight != 1.0/3 {
		t.Errorf("terms %+v, want accord at weight 1/3 (three senses held) standing for agreement", q.Terms)
	}
}

// TestFollowForeign: a follow-up in Russian is read into English first,
// then completed from the turn before.
func TestFollowForeign(t *testing.T) {
	r, _ := newReader(t, corpusText)
	before := []Turn{{Question: "how much did kazakhstan trade with china in 2024", Shown: []string{"trade#3"}}}
	fu, err := r.Follow("а Узбекистан?", before, rarity{})
	if err != nil {
		t.Fatal(err)
	}
	if fu.Foreign == nil || fu.Move != Ellipsis || fu.Text != "how much did Uzbekistan trade with china in 2024" {
		t.Errorf("follow-up %+v, want the ellipsis completed in English", fu)
	}
}
