package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/reading"
)

// twinEngine is an in-memory Engine and Moderator for tests: deterministic
// answers by counting the question's words in each passage. Questions
// starting with "slow" wait for the slow channel to close; questions
// containing "panic" panic. Its first documents are its built-in corpus;
// changes are checked as the real library checks them (see twin_mod_test.go).
type twinEngine struct {
	slow    chan struct{}
	base    map[string]corpus.Document // the built-in documents, by id
	maxBody int

	mu        sync.Mutex
	docs      []corpus.Document
	stored    map[string]bool // ids of added documents and overrides
	changes   int             // successful changes
	asked     int
	noDeadine int // calls whose context had no deadline
}

func newTwin(docs []corpus.Document) *twinEngine {
	base := map[string]corpus.Document{}
	for _, d := range docs {
		base[d.ID] = d
	}
	return &twinEngine{docs: docs, slow: make(chan struct{}), base: base, stored: map[string]bool{}, maxBody: corpus.MaxBodyBytes}
}

// stopWords are question words the twin ignores, as the real engine does.
var stopWords = map[string]bool{
	"the": true, "was": true, "where": true, "what": true, "who": true, "when": true, "how": true,
	"did": true, "does": true, "and": true, "for": true, "with": true, "are": true, "held": true,
}

// AskAfter answers the turn alone: the twin reads no conversations (the
// conversation tests use the real engine).
func (e *twinEngine) AskAfter(ctx context.Context, q string, k int, _ []reading.Turn) (answer.Answer, error) {
	return e.Ask(ctx, q, k)
}

func (e *twinEngine) Ask(ctx context.Context, q string, k int) (answer.Answer, error) {
	e.mu.Lock()
	e.asked++
	if _, ok := ctx.Deadline(); !ok {
		e.noDeadine++
	}
	e.mu.Unlock()
	switch {
	case !utf8.ValidString(q):
		return answer.Answer{}, fmt.Errorf("%w: the question is not valid UTF-8", reading.ErrBadQuestion)
	case strings.TrimSpace(q) == "":
		return answer.Answer{}, fmt.Errorf("%w: the question is empty; ask something about the summit", reading.ErrBadQuestion)
	case utf8.RuneCountInString(q) > reading.MaxQuestionLen:
		return answer.Answer{}, fmt.Errorf("%w: the question is too long", reading.ErrBadQuestion)
	case strings.HasPrefix(q, "slow"):
		select {
		case <-e.slow:
		case <-ctx.Done():
			return answer.Answer{}, ctx.Err()
		}
	case strings.Contains(q, "panic"):
		panic("twin engine asked to panic")
	}
	words := questionWords(q)
	docs := e.Documents()
	type scored struct {
		hit   answer.Hit
		score int
		order int
	}
	var all []scored
	order := 0
	for _, d := range docs {
		for _, p := range d.Passages() {
			order++
			spans, score := matchWords(p.Text, words)
			if score == 0 {
				continue
			}
			all = append(all, scored{order: order, score: score, hit: answer.Hit{
				ID: p.ID(), DocID: d.ID, Title: d.Title, Section: p.Section, Paragraph: p.N, Text: p.Text,
				Score: float64(score), Source: d.Outlet, Published: d.Published, URL: d.URL, Kind: d.Kind, Matches: spans,
			}})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].score != all[j].score {
			return all[i].score > all[j].score
		}
		return all[i].order < all[j].order
	})
	a := answer.Answer{Question: q, Text: answer.NotFound}
	if len(all) == 0 {
		return a, nil
	}
	for i := 0; i < len(all) && i < k; i++ {
		a.Passages = append(a.Passages, all[i].hit)
	}
	a.Answered = true
	a.Text = firstSentence(a.Passages[0].Text)
	a.Facts = []answer.Fact{{Text: a.Text, Cite: 1}}
	if len(a.Passages) > 1 {
		a.Facts = append(a.Facts, answer.Fact{Text: firstSentence(a.Passages[1].Text), Speaker: "Xinhua", Cite: 2})
	}
	return a, nil
}

func (e *twinEngine) Documents() []corpus.Document {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]corpus.Document(nil), e.docs...)
}

func (e *twinEngine) Document(id string) (corpus.Document, bool) {
	for _, d := range e.Documents() {
		if d.ID == id {
			return d, true
		}
	}
	return corpus.Document{}, false
}

func (e *twinEngine) Stats() index.Stats {
	docs := e.Documents()
	n := 0
	for _, d := range docs {
		n += len(d.Passages())
	}
	return index.Stats{Documents: len(docs), Passages: n, Updated: time.Date(2025, 6, 18, 9, 0, 0, 0, time.UTC)}
}

// questionWords are the distinct lower-case words of q the twin searches.
func questionWords(q string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range strings.FieldsFunc(asciiLower(q), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if len(w) < 3 || stopWords[w] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

// matchWords finds the whole-word, case-insensitive occurrences of words in
// text: their byte spans in order, and how many distinct words matched.
func matchWords(text string, words []string) ([]answer.Span, int) {
	lower := asciiLower(text)
	var spans []answer.Span
	score := 0
	for _, w := range words {
		found := false
		for from := 0; ; {
			i := strings.Index(lower[from:], w)
			if i < 0 {
				break
			}
			s, e := from+i, from+i+len(w)
			from = e
			if s > 0 && isWordByte(lower[s-1]) || e < len(lower) && isWordByte(lower[e]) {
				continue
			}
			spans = append(spans, answer.Span{Start: s, End: e})
			found = true
		}
		if found {
			score++
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	return spans, score
}

func isWordByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// asciiLower lower-cases ASCII letters only, keeping byte offsets.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}

// Fixture documents.
var (
	docArticle = corpus.Document{
		ID: "afp-summit-2025-06-17", Title: `China and Central Asian leaders sign "eternal friendship" treaty in Astana`,
		Outlet: "AFP", Published: "2025-06-17", URL: "https://www.afp.com/en/news/summit-astana", Kind: corpus.KindArticle, Lang: "en",
		Body: `Chinese President Xi Jinping and five Central Asian leaders signed a treaty declaring their nations' "eternal" friendship during a summit in Kazakhstan, the host country said.

At the meeting on Tuesday, the heads of state signed a "Treaty on Eternal Good Neighbourliness, Friendship and Cooperation", Kazakh President Kassym-Jomart Tokayev's press office said in a statement.

The summit in Astana brought together Xi with the leaders of Kazakhstan, Kyrgyzstan, Uzbekistan, Tajikistan and Turkmenistan.

The Chinese leader blasted US tariffs and sought to assert Beijing's influence in a region historically dominated by Russia.

## 'No winners'

Speaking as Western leaders gathered on the other side of the world for the G7 in Canada, Xi refreshed his criticism of US President Donald Trump's trade policies.

"Tariff wars and trade wars have no winners," Xinhua quoted him as saying.`,
	}
	docRailway = corpus.Document{
		ID: "note-railway", Title: "Note: the China–Kyrgyzstan–Uzbekistan railway", Outlet: "summitbot moderators", Published: "2025-06-18",
		Kind: corpus.KindNote, Lang: "en", Sources: []string{"https://example.org/railway (2025-06-18)", "Xinhua, 17 June 2025"},
		Body: `The *China–Kyrgyzstan–Uzbekistan* railway (CKU) was discussed at the summit in Astana; costs of ~$4.7 bn_ were cited, and the line is ` + "`" + `rail_2025` + "`" + ` in some plans.

1. Construction started in late 2024 | according to [officials](https://example.org).

> Quoted: "a new land bridge" #railway -- see <#999> and <t:1718600000>.`,
	}
	// docFlood is 50,000 characters of mentions and markdown in one
	// paragraph, plus a short one: it must never ping or break a limit.
	docFlood = corpus.Document{
		ID: "flood", Title: strings.Repeat("@everyone <@123> flood **title** ", 6), Outlet: "@here <@&456>",
		Published: "2025-06-17", URL: "https://example.org/" + strings.Repeat("(x)", 30), Kind: corpus.KindNote, Lang: "en",
		Body: floodText(50000) + "\n\nA short paragraph after the flood about the summit.",
	}
)

// floodText is n characters full of @everyone, user mentions and markdown.
func floodText(n int) string {
	const unit = "@everyone <@123> summit flood *_~`|> [x](y) "
	s := strings.Repeat(unit, n/len(unit)+1)
	return s[:n]
}

// extraNotes are n more short documents about the summit, for paging and
// autocomplete.
func extraNotes(n int) []corpus.Document {
	var out []corpus.Document
	for i := 1; i <= n; i++ {
		out = append(out, corpus.Document{
			ID: fmt.Sprintf("note-extra-%02d", i), Title: fmt.Sprintf("Background note %02d on the summit", i),
			Outlet: "summitbot moderators", Published: "2025-06-18", Kind: corpus.KindNote, Lang: "en",
			Body: fmt.Sprintf("Background %d: the summit in Astana was the second of its kind.\n\nA second paragraph of note %d.", i, i),
		})
	}
	return out
}

// fixtureDocs is the twin's corpus for the end-to-end tests.
func fixtureDocs() []corpus.Document {
	return append([]corpus.Document{docArticle, docRailway, docFlood}, extraNotes(30)...)
}
