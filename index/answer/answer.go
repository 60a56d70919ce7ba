// Package answer answers a question from the index: it reads the question
// (index/reading), gathers candidate passages and their features (index),
// ranks them with a fitted model, decides whether the documents hold an
// answer at all, and composes the reply: the direct answer (the sentence
// that answers, from the passage that answers), the passages, and the facts
// behind them with who said them. Its weights live in model.json, written
// by `summitbot train` (index/eval) and never set by hand.
package answer

import "github.com/summitbot/summitbot/index"

// Answer is what the engine says to one question: a direct answer, the
// passages it stands on (best first) and the facts behind it. When Answered
// is false the corpus does not hold an answer and Passages is empty.
type Answer struct {
	Question string `json:"question"`
	Answered bool   `json:"answered"`
	Text     string `json:"answer"`
	Passages []Hit  `json:"passages"`
	Facts    []Fact `json:"facts"`
	// SmallTalk reports that the question was a greeting or thanks with
	// nothing to look up ("hi", "thanks"), for front ends that answer it
	// with what the bot is. It is not part of the JSON answer.
	SmallTalk bool `json:"-"`
}

// Hit is one retrieved passage with its citation.
type Hit struct {
	ID        string  `json:"id"` // docID#N
	DocID     string  `json:"doc_id"`
	Title     string  `json:"title"`
	Section   string  `json:"section"`
	Paragraph int     `json:"paragraph"`
	Text      string  `json:"text"`
	Score     float64 `json:"score"`
	Source    string  `json:"source"`    // the outlet
	Published string  `json:"published"` // YYYY-MM-DD or ""
	URL       string  `json:"url"`
	Kind      string  `json:"kind"`
	// Matches are the byte ranges of Text that matched the question, in
	// order and not overlapping, for bold rendering.
	Matches []Span `json:"matches,omitempty"`
}

// Span is a byte range [Start, End) of a passage's text.
type Span = index.Span

// Fact is one sentence behind the answer, with who said it when it is a
// quote or a reported statement whose speaker is known, and the 1-based
// number of the passage it comes from.
type Fact struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker,omitempty"`
	Cite    int    `json:"cite"`
}

// NotFound is the direct answer given when the documents do not hold one.
const NotFound = "I couldn't find that in the summit documents."

// Scope says what the documents cover, for replies that found nothing.
const Scope = "I answer from an AFP report on the second China–Central Asia summit (Astana, 17 June 2025) and background notes: the leaders, the treaty and declaration, trade, the China–Kyrgyzstan–Uzbekistan railway, Khorgos, Kazakhstan's nuclear plans and the first summit in Xi'an."

// Cite returns the 1-based number of the passage the direct answer comes
// from, or 0 when there is none.
func (a Answer) Cite() int {
	for _, f := range a.Facts {
		if f.Text == a.Text {
			return f.Cite
		}
	}
	return 0
}

// Limits of one answer.
const (
	// DefaultK is how many passages an answer shows at most by default.
	DefaultK = 3
	// MaxK is the most passages one answer may hold.
	MaxK = 20
)
