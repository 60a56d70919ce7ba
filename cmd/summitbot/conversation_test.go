package main

import (
	"bufio"
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/eval"
)

// conversationSets are the blind writers' conversation sets.
var conversationSets = []string{"dev-c1", "dev-c2", "test-c3", "test-c4", "fresh-c5", "fresh-c6"}

// TestAskConversationScored pipes every conversation set through `ask
// --json --conversation -` (a blank line between conversations) and
// scores the answers printed: they are the engine's own, turn for turn,
// and the figures are logged per kind of turn.
func TestAskConversationScored(t *testing.T) {
	var convs []eval.Conversation
	for _, name := range conversationSets {
		cs, err := eval.ReadConversationFiles(filepath.Join("..", "..", "index", "testdata", "conversations", name+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		convs = append(convs, cs...)
	}
	var in strings.Builder
	for _, c := range convs {
		for _, turn := range c.Turns {
			in.WriteString(turn.Q + "\n")
		}
		in.WriteString("\n")
	}
	r := runMain(t, in.String(), map[string]string{"SUMMITBOT_DATA": t.TempDir()}, "ask", "--json", "--conversation", "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(nil, 1<<20)
	var printed []answer.Answer
	for sc.Scan() {
		var a answer.Answer
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		printed = append(printed, a)
	}

	// The engine in process, for the same turns.
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.OpenMem(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	eng, err := answer.Default(ix)
	if err != nil {
		t.Fatal(err)
	}
	want, err := eval.EvaluateConversations(t.Context(), eng, convs, answer.DefaultK)
	if err != nil {
		t.Fatal(err)
	}
	if len(printed) != len(want.Turns) {
		t.Fatalf("%d answers printed for %d turns", len(printed), len(want.Turns))
	}
	rep := eval.ConversationReport{ByKind: map[string]*eval.Report{}}
	i := 0
	for _, c := range convs {
		for n, turn := range c.Turns {
			got, w := printed[i], want.Turns[i].Answer
			if got.ReadAs != w.ReadAs || got.Answered != w.Answered || got.Text != w.Text || len(got.Passages) != len(w.Passages) {
				t.Errorf("turn %q: printed read_as %q answered %v; engine %q %v", turn.Q, got.ReadAs, got.Answered, w.ReadAs, w.Answered)
			}
			if n == 0 && got.ReadAs != "" {
				t.Errorf("the first turn of a conversation %q was read with context: %q", turn.Q, got.ReadAs)
			}
			rep.Add(turn, got)
			i++
		}
	}
	rep.Finish()
	t.Logf("%d conversations through ask --json --conversation -:\n%s", len(convs), rep.Summary())
}

// TestAskConversationTerminal: the interactive prompt is one conversation
// (a follow-up shows how it was read), and /new or two empty lines start
// a fresh one; a stream without --conversation reads each line alone.
func TestAskConversationTerminal(t *testing.T) {
	vars := map[string]string{"SUMMITBOT_DATA": t.TempDir(), "TERMINAL": "1"}
	r := runMain(t, "how much did kazakhstan trade with china in 2024\nand uzbekistan?\n/new\nand uzbekistan?\n", vars, "ask")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if strings.Count(r.stdout, "(read as: how much did uzbekistan trade with china in 2024)") != 1 || !strings.Contains(r.stdout, "(a new conversation)") {
		t.Errorf("interactive conversation:\n%s", r.stdout)
	}
	r = runMain(t, "how much did kazakhstan trade with china in 2024\n\n\nand uzbekistan?\n", vars, "ask")
	if strings.Contains(r.stdout, "read as:") || !strings.Contains(r.stdout, "(a new conversation)") {
		t.Errorf("two empty lines did not start afresh:\n%s", r.stdout)
	}
	delete(vars, "TERMINAL")
	r = runMain(t, "how much did kazakhstan trade with china in 2024\nand uzbekistan?\n", vars, "ask", "--json")
	if strings.Contains(r.stdout, `"read_as"`) {
		t.Errorf("a plain stream read a line with the one before:\n%s", r.stdout)
	}
	r = runMain(t, "how much did kazakhstan trade with china in 2024\nand uzbekistan?\n\nand uzbekistan?\n", vars, "ask", "--json", "--conversation", "-")
	if strings.Count(r.stdout, `"read_as":"how much did uzbekistan trade with china in 2024"`) != 1 {
		t.Errorf("--conversation -: want one turn read with context, the one after the blank line alone:\n%s", r.stdout)
	}
	for _, bad := range [][]string{{"ask", "--conversation", "turns.txt"}, {"ask", "--conversation", "-", "a question"}} {
		if r := runMain(t, "", vars, bad...); r.code != 2 || !strings.Contains(r.stderr, "--conversation") {
			t.Errorf("%q: exit %d, %q", bad, r.code, r.stderr)
		}
	}
}

// TestAskForeignJSON: the JSON answer to a question in Russian, Chinese
// or Kazakh carries its language and its English reading; a foreign
// follow-up in a conversation carries the English it was completed to.
func TestAskForeignJSON(t *testing.T) {
	vars := map[string]string{"SUMMITBOT_DATA": t.TempDir()}
	in := "Где проходил саммит?\n\n峰会在哪里举行？\n\nСаммит қай жерде өтті?\n\nсколько Казахстан наторговал с Китаем в 2024 году\nа Узбекистан?\n"
	r := runMain(t, in, vars, "ask", "--json", "--conversation", "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var got []answer.Answer
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var a answer.Answer
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		got = append(got, a)
	}
	if len(got) != 5 {
		t.Fatalf("%d answers, want 5:\n%s", len(got), r.stdout)
	}
	for i, lang := range []string{"ru", "zh", "kk"} {
		a := got[i]
		astana := slices.ContainsFunc(a.Passages, func(h answer.Hit) bool { return strings.Contains(h.Text, "Astana") })
		if a.Lang != lang || !strings.HasPrefix(a.ReadAs, "where") || !a.Answered || !astana {
			t.Errorf("%q: lang %q, read as %q, answered %v; want %s, read as where ..., answered from a passage naming Astana", a.Question, a.Lang, a.ReadAs, a.Answered, lang)
		}
	}
	if a := got[4]; a.Lang != "ru" || !strings.Contains(a.ReadAs, "Uzbekistan") || !strings.Contains(a.ReadAs, "2024") || strings.Contains(a.ReadAs, "Kazakhstan") || !strings.Contains(a.Text, "Uzbekistan") {
		t.Errorf("foreign follow-up read as %q, answered %q; want the last question in English with Uzbekistan for Kazakhstan", a.ReadAs, a.Text)
	}
}
