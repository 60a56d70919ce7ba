package bot

import (
	"testing"

	"github.com/summitbot/summitbot/corpus"
)

// TestRealEngineRender renders answers of the real engine over the embedded
// corpus plus the flood document, and checks every limit. It checks no
// wording: the corpus and the ranking change.
func TestRealEngineRender(t *testing.T) {
	t.Parallel()
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	ix := realEngine(t, append(docs, docFlood, docRailway))
	for _, q := range []string{
		"Where was the summit held?",
		"What did Xi say about tariffs?",
		"everyone flood summit",
		"<@123> @everyone railway",
		"zebra migration patterns",
	} {
		t.Run(q, func(t *testing.T) {
			a, err := ix.Ask(t.Context(), q, answerPassages+1)
			if err != nil {
				t.Fatal(err)
			}
			checkMessage(t, renderAnswer(a), false)
			s, err := ix.Ask(t.Context(), q, pageSize+1)
			if err != nil {
				t.Fatal(err)
			}
			checkMessage(t, renderSearch(q, s.Passages[:min(pageSize, len(s.Passages))], 0, len(s.Passages) > pageSize, en), false)
			checkMessage(t, renderMore(q, s.Passages, 0, true, en), true)
		})
	}
	for _, d := range ix.Documents() {
		checkMessage(t, renderDocument(d, en), false)
		for n := range d.Passages() {
			checkMessage(t, renderParagraph(d, n+1, en), true)
		}
	}
	checkMessage(t, renderAbout(ix.Stats(), ix.Documents(), en), true)
}
