package reading

import "testing"

func TestKey(t *testing.T) {
	r, lex := newReader(t, corpusText+" The next summit will be held in China. The palace is tall.")
	key := func(q string) string {
		t.Helper()
		read, err := r.Read(q, lex)
		if err != nil {
			t.Fatalf("Read(%q): %v", q, err)
		}
		return read.Key()
	}
	tests := []struct {
		a, b string
		same bool
	}{
		{"whens the next summit", "when is the next summit?", true},
		{"When is the NEXT summit??", "when is the next summit", true},
		{"when is the next sumit", "when is the next summit", true},      // a typo, corrected
		{"when is the next summit", "the next summit, when is it", true}, // order aside
		{"how tall is the palace", "how tall is the pallace?", true},
		{"when is the next summit", "where is the next summit", false}, // another kind of answer
		{"when is the next summit", "when is the next treaty", false},
		{"who won the world cup", "who won the cup", false},
	}
	for _, tt := range tests {
		ka, kb := key(tt.a), key(tt.b)
		if (ka == kb) != tt.same {
			t.Errorf("Key(%q) = %q, Key(%q) = %q; same: %v, want %v", tt.a, ka, tt.b, kb, ka == kb, tt.same)
		}
	}
	// A question of stop words alone keys on its words, not on nothing.
	if a, b := key("what is it?"), key("who was he?"); a == b {
		t.Errorf("two questions without terms share the key %q", a)
	}
}
