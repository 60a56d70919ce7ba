package index_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/bench"
)

// BenchmarkPutOne adds one 10-paragraph document to an index of 20,000
// passages on disk, the incremental path the bot takes when a moderator
// adds a document.
func BenchmarkPutOne(b *testing.B) {
	docs, err := bench.Synthesize(benchSeed, 20000)
	if err != nil {
		b.Fatal(err)
	}
	ix, err := index.Open(context.Background(), b.TempDir(), docs)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	i := 0
	for b.Loop() {
		body := ""
		for p := 0; p < 10; p++ {
			body += fmt.Sprintf("Paragraph %d of added document %d about the railway and trade.\n\n", p, i)
		}
		d := corpus.Document{ID: fmt.Sprintf("added-%d", i), Title: fmt.Sprintf("Added %d", i), Kind: corpus.KindNote, Lang: "en", Body: body}
		if _, err := ix.Put(context.Background(), d); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
