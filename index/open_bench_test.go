package index_test

import (
	"context"
	"testing"

	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/bench"
)

// BenchmarkReopen opens an existing, unchanged index of 20,000 passages:
// the cold start of a bot whose documents did not change.
func BenchmarkReopen(b *testing.B) {
	docs, err := bench.Synthesize(benchSeed, 20000)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	ix, err := index.Open(context.Background(), dir, docs)
	if err != nil {
		b.Fatal(err)
	}
	ix.Close()
	for b.Loop() {
		ix, err := index.Open(context.Background(), dir, docs)
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}
