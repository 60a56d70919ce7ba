package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/reading"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestFormatAnswerGolden checks the terminal layout against golden files
// (go test ./cmd/summitbot -run TestFormatAnswerGolden -update rewrites
// them): citations wrap like passages, under a hanging indent, and the
// attribution dash stays with the speaker's name (issue 12, item 12).
func TestFormatAnswerGolden(t *testing.T) {
	long := answer.Hit{
		DocID: "afp-summit-2025-06-17", Title: `China and Central Asian leaders sign "eternal friendship" treaty in Astana`,
		Section: "Biggest trade partner", Paragraph: 18, Source: "AFP", Published: "2025-06-17",
		URL:  "https://www.example.org/news/2025/06/17/china-central-asia-summit-astana-treaty-eternal-friendship",
		Text: `"There is no reason for such fears. China is our privileged strategic partner, and the countries of Central Asia, naturally, are our natural historical partners," Kremlin spokesman Dmitry Peskov told reporters on Monday.`,
	}
	tests := []struct {
		name  string
		ans   answer.Answer
		width int
	}{
		{"speaker_at_the_edge", answer.Answer{
			Answered: true,
			// The second line is 74 characters: the dash fits after
			// it, the name does not.
			Text:     `"There is no reason for such fears. China is our privileged strategic partner," the Kremlin spokesman told reporters in Astana on Monday, adding`,
			Passages: []answer.Hit{long},
			Facts:    []answer.Fact{{Text: `"There is no reason for such fears. China is our privileged strategic partner," the Kremlin spokesman told reporters in Astana on Monday, adding`, Speaker: "Dmitry Sergeyevich Peskov", Cite: 1}},
		}, 78},
		{"narrow", answer.Answer{
			Answered: true, Text: "The summit was held in Astana.",
			Passages: []answer.Hit{long, {DocID: "n", Title: "A note", Paragraph: 2, Text: "Astana hosted it."}},
			Facts:    []answer.Fact{{Text: "The summit was held in Astana.", Cite: 1}},
		}, 40},
		{"refusal", answer.Answer{Question: "What is a good recipe for plov?", Passages: []answer.Hit{}}, 78},
		{"small_talk", answer.Answer{Question: "hi", SmallTalk: true, Passages: []answer.Hit{}}, 78},
		{"russian", answer.Answer{Question: "Где прошёл саммит?", Lang: reading.Russian, Passages: []answer.Hit{}}, 78},
		{"chinese", answer.Answer{Question: "峰会在哪里举行？", Lang: reading.Chinese, Passages: []answer.Hit{}}, 78},
		{"kazakh_small_talk", answer.Answer{Question: "сәлем", Lang: reading.Kazakh, SmallTalk: true, Passages: []answer.Hit{}}, 78},
		{"japanese", answer.Answer{Question: "サミットはどこで開催されましたか？", Lang: reading.English, Passages: []answer.Hit{}}, 78},
		{"russian_answered", answer.Answer{
			Question: "Что говорил про tariff wars?", Lang: reading.Russian, ReadAs: "what did xi say about tariff wars",
			Answered: true, Text: "The summit was held in Astana.",
			Passages: []answer.Hit{long},
			Facts:    []answer.Fact{{Text: "The summit was held in Astana.", Speaker: "Xinhua", Cite: 1}},
		}, 78},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FormatAnswer(tt.ans, tt.width, index.Stats{Documents: 12, Passages: 96})
			for _, line := range strings.Split(got, "\n") {
				// Over the width only as one word: Chinese and Japanese
				// break between characters, which take two columns.
				if n := columns(line); n > tt.width && (strings.Contains(strings.TrimSpace(line), " ") || n != len([]rune(line))) {
					t.Errorf("line of %d characters, over %d: %q", n, tt.width, line)
				}
				if strings.HasSuffix(strings.TrimSpace(line), "—") {
					t.Errorf("line ends with the dash: %q", line)
				}
			}
			file := filepath.Join("testdata", "format", tt.name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if got != string(want) {
				t.Errorf("layout differs from %s:\n got:\n%s\nwant:\n%s", file, got, want)
			}
		})
	}
}

// TestWrapKeepsAttribution: whatever the width, the dash and the
// speaker's name move to the next line together.
func TestWrapKeepsAttribution(t *testing.T) {
	ans := answer.Answer{Answered: true, Text: "Trade will grow.", Facts: []answer.Fact{{Text: "Trade will grow.", Speaker: "Xi Jinping", Cite: 1}},
		Passages: []answer.Hit{{Title: "T", Paragraph: 1, Text: "Trade will grow."}}}
	for width := 10; width <= 40; width++ {
		first, _, _ := strings.Cut(FormatAnswer(ans, width, index.Stats{}), "\nSources:")
		for _, line := range strings.Split(first, "\n") {
			l := strings.TrimSpace(line)
			if strings.HasSuffix(l, "—") || strings.HasSuffix(l, "Xi") || strings.HasPrefix(l, "Jinping") {
				t.Errorf("width %d: %q", width, first)
			}
		}
	}
}
