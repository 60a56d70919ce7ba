package bot

import (
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/library"
)

// The real engine and the test twin both satisfy Engine; the library and
// the twin satisfy Moderator.
var (
	_ Engine    = (*answer.Engine)(nil)
	_ Engine    = (*twinEngine)(nil)
	_ Engine    = (*library.Library)(nil)
	_ Moderator = (*library.Library)(nil)
	_ Moderator = (*twinEngine)(nil)
)

// realEngine opens the real engine over docs, in memory.
func realEngine(t *testing.T, docs []corpus.Document) *answer.Engine {
	t.Helper()
	ix, err := index.OpenMem(t.Context(), docs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	eng, err := answer.Default(ix)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}
