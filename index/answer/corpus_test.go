package answer

import (
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/lang"
)

// corpusIndex indexes the built-in corpus in memory for one test.
func corpusIndex(t *testing.T) *index.Index {
	t.Helper()
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.OpenMem(t.Context(), docs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

// corpusAndLang returns the built-in corpus and the analyser its passages
// are read with.
func corpusAndLang(t *testing.T) ([]corpus.Document, *lang.Analyzer) {
	t.Helper()
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	lg, err := lang.Default()
	if err != nil {
		t.Fatal(err)
	}
	return docs, lg
}
