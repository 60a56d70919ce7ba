// Package answer answers a question from the index: it reads the question
// (index/reading), gathers candidate passages and their features (index),
// ranks them with a fitted model, decides whether the documents hold an
// answer at all, and composes the reply: the direct answer (the sentence
// that answers, from the passage that answers), the passages, and the facts
// behind them with who said them. Its weights live in model.json, written
// by `summitbot train` (index/eval) and never set by hand.
package answer

import (
	"slices"

	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/reading"
)

// Answer is what the engine says to one question: a direct answer, the
// passages it stands on (best first) and the facts behind it. When Answered
// is false the corpus does not hold an answer and Passages is empty.
type Answer struct {
	Question string `json:"question"`
	// ReadAs is the question as understood with the conversation before
	// it, when it leaned on it ("how long is it?" read as "how long is
	// the China–Kyrgyzstan–Uzbekistan railway"), and the English reading
	// of a question in Russian, Chinese or Kazakh ("Где проходил
	// саммит?" read as "where held summit?"); empty otherwise.
	ReadAs string `json:"read_as,omitempty"`
	// Lang is the language the question was written in (reading.English,
	// Russian, Chinese or Kazakh): the language of the words the bot
	// writes itself around the English passages.
	Lang     string `json:"lang"`
	Answered bool   `json:"answered"`
	Text     string `json:"answer"`
	Passages []Hit  `json:"passages"`
	Facts    []Fact `json:"facts"`
	// SmallTalk reports that the question was a greeting or thanks with
	// nothing to look up ("hi", "thanks"), for front ends that answer it
	// with what the bot is. It is not part of the JSON answer.
	SmallTalk bool `json:"-"`
	// Move is how the question leaned on the conversation.
	Move reading.Move `json:"-"`
}

// Turn is the answer as a turn of its conversation, for the next
// question's context; ok is false for small talk, which is no topic.
func (a Answer) Turn() (t reading.Turn, ok bool) {
	if a.SmallTalk && !a.Answered {
		return reading.Turn{}, false
	}
	t.Question = a.Question
	if a.ReadAs != "" {
		t.Question = a.ReadAs
	}
	if a.Answered {
		t.Answer = a.Text
	}
	for _, h := range a.Passages {
		t.Shown = append(t.Shown, h.ID)
	}
	return t, true
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

// MaxTurns is how many earlier turns a conversation keeps as context.
const MaxTurns = 4

// Then returns the turns of a conversation after answer a: before with
// a's turn appended (small talk is no turn), the last MaxTurns kept.
func Then(before []reading.Turn, a Answer) []reading.Turn {
	t, ok := a.Turn()
	if !ok {
		return before
	}
	out := append(slices.Clone(before), t)
	if len(out) > MaxTurns {
		out = out[len(out)-MaxTurns:]
	}
	return out
}
