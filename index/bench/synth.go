// Package bench measures the answer engine against a plain bleve index on
// synthetic corpora: indexing throughput and size, answer latency and
// throughput, cold start, memory, and adding one document to a big index.
// [Synthesize] builds the corpora, [Questions] is the fixed question mix,
// and [Measure] runs one size through one engine.
package bench

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/summitbot/summitbot/corpus"
)

// Shape of the synthetic text.
const (
	minParagraphWords = 40
	maxParagraphWords = 120
	minSentenceWords  = 8
	maxSentenceWords  = 22
	// paragraphsPerDoc is the mean number of paragraphs of a synthetic
	// document (from half to one and a half times this).
	paragraphsPerDoc = 10
	// vocabularySize is the number of distinct words synthetic text draws from.
	vocabularySize = 30000
	// zipfS is the exponent of the word-frequency law (about 1 for English).
	zipfS = 1.07
)

// functionWords lead the vocabulary: the most frequent English words, which
// analysis drops as stop words, as in real text.
var functionWords = strings.Fields(`the of and to a in that is was he for it with as his on be at by
i this had not are but from or have an they which one you were her all she there would their we him
been has when who will more no if out so said what up its about into than them can only other new
some could time these two may then do first any my now such like our over man me even most made after
also did many before must through back years where much your way well down should because each just
those people how too little state good very make world still own see men work long get here between
both life being under never day same another know while last might us great old year off come since
against go came right used take three`)

// Synthesize returns a corpus of exactly passages passages (at least the
// embedded corpus's), deterministic from seed: the embedded corpus
// (corpus.Default) and synthetic notes of paragraphs of 40–120 words drawn
// from a vocabulary with a Zipf-like spread, where the embedded corpus's own
// words mix with invented ones, and capitalised names and numbers appear
// as in news text. Documents are sorted by id.
func Synthesize(seed uint64, passages int) ([]corpus.Document, error) {
	real, err := corpus.Default()
	if err != nil {
		return nil, fmt.Errorf("synthesize corpus: %w", err)
	}
	have := 0
	for _, d := range real {
		have += len(d.Passages())
	}
	g := newGenerator(seed, real)
	docs := slices.Clone(real)
	for n := 1; have < passages; n++ {
		paras := min(paragraphsPerDoc/2+g.r.IntN(paragraphsPerDoc+1), passages-have)
		docs = append(docs, g.document(n, paras))
		have += paras
	}
	slices.SortFunc(docs, func(a, b corpus.Document) int { return strings.Compare(a.ID, b.ID) })
	return docs, nil
}

// NewDocument returns one more synthetic document of paras paragraphs,
// different from those of Synthesize with the same seed: the document a
// moderator adds.
func NewDocument(seed uint64, paras int) (corpus.Document, error) {
	real, err := corpus.Default()
	if err != nil {
		return corpus.Document{}, fmt.Errorf("synthesize document: %w", err)
	}
	g := newGenerator(seed^0x5eed, real)
	d := g.document(0, paras)
	d.ID = "added-" + strconv.FormatUint(seed, 10)
	return d, nil
}

// generator writes synthetic text.
type generator struct {
	r     *rand.Rand
	zipf  *rand.Zipf
	vocab []string
	names []string // capitalised words of the embedded corpus
}

func newGenerator(seed uint64, real []corpus.Document) *generator {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &generator{r: r}
	g.vocab, g.names = vocabulary(r, real)
	g.zipf = rand.NewZipf(r, zipfS, 2, uint64(len(g.vocab)-1))
	return g
}

// vocabulary ranks words for the Zipf law: function words first, then the
// embedded corpus's words (most frequent first) interleaved with invented
// words, then invented words up to vocabularySize.
func vocabulary(r *rand.Rand, real []corpus.Document) (vocab, names []string) {
	count := map[string]int{}
	capital := map[string]int{}
	for _, d := range real {
		for _, w := range strings.FieldsFunc(d.Body, func(c rune) bool { return !unicode.IsLetter(c) && c != '-' }) {
			w = strings.Trim(w, "-")
			if len([]rune(w)) < 2 {
				continue
			}
			if unicode.IsUpper([]rune(w)[0]) {
				capital[w]++
			}
			count[strings.ToLower(w)]++
		}
	}
	seen := map[string]bool{}
	for _, w := range functionWords {
		if !seen[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	realWords := make([]string, 0, len(count))
	for w := range count {
		if !seen[w] {
			realWords = append(realWords, w)
		}
	}
	slices.SortFunc(realWords, func(a, b string) int {
		if c := count[b] - count[a]; c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	for w := range capital {
		names = append(names, w)
	}
	slices.Sort(names)
	invent := func() string {
		for {
			w := inventWord(r)
			if !seen[w] {
				seen[w] = true
				return w
			}
		}
	}
	for _, w := range realWords {
		seen[w] = true
		vocab = append(vocab, w, invent())
	}
	for len(vocab) < vocabularySize {
		vocab = append(vocab, invent())
	}
	return vocab, names
}

var (
	onsets  = strings.Fields("b c d f g h j k l m n p r s t v w z br cr dr fr gr pr tr st sh ch th pl kl")
	nuclei  = strings.Fields("a e i o u a e i o u ai ea ou io")
	codas   = []string{"", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "rk", "ng"}
	endings = []string{"", "", "", "", "s", "ed", "ing", "tion", "er", "ly", "ment", "al"}
)

// inventWord makes a pronounceable word of one to four syllables.
func inventWord(r *rand.Rand) string {
	var b strings.Builder
	for n := 1 + r.IntN(4); n > 0; n-- {
		b.WriteString(onsets[r.IntN(len(onsets))])
		b.WriteString(nuclei[r.IntN(len(nuclei))])
		b.WriteString(codas[r.IntN(len(codas))])
	}
	b.WriteString(endings[r.IntN(len(endings))])
	return b.String()
}

// document writes synthetic note n with paras paragraphs.
func (g *generator) document(n, paras int) corpus.Document {
	var body strings.Builder
	for i := range paras {
		if i > 0 && g.r.IntN(6) == 0 {
			body.WriteString("## " + g.title(2+g.r.IntN(3)) + "\n\n")
		}
		body.WriteString(g.paragraph())
		body.WriteString("\n\n")
	}
	return corpus.Document{
		ID:        fmt.Sprintf("syn-%07d", n),
		Title:     g.title(4 + g.r.IntN(6)),
		Outlet:    "Synthetic Wire",
		Published: fmt.Sprintf("20%02d-%02d-%02d", 20+g.r.IntN(6), 1+g.r.IntN(12), 1+g.r.IntN(28)),
		Kind:      corpus.KindNote,
		Lang:      "en",
		Body:      body.String(),
	}
}

func (g *generator) title(words int) string {
	parts := make([]string, words)
	for i := range parts {
		parts[i] = capitalise(g.word())
	}
	return strings.Join(parts, " ")
}

// paragraph writes sentences until it holds 40 to 120 words.
func (g *generator) paragraph() string {
	want := minParagraphWords + g.r.IntN(maxParagraphWords-minParagraphWords+1)
	var b strings.Builder
	for words := 0; words < want; {
		n := min(minSentenceWords+g.r.IntN(maxSentenceWords-minSentenceWords+1), want-words)
		n = max(n, 1)
		if words > 0 {
			b.WriteByte(' ')
		}
		g.sentence(&b, n)
		words += n
	}
	return b.String()
}

// sentence writes n words: capitalised first word, now and then a name, a
// number or a comma, a full stop at the end.
func (g *generator) sentence(b *strings.Builder, n int) {
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		var w string
		switch x := g.r.IntN(100); {
		case x < 6 && len(g.names) > 0:
			w = g.names[g.r.IntN(len(g.names))]
		case x < 9:
			w = strconv.Itoa(g.r.IntN(2000))
		default:
			w = g.word()
		}
		if i == 0 {
			w = capitalise(w)
		}
		b.WriteString(w)
		if i < n-1 && g.r.IntN(12) == 0 {
			b.WriteByte(',')
		}
	}
	b.WriteByte('.')
}

func (g *generator) word() string { return g.vocab[g.zipf.Uint64()] }

func capitalise(w string) string {
	r := []rune(w)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
