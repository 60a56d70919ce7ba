package eval

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
)

const conversationsDir = "../testdata/conversations"

// conversationSets are the conversation sets, each by two blind
// writers: dev (read while building follow-up reading), test (scored once
// at the first run, then read), fresh (written after, to judge the
// changes made after reading test), judge (written after that, never
// fitted on: it judges the follow-up weights and the rules since), judge2
// (one more writer, scored once when the precedents came in: follow-up
// turns top-1 71.9%, top-3 78.1%, out of scope 4 of 6 refused; the engine
// before them 68.8 / 75.0 / 5 of 6), judge3 (one more, after the
// precedents: 77.1 / 88.6 / 5 of 6; the engine before them 74.3 / 85.7 /
// 5 of 6).
var conversationSets = map[string][]string{
	"dev":    {"dev-c1.jsonl", "dev-c2.jsonl"},
	"test":   {"test-c3.jsonl", "test-c4.jsonl"},
	"fresh":  {"fresh-c5.jsonl", "fresh-c6.jsonl"},
	"judge":  {"judge-c7.jsonl", "judge-c8.jsonl"},
	"judge2": {"judge-c9.jsonl"},
	"judge3": {"judge-c10.jsonl"},
}

// TestConversations scores the conversation sets: summitbot with context,
// summitbot and plain bleve with each turn alone.
func TestConversations(t *testing.T) {
	ours, plain, docs := setup(t)
	// The same engine with the follow-up weights off: what they are worth.
	m, err := answer.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	m.FollowUp = answer.FollowUp{}
	ix, err := index.OpenMem(t.Context(), docs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	unweighted, err := answer.New(ix, m)
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range []string{"dev", "test", "fresh", "judge", "judge2", "judge3"} {
		t.Run(set, func(t *testing.T) {
			var paths []string
			for _, f := range conversationSets[set] {
				paths = append(paths, filepath.Join(conversationsDir, f))
			}
			convs, err := ReadConversationFiles(paths...)
			if err != nil {
				t.Fatal(err)
			}
			with, err := EvaluateConversations(t.Context(), ours, convs, answer.DefaultK)
			if err != nil {
				t.Fatal(err)
			}
			off, err := EvaluateConversations(t.Context(), unweighted, convs, answer.DefaultK)
			if err != nil {
				t.Fatal(err)
			}
			alone, err := EvaluateConversations(t.Context(), Alone{ours}, convs, answer.DefaultK)
			if err != nil {
				t.Fatal(err)
			}
			base, err := EvaluateConversations(t.Context(), Alone{plain}, convs, answer.DefaultK)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d conversations\nsummitbot with context:\n%s\nsummitbot with context, follow-up weights off:\n  %s\nsummitbot, each turn alone:\n%s\nplain bleve, each turn alone:\n%s",
				set, len(convs), with.Summary(), off.FollowUp.Summary(), alone.Summary(), base.Summary())
			if testing.Verbose() && os.Getenv("MISSES") == "conv-"+set {
				for _, r := range with.Turns {
					if !r.Correct || r.Case.InScope() && !r.Direct || r.Kind == KindSwitch && r.Carried {
						t.Logf("MISS %s %q read as %q: %s", r.Kind, r.Case.Q, r.Answer.ReadAs, r.Describe())
					}
				}
			}
		})
	}
}
