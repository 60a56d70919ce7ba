package lang

import (
	"slices"
	"testing"

	"github.com/summitbot/summitbot/corpus"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{`Xi spoke. Trump left early.`, []string{"Xi spoke.", "Trump left early."}},
		{`The U.S. President left. Dr. Li stayed.`, []string{"The U.S. President left.", "Dr. Li stayed."}},
		// A quote of several sentences stays whole with its attribution.
		{`"There is no reason for such fears. China is our partner," Peskov told reporters. Russia agrees.`,
			[]string{`"There is no reason for such fears. China is our partner," Peskov told reporters.`, "Russia agrees."}},
		{`"We should... strengthen cooperation," said Xi.`, []string{`"We should... strengthen cooperation," said Xi.`}},
		{`He said "it is over." Then he left.`, []string{`He said "it is over."`, "Then he left."}},
		{`Prices rose 3.5 percent. Markets fell.`, []string{"Prices rose 3.5 percent.", "Markets fell."}},
	}
	for _, tt := range tests {
		if got := Sentences(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestUnclosedQuoteDoesNotGlue: a quotation mark never closed does not
// make a long text one sentence.
func TestUnclosedQuoteDoesNotGlue(t *testing.T) {
	text := `"An opening mark. ` + string(make([]byte, 0))
	for range 40 {
		text += "Another sentence follows here. "
	}
	if n := len(Sentences(text)); n < 10 {
		t.Errorf("%d sentences: the unclosed quote glued them", n)
	}
}

func TestAliases(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	al := l.Aliases()
	text := "The Kazakh President and the US met in Kirghizia."
	names := map[string]bool{}
	for g := range al.Groups(text, l.Terms(text)) {
		names[al.Name(g)] = true
	}
	for _, want := range []string{"Kassym-Jomart Tokayev", `US`, "Kyrgyzstan"} {
		if !names[want] {
			t.Errorf("%q: groups %v lack %s", text, names, want)
		}
	}
	if got := al.Respell("railwya"); got != "railway" {
		t.Errorf("Respell(railwya) = %q", got)
	}
	if got := al.Respell("railway"); got != "" {
		t.Errorf("Respell of a right spelling = %q", got)
	}
	// Keys round trip.
	if g, ok := GroupOfKey(Key(7)); !ok || g != 7 {
		t.Errorf("GroupOfKey(Key(7)) = %d, %v", g, ok)
	}
	if _, err := New([]corpus.AliasGroup{}); err != nil {
		t.Errorf("an empty alias list: %v", err)
	}
}

func TestDistance(t *testing.T) {
	var e Editor
	for _, tt := range []struct {
		a, b string
		want int
	}{{"peskov", "peskow", 1}, {"railway", "railwya", 1}, {"abc", "abc", 0}, {"kazakhstan", "kazahstan", 1}} {
		if got := e.Distance([]rune(tt.a), []rune(tt.b), 3); got != tt.want {
			t.Errorf("Distance(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	if got := e.Distance([]rune("abcdef"), []rune("uvwxyz"), 2); got <= 2 {
		t.Errorf("a distance over the limit came back as %d", got)
	}
}
