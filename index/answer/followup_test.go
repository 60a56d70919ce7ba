package answer

import (
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/reading"
)

// TestCorrectionNeedsOnlyItsOwnNames: whether the documents answer a
// correction is read from the names its own turn gives; the names it kept
// from the last question need not stand beside them in one passage.
func TestCorrectionNeedsOnlyItsOwnNames(t *testing.T) {
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.OpenMem(t.Context(), docs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	e, err := Default(ix)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		first, then string
		answered    bool
	}{
		{"how many documents were signed at the astana summit, per xinhua", "no, the other figure, the 24 agreements one", true},
		{"how many agreements were signed at the astana summit", "no i meant the kazakh china ones", true},
		{"when did xi meet tokayev", "no i meant putin", false},
	} {
		first, err := e.Ask(t.Context(), tt.first, DefaultK)
		if err != nil {
			t.Fatal(err)
		}
		got, err := e.AskAfter(t.Context(), tt.then, DefaultK, Then(nil, first))
		if err != nil {
			t.Fatal(err)
		}
		if got.Move != reading.Correct {
			t.Errorf("%q after %q: read as move %v, want a correction", tt.then, tt.first, got.Move)
		}
		if got.Answered != tt.answered {
			t.Errorf("%q after %q: answered %v, want %v (read as %q)", tt.then, tt.first, got.Answered, tt.answered, got.ReadAs)
		}
	}
}
