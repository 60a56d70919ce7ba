package answer

import (
	"slices"
	"testing"
)

// TestFeatureNames: every feature has a name, and no two share one, so
// model.json names each weight.
func TestFeatureNames(t *testing.T) {
	for _, names := range [][]string{rankFeatures[:], refuseFeatures[:], sentenceFeatures[:]} {
		for i, n := range names {
			if n == "" {
				t.Errorf("feature %d of %v has no name", i, names)
			}
			if slices.Index(names, n) != i {
				t.Errorf("feature name %q used twice", n)
			}
		}
	}
}

// TestEmbeddedModelFits: the embedded model parses and names this
// engine's features.
func TestEmbeddedModelFits(t *testing.T) {
	if _, err := DefaultModel(); err != nil {
		t.Fatal(err)
	}
	if _, err := ParseModel([]byte(`{"version": 99}`)); err == nil {
		t.Error("a model of another version was accepted")
	}
}
