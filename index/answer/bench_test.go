package answer_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/bench"
)

// BenchmarkAsk answers the bench's question mix, one question per
// iteration, from synthetic corpora of 1,000 and 20,000 passages on disk,
// as the bot does. Run: go test ./index/answer -run '^$' -bench Ask -benchmem
func BenchmarkAsk(b *testing.B) {
	qs, err := bench.Questions()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1000, 20000} {
		b.Run(fmt.Sprintf("passages=%d", n), func(b *testing.B) {
			docs, err := bench.Synthesize(1, n)
			if err != nil {
				b.Fatal(err)
			}
			ix, err := index.Open(context.Background(), b.TempDir(), docs)
			if err != nil {
				b.Fatal(err)
			}
			defer ix.Close()
			eng, err := answer.Default(ix)
			if err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				if _, err := eng.Ask(context.Background(), qs[i%len(qs)], answer.DefaultK); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
