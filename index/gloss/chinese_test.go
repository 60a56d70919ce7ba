package gloss

import "testing"

// TestSpellHanIsLatinLetters: a word no dictionary knows is spelt in
// plain Latin letters and digits, whatever its script: no "@" for ә, no
// apostrophes for қ, no spaces between Han syllables.
func TestSpellHanIsLatinLetters(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Бәйтерек", "baiterek"},
		{"Қорғас", "korgas"},
		{"北京", "beijing"},
	} {
		if got := spellHan(tt.in); got != tt.want {
			t.Errorf("spellHan(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
