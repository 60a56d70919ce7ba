package answer

import (
	"testing"

	"github.com/summitbot/summitbot/index/reading"
)

// TestDayAnswers: "what day" is answered by a day of a month or a
// weekday, not by a month or a year alone; "what day of the week" by a
// weekday only.
func TestDayAnswers(t *testing.T) {
	for _, tt := range []struct {
		sub  string
		text string
		want bool
	}{
		{reading.SubDay, "Chinese President Xi Jinping landed in Astana on 16 June 2025.", true},
		{reading.SubDay, "The summit met on Tuesday in Astana.", true},
		{reading.SubDay, "The first summit was held in Xi'an on 18–19 May 2023.", true},
		{reading.SubDay, "The leaders met on June 17.", true},
		{reading.SubDay, "The first summit was held in Xi'an in May 2023.", false},
		{reading.SubDay, "Trade reached a record in 2024.", false},
		{reading.SubWeekday, "The summit met on Tuesday, 17 June 2025.", true},
		{reading.SubWeekday, "Chinese President Xi Jinping landed in Astana on 16 June 2025.", false},
	} {
		ks := kinds{k: reading.Kind{Type: reading.Date, Sub: tt.sub}}
		if got := ks.inText(tt.text, nil); got != tt.want {
			t.Errorf("%s answer in %q: %v, want %v", tt.sub, tt.text, got, tt.want)
		}
	}
}

// TestKindCacheSameAnswers: over every passage of the built-in corpus
// and every answer pattern, what the cache keeps is what the patterns
// find with nothing kept, asked twice (the second from the cache).
func TestKindCacheSameAnswers(t *testing.T) {
	docs, lg := corpusAndLang(t)
	var kindsToTry []reading.Kind
	for typ := range typeAnswers {
		kindsToTry = append(kindsToTry, reading.Kind{Type: typ}, reading.Kind{Type: typ, Says: true})
	}
	for sub := range subAnswers {
		kindsToTry = append(kindsToTry, reading.Kind{Type: reading.Quantity, Sub: sub}, reading.Kind{Type: reading.Date, Sub: sub})
	}
	seen := newKindCache()
	n := 0
	for _, d := range docs {
		for _, p := range d.Passages() {
			for _, k := range kindsToTry {
				cold := kinds{al: lg.Aliases(), terms: lg.Terms, k: k, asked: map[int]bool{}}
				kept := cold
				kept.seen = seen
				want := cold.holds(p.Text, nil, nil)
				for range 2 {
					if got := kept.holds(p.Text, nil, nil); got != want {
						t.Fatalf("%s, kind %+v: %v through the cache, %v without", p.ID(), k, got, want)
					}
				}
				n++
			}
		}
	}
	if n == 0 || len(seen.answers.byKey) == 0 {
		t.Fatalf("%d checks, %d texts kept: nothing was tried", n, len(seen.answers.byKey))
	}
}
