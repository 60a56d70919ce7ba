package answer

import (
	"context"

	"github.com/summitbot/summitbot/index/reading"
)

// Read reads question as Ask reads it, against the index as it is now,
// without ranking anything: for grouping questions that ask the same
// thing (reading.Question.Key). Errors wrapping reading.ErrBadQuestion
// are about the question.
func (e *Engine) Read(ctx context.Context, question string) (reading.Question, error) {
	snap, err := e.ix.Snapshot(ctx)
	if err != nil {
		return reading.Question{}, err
	}
	defer snap.Close()
	return e.reader.Read(question, snap)
}
