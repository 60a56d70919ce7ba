package answer

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/lang"
)

// TestSpeakersOfTheCorpus checks every sentence of the built-in corpus
// against its label (testdata/speakers.tsv): no speaker given is wrong
// (precision 100%), and it reports how many labelled speakers are found
// (recall).
func TestSpeakersOfTheCorpus(t *testing.T) {
	docs, lg := corpusAndLang(t)
	passages := map[string]corpus.Passage{}
	for _, d := range docs {
		for _, p := range d.Passages() {
			passages[p.ID()] = p
		}
	}
	sp := speakers{lang: lg, passage: func(docID string, n int) (corpus.Passage, bool) {
		p, ok := passages[corpus.PassageID(docID, n)]
		return p, ok
	}}
	f, err := os.Open("testdata/speakers.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	labelled, given, right, found, sentences := 0, 0, 0, 0, 0
	seen := map[string]int{}
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.SplitN(line, "\t", 4)
		if len(fields) != 4 {
			t.Fatalf("bad line %q", line)
		}
		id, want, text := fields[0], fields[2], fields[3]
		n, err := strconv.Atoi(fields[1])
		if err != nil {
			t.Fatal(err)
		}
		p, ok := passages[id]
		if !ok {
			t.Fatalf("no passage %s", id)
		}
		sents := lang.Sentences(p.Text)
		if n < 1 || n > len(sents) || sents[n-1] != text {
			t.Fatalf("%s sentence %d is not %q (the corpus changed: relabel)", id, n, text)
		}
		seen[id]++
		sentences++
		if want == "-" {
			want = ""
		}
		got := sp.of(p, text)
		if want != "" {
			labelled++
		}
		if got != "" {
			given++
			if got == want {
				right++
			} else {
				t.Errorf("%s #%d: speaker %q, want %q: %.80s", id, n, got, want, text)
			}
		}
		if want != "" && got == want {
			found++
		} else if want != "" {
			t.Logf("not found: %s #%d (%s): %.70s", id, n, want, text)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for id, p := range passages {
		if seen[id] != len(lang.Sentences(p.Text)) {
			t.Errorf("%s: %d sentences labelled of %d", id, seen[id], len(lang.Sentences(p.Text)))
		}
	}
	t.Logf("%d sentences, %d with a speaker; speakers given %d, right %d (precision %.0f%%), found %d of %d (recall %.0f%%)",
		sentences, labelled, given, right, 100*float64(right)/float64(max(given, 1)), found, labelled, 100*float64(found)/float64(max(labelled, 1)))
}
