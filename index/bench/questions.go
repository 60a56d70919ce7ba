package bench

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/summitbot/summitbot/index/eval"
)

// The question sets are copies of index/testdata/dev.jsonl and own.jsonl.
//
//go:embed testdata/dev.jsonl testdata/own.jsonl
var questionFiles embed.FS

// outOfScope are questions the summit documents do not answer.
var outOfScope = []string{
	"What is the capital of Australia?",
	"Who won the 2022 football World Cup?",
	"How do I bake sourdough bread?",
	"What did Putin say at the BRICS summit in Kazan?",
	"When was the Eiffel Tower built?",
	"What is the boiling point of water at altitude?",
	"Who wrote War and Peace?",
	"How many moons does Jupiter have?",
	"What is the price of bitcoin today?",
	"Which team won the NBA finals?",
}

// Questions returns the fixed question mix, in a fixed order: the dev and
// own evaluation questions, each also lower-cased without its question
// mark and with a typo (two letters swapped in its longest word), and
// out-of-scope questions.
func Questions() ([]string, error) {
	var base []string
	for _, name := range []string{"testdata/dev.jsonl", "testdata/own.jsonl"} {
		data, err := questionFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read question set %s: %w", name, err)
		}
		cases, err := eval.ReadCases(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("read question set %s: %w", name, err)
		}
		for _, c := range cases {
			base = append(base, c.Q)
		}
	}
	out := make([]string, 0, 3*len(base)+len(outOfScope))
	out = append(out, base...)
	for _, q := range base {
		out = append(out, strings.TrimRight(strings.ToLower(q), "?"))
	}
	for _, q := range base {
		out = append(out, typo(q))
	}
	return append(out, outOfScope...), nil
}

// typo swaps two letters in the middle of the question's longest word.
func typo(q string) string {
	words := strings.Fields(q)
	longest := 0
	for i, w := range words {
		if utf8.RuneCountInString(w) > utf8.RuneCountInString(words[longest]) {
			longest = i
		}
	}
	r := []rune(words[longest])
	if len(r) >= 5 {
		m := len(r) / 2
		r[m], r[m+1] = r[m+1], r[m]
		words[longest] = string(r)
	}
	return strings.Join(words, " ")
}
