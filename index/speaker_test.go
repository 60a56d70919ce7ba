package index

import (
	"testing"

	"github.com/summitbot/summitbot/corpus"
)

func TestSpeaker(t *testing.T) {
	ix := memIndex(t, defaultDocs(t))
	st := ix.current()
	const doc = "afp-summit-2025-06-17"
	tests := []struct {
		n        int    // paragraph
		sentence string // a prefix of the sentence
		want     string
	}{
		{9, `"Tariff wars`, "Xi"},                              // "Xinhua quoted him as saying"
		{25, `"Ensuring uninterrupted`, "Nargiza Muratalieva"}, // "the analyst added"
		{24, `"Central Asia is rich`, "Nargiza Muratalieva"},   // "Muratalieva said"
		{18, `China is our privileged`, "Dmitry Peskov"},       // "Kremlin spokesman Dmitry Peskov told reporters"
		{6, `"We should`, "Xi"},                                // "said Xi in comments carried by ... Xinhua"
		{17, `Russia says`, "Russia"},
		{23, `Kazakhstan said last week`, "Kazakhstan"},
		{3, `The summit in Astana`, ""}, // not a quote
	}
	for _, tt := range tests {
		p := passageOf(st, corpus.PassageID(doc, tt.n))
		var sent string
		for _, s := range Sentences(p.Text) {
			if len(s) >= len(tt.sentence) && s[:len(tt.sentence)] == tt.sentence {
				sent = s
			}
		}
		if sent == "" {
			t.Fatalf("paragraph %d has no sentence starting %q", tt.n, tt.sentence)
		}
		if got := ix.speaker(st, p, sent); got != tt.want {
			t.Errorf("speaker of %d %q = %q, want %q", tt.n, tt.sentence, got, tt.want)
		}
	}
}

func TestFactsCarrySpeakers(t *testing.T) {
	ix := memIndex(t, defaultDocs(t))
	ans, err := ix.Ask(t.Context(), "What did Xi say about tariff wars?", 3)
	if err != nil || !ans.Answered {
		t.Fatalf("%+v %v", ans, err)
	}
	if len(ans.Facts) == 0 || ans.Facts[0].Speaker != "Xi" || ans.Facts[0].Cite != 1 {
		t.Errorf("facts: %+v", ans.Facts)
	}
}
