package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/bot/discordtest"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/catalog"
	"github.com/summitbot/summitbot/index/reading"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// en are the bot's words in English, for the views tests render in it.
var en = catalog.For(reading.English)

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", path, got)
	}
}

func marshalGolden(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// ask asks the twin over the fixture documents.
func ask(t *testing.T, q string, k int) answer.Answer {
	t.Helper()
	a, err := newTwin(fixtureDocs()).Ask(context.Background(), q, k)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestRenderGolden(t *testing.T) {
	t.Parallel()
	flood := ask(t, "everyone flood summit", 10)
	// A follow-up, read with the question before it: its Read as line,
	// and a Follow up button carrying the question as read, cut to fit.
	followUp := ask(t, "how long is the railway", answerPassages+1)
	followUp.Question = "how long is it"
	followUp.ReadAs = "how long is the China–Kyrgyzstan–Uzbekistan railway Xi pressed for with the Kyrgyz president, *which* `opens` in 2030"
	tests := []struct {
		name string
		msg  message
	}{
		{"answer", renderAnswer(ask(t, "Where was the treaty signed?", answerPassages+1))},
		{"answer_one_passage", renderAnswer(ask(t, "tariff wars", answerPassages+1))},
		{"answer_not_found", renderAnswer(ask(t, "zebra migration", answerPassages+1))},
		{"answer_markdown", renderAnswer(ask(t, "railway construction costs", answerPassages+1))},
		{"answer_flood", renderAnswer(flood)},
		{"answer_follow_up", renderAnswer(followUp)},
		{"more", renderMore("Astana summit treaty", ask(t, "Astana summit treaty", 7).Passages[3:6], 3, true, en)},
		{"more_flood", renderMore(flood.Question, flood.Passages[:3], 0, true, en)},
		{"search_first", renderSearch("summit", ask(t, "summit", 6).Passages[:5], 0, true, en)},
		{"search_last", renderSearch("summit", ask(t, "summit", 50).Passages[30:], 6, false, en)},
		{"search_none", renderSearch("zebra", nil, 0, false, en)},
		{"paragraph", renderParagraph(docArticle, 2, en)},
		{"paragraph_first", renderParagraph(docArticle, 1, en)},
		{"paragraph_flood", renderParagraph(docFlood, 1, en)},
		{"document", renderDocument(docArticle, en)},
		{"document_markdown", renderDocument(docRailway, en)},
		{"document_flood", renderDocument(docFlood, en)},
		{"about", renderAbout(newTwin(fixtureDocs()).Stats(), fixtureDocs(), en)},
		{"notice", renderNotice("You're asking faster than I can keep up — please try again in 10 seconds.")},
	}
	// The same views in the other languages: the bot's words change, the
	// passages stay in English.
	for _, lang := range catalog.Languages()[1:] {
		w := catalog.For(lang)
		answered := ask(t, "Where was the treaty signed?", answerPassages+1)
		answered.Lang = lang
		refused := ask(t, "zebra migration", answerPassages+1)
		refused.Lang = lang
		follow := followUp
		follow.Lang = lang
		tests = append(tests, []struct {
			name string
			msg  message
		}{
			{"answer_" + lang, renderAnswer(answered)},
			{"answer_not_found_" + lang, renderAnswer(refused)},
			{"answer_follow_up_" + lang, renderAnswer(follow)},
			{"more_" + lang, renderMore("Astana summit treaty", ask(t, "Astana summit treaty", 7).Passages[3:6], 3, true, w)},
			{"search_first_" + lang, renderSearch("summit", ask(t, "summit", 6).Passages[:5], 0, true, w)},
			{"document_" + lang, renderDocument(docArticle, w)},
			{"paragraph_" + lang, renderParagraph(docArticle, 2, w)},
			{"about_" + lang, renderAbout(newTwin(fixtureDocs()).Stats(), fixtureDocs(), w)},
		}...)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkMessage(t, tt.msg, false)
			golden(t, filepath.Join("render", tt.name+".json"), marshalGolden(t, tt.msg.responseData(false)))
		})
	}
}

func TestRenderChoices(t *testing.T) {
	t.Parallel()
	docs := fixtureDocs()
	tests := []struct {
		typed   string
		want    int
		firstID string
	}{
		{"", 25, docArticle.ID},
		{"railway", 1, docRailway.ID},
		{"RAILWAY", 1, docRailway.ID},
		{"note-extra-1", 10, "note-extra-10"},
		{"background", 25, "note-extra-01"},
		{"everyone", 1, docFlood.ID},
		{"zebra", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			got := renderChoices(docs, tt.typed)
			if err := discordtest.CheckChoices(got); err != nil {
				t.Error(err)
			}
			if len(got) != tt.want {
				t.Fatalf("%d choices, want %d", len(got), tt.want)
			}
			if tt.want > 0 && got[0].Value != tt.firstID {
				t.Errorf("first choice %v, want %s", got[0].Value, tt.firstID)
			}
		})
	}
	golden(t, "render/choices.json", marshalGolden(t, renderChoices(docs, "")))
}

// TestRenderWorstCase renders answers with every part far over its
// budget and checks that the messages stay inside every limit.
func TestRenderWorstCase(t *testing.T) {
	t.Parallel()
	long := func(unit string, n int) string { return strings.Repeat(unit, n/len(unit)+1)[:n] }
	huge := long("@everyone <@1> **x** `y` ~~z~~ ", 50000)
	hit := answer.Hit{
		ID: "d#1", DocID: "d", Title: long("Title [x](y) ", 1000), Section: long("Section ", 1000), Paragraph: 123456,
		Text: huge, Source: long("Outlet* ", 1000), Published: "not a date " + long("z", 100),
		URL: "https://example.org/" + long("a", 170), Matches: []answer.Span{{Start: 0, End: 9}, {Start: 40000, End: 40009}},
	}
	var facts []answer.Fact
	for range 10 {
		facts = append(facts, answer.Fact{Text: huge[:5000], Speaker: long("Speaker ", 500), Cite: 99})
	}
	a := answer.Answer{
		Question: long("why? ", reading.MaxQuestionLen), Answered: true, Text: huge[:10000],
		Passages: []answer.Hit{hit, hit, hit, hit, hit, hit}, Facts: facts,
	}
	doc := corpus.Document{
		ID: "d", Title: long("T ", 5000), Outlet: long("O ", 5000), Author: long("A ", 5000), Published: "2025-06-17",
		URL: "https://example.org/x", Kind: "note", Sources: []string{huge[:3000], huge[:3000], huge[:3000]},
		Body: strings.Repeat(huge[:2000]+"\n\n", 40),
	}
	many := make([]corpus.Document, 200)
	for i := range many {
		many[i] = doc
	}
	for _, lang := range catalog.Languages() {
		w := catalog.For(lang)
		a.Lang = lang
		a.ReadAs = a.Question
		refused := a
		refused.Answered = false
		for name, m := range map[string]message{
			"answer":    renderAnswer(a),
			"refused":   renderAnswer(refused),
			"more":      renderMore(a.Question, a.Passages[:morePassages], 21, true, w),
			"search":    renderSearch(a.Question, a.Passages[:pageSize], 9, true, w),
			"none":      renderSearch(a.Question, nil, 9, true, w),
			"paragraph": renderParagraph(doc, 2, w),
			"document":  renderDocument(doc, w),
			"about":     renderAbout(index.Stats{Documents: 1 << 30, Passages: 1 << 30}, many, w),
			"notice":    renderNotice(huge),
		} {
			t.Run(lang+"/"+name, func(t *testing.T) {
				wire := checkMessage(t, m, true)
				if strings.Contains(wire.Text(), "@everyone") {
					t.Errorf("a raw @everyone is left")
				}
				for _, b := range wire.Buttons() {
					if b.CustomID != "" && len(b.CustomID) > maxCustomID {
						t.Errorf("custom id %q too long", b.CustomID)
					}
				}
			})
		}
	}
	if err := discordtest.CheckChoices(renderChoices(many, "")); err != nil {
		t.Error(err)
	}
}

func TestQuestionOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		question string
		want     string
	}{
		{"Where was the summit held?", "Where was the summit held?"},
		{"What about *bold* and <@123>, @everyone?", "What about *bold* and <@123>, @everyone?"},
		{"  spaces\n and lines ", "spaces and lines"},
		{strings.Repeat("word ", 100), strings.TrimSpace(strings.Repeat("word ", 51))},
	}
	for _, tt := range tests {
		m := renderAnswer(answer.Answer{Question: tt.question, Answered: true, Text: "x", Passages: []answer.Hit{{DocID: "d", Paragraph: 1, Text: "t"}}})
		got := questionOf(&discordgo.Message{Embeds: m.Embeds})
		if got != tt.want {
			t.Errorf("questionOf(render(%q)) = %q, want %q", tt.question, got, tt.want)
		}
	}
	if got := questionOf(nil); got != "" {
		t.Errorf("questionOf(nil) = %q", got)
	}
}
