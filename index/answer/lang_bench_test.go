package answer_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/eval"
)

// BenchmarkAskLanguages answers, over the built-in corpus, the English
// dev split of the bank and the dev sets in Russian, Chinese and Kazakh,
// one question per iteration: what reading a question into English costs
// beside English-only, in one run; cpu-ns/op is the CPU time (of every
// thread) an answer took, steadier than ns/op on a busy machine. Run:
// go test ./index/answer -run '^$' -bench AskLanguages -benchmem
func BenchmarkAskLanguages(b *testing.B) {
	docs, err := corpus.Default()
	if err != nil {
		b.Fatal(err)
	}
	ix, err := index.OpenMem(context.Background(), docs)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	eng, err := answer.Default(ix)
	if err != nil {
		b.Fatal(err)
	}
	en, err := eval.ReadSplit("../testdata/bank", eval.SplitDev)
	if err != nil {
		b.Fatal(err)
	}
	sets := map[string][]eval.Case{"en": en}
	for _, l := range []string{"ru", "zh", "kk"} {
		f, err := os.Open(filepath.Join("../testdata/lang", l+"-dev.jsonl"))
		if err != nil {
			b.Fatal(err)
		}
		cs, err := eval.ReadCases(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		sets[l] = cs
	}
	for _, l := range []string{"en", "ru", "zh", "kk"} {
		cs := sets[l]
		b.Run(l, func(b *testing.B) {
			i := 0
			cpu := cpuTime()
			for b.Loop() {
				if _, err := eng.Ask(context.Background(), cs[i%len(cs)].Q, answer.DefaultK); err != nil {
					b.Fatal(err)
				}
				i++
			}
			if used := cpuTime() - cpu; used > 0 {
				b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
			}
		})
	}
}

// BenchmarkStart is the engine's start-up over the built-in corpus: the
// index built, the model and the reader (with the foreign dictionaries)
// loaded.
func BenchmarkStart(b *testing.B) {
	docs, err := corpus.Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ix, err := index.OpenMem(context.Background(), docs)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := answer.Default(ix); err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}
