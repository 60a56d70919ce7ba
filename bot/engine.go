package bot

import (
	"context"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/reading"
)

// Engine is what the bot needs of the answer engine. *index.Index
// implements it; tests use an in-memory twin.
type Engine interface {
	// Ask answers question from the indexed documents with at most k
	// passages. Errors wrapping reading.ErrBadQuestion are safe to show.
	Ask(ctx context.Context, question string, k int) (answer.Answer, error)
	// AskAfter answers a turn of a conversation, read with the turns
	// before it (oldest first); its answer's ReadAs says how.
	AskAfter(ctx context.Context, question string, k int, before []reading.Turn) (answer.Answer, error)
	// Documents returns every indexed document, for autocomplete and /about.
	Documents() []corpus.Document
	// Document returns the document with the given id.
	Document(id string) (corpus.Document, bool)
	// Stats describes what the engine holds.
	Stats() index.Stats
}
