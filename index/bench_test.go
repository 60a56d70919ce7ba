package index_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/bench"
)

// Benchmarks behind `summitbot bench` (see BENCHMARKS.md): our engine and a
// plain bleve index on the same synthetic corpora and question mix. Run
// with: go test ./index -run '^$' -bench . -benchmem

// benchSizes are the corpus sizes of the per-question benchmarks.
var benchSizes = []int{1000, 20000}

const benchSeed = 1

func benchCorpus(b *testing.B, passages int) ([]corpus.Document, []string) {
	b.Helper()
	docs, err := bench.Synthesize(benchSeed, passages)
	if err != nil {
		b.Fatal(err)
	}
	qs, err := bench.Questions()
	if err != nil {
		b.Fatal(err)
	}
	return docs, qs
}

// BenchmarkAsk answers the question mix, one question per iteration, with
// the engine the bot uses (index.Open on disk).
func BenchmarkAsk(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("passages=%d", n), func(b *testing.B) {
			docs, qs := benchCorpus(b, n)
			ix, err := index.Open(context.Background(), b.TempDir(), docs)
			if err != nil {
				b.Fatal(err)
			}
			defer ix.Close()
			ctx := context.Background()
			i := 0
			for b.Loop() {
				if _, err := ix.Ask(ctx, qs[i%len(qs)], index.DefaultK); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkBleveBaseline answers the same mix with plain bleve: a match
// query, the top passages' text, no answer composition.
func BenchmarkBleveBaseline(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("passages=%d", n), func(b *testing.B) {
			docs, qs := benchCorpus(b, n)
			ctx := context.Background()
			bl, err := bench.BuildBaseline(ctx, b.TempDir(), docs)
			if err != nil {
				b.Fatal(err)
			}
			defer bl.Close()
			i := 0
			for b.Loop() {
				if _, err := bl.Ask(ctx, qs[i%len(qs)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkIndex builds a 1,000-passage index on disk per iteration, with
// our engine and with plain bleve.
func BenchmarkIndex(b *testing.B) {
	const n = 1000
	docs, _ := benchCorpus(b, n)
	ctx := context.Background()
	b.Run("engine=summitbot", func(b *testing.B) {
		for b.Loop() {
			ix, err := index.Open(ctx, b.TempDir(), docs)
			if err != nil {
				b.Fatal(err)
			}
			if err := ix.Close(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "passages/s")
	})
	b.Run("engine=bleve", func(b *testing.B) {
		for b.Loop() {
			bl, err := bench.BuildBaseline(ctx, b.TempDir(), docs)
			if err != nil {
				b.Fatal(err)
			}
			if err := bl.Close(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "passages/s")
	})
}
