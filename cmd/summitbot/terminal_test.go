package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/summitbot/summitbot/index/catalog"
	"github.com/summitbot/summitbot/index/reading"
)

// Tests of issue 12, "the terminal as people use it": each runs the
// program through run, as a user would type the command.

// TestFlagsAnywhere: flags may follow the arguments, "--" ends them, and
// unknown ones are refused with the usage (item 1).
func TestFlagsAnywhere(t *testing.T) {
	src := t.TempDir()
	note := writeFile(t, src, "okapi.txt", "Okapi notes\n\nThe okapi lives in the Ituri rainforest.\n")
	set := writeFile(t, src, "set.jsonl", `{"q": "Where was the summit held?", "expect": ["Astana"]}`+"\n")

	r := runMain(t, "", nil, "ask", "Where was the summit held?", "--json")
	if got := decodeLines(t, r.stdout); r.code != 0 || len(got) != 1 || got[0].Question != "Where was the summit held?" || !*got[0].Answered {
		t.Errorf("ask QUESTION --json: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runMain(t, "", nil, "ask", "Who is Peskov?", "-k", "1", "--json")
	if got := decodeLines(t, r.stdout); r.code != 0 || len(got) != 1 || len(got[0].Passages) != 1 {
		t.Errorf("ask QUESTION -k 1: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// "--" ends the flags: what follows is the question, dashes and all.
	r = runMain(t, "", nil, "ask", "--json", "--", "-k 5 where was the summit held?")
	if got := decodeLines(t, r.stdout); r.code != 0 || len(got) != 1 || got[0].Question != "-k 5 where was the summit held?" {
		t.Errorf("ask -- QUESTION: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	data := t.TempDir()
	r = runMain(t, "", nil, "docs", "add", note, "--title", "Okapi field notes", "--data", data)
	if r.code != 0 || !strings.Contains(r.stdout, "saved okapi-field-notes\tOkapi field notes") {
		t.Fatalf("docs add FILE --title T --data DIR: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runMain(t, "", nil, "docs", "list", "--data", data, "--json")
	if r.code != 0 || !strings.Contains(r.stdout, `"id":"okapi-field-notes"`) {
		t.Errorf("docs list --data DIR --json: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// --data before the docs command works too.
	r = runMain(t, "", nil, "docs", "--data", data, "list", "--json")
	if r.code != 0 || !strings.Contains(r.stdout, `"id":"okapi-field-notes"`) {
		t.Errorf("docs --data DIR list: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runMain(t, "", nil, "docs", "remove", "okapi-field-notes", "--data", data)
	if r.code != 0 || r.stdout != "removed okapi-field-notes\n" {
		t.Errorf("docs remove ID --data DIR: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	imp := filepath.Join(src, "folder")
	writeFile(t, imp, "tapir.txt", "Tapir calves\n\nYoung tapirs wear white bands.\n")
	r = runMain(t, "", nil, "docs", "import", imp, "--data", data)
	if r.code != 0 || !strings.Contains(r.stdout, "imported 1 documents (0 skipped)") {
		t.Errorf("docs import DIR --data X: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(data, "documents", "tapir-calves.md")); err != nil {
		t.Errorf("import went elsewhere than --data: %v", err)
	}
	r = runMain(t, "", nil, "eval", set, "--json")
	var fig map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &fig); r.code != 0 || err != nil || fig["questions"] != float64(1) {
		t.Errorf("eval FILE --json: exit %d, %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}

	refused := []struct {
		args []string
		msg  string
	}{
		{[]string{"ask", "summit", "--nope"}, "unknown flag: --nope"},
		{[]string{"docs", "list", "foo", "--json"}, `docs list takes no arguments, got ["foo"]`},
		{[]string{"docs", "add", note, "--colour", "red"}, "unknown flag: --colour"},
		{[]string{"eval", set, "-x"}, "unknown shorthand flag: 'x'"},
		{[]string{"ask", "-k", "many", "summit"}, `-k "many": want a whole number`},
		{[]string{"--data", data, "ask", "summit"}, "flags go after the command"},
	}
	for _, tt := range refused {
		r := runMain(t, "", nil, tt.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.msg) || !strings.Contains(r.stderr, "Usage: summitbot") || r.stdout != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2, %q and the usage on stderr", tt.args, r.code, r.stdout, r.stderr, tt.msg)
		}
	}
}

// TestHelp: -h and --help exit 0 and print the usage on standard output,
// for every command and docs command; `summitbot help CMD` is `CMD --help`;
// --version names summitbot's, Go's and bleve's versions; mistakes go to
// standard error (item 7).
func TestHelp(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-h"}, "Usage: summitbot <command>"},
		{[]string{"--help"}, "Usage: summitbot <command>"},
		{[]string{"help"}, "Usage: summitbot <command>"},
		{[]string{"help", "ask"}, "Usage: summitbot ask [--json] [-k N] [--conversation -] [--data DIR]"},
		{[]string{"ask", "-h"}, "Usage: summitbot ask"},
		{[]string{"ask", "summit", "--help"}, "Usage: summitbot ask"},
		{[]string{"docs", "-h"}, "Usage: summitbot docs"},
		{[]string{"docs", "--help"}, "Usage: summitbot docs"},
		{[]string{"docs", "help"}, "Usage: summitbot docs"},
		{[]string{"help", "docs"}, "Usage: summitbot docs"},
		{[]string{"docs", "help", "update"}, "Usage: summitbot docs update"},
		{[]string{"help", "docs", "add"}, "Usage: summitbot docs add"},
		{[]string{"docs", "import", "-h"}, "Usage: summitbot docs import"},
		{[]string{"docs", "list", "--help"}, "Usage: summitbot docs list"},
		{[]string{"docs", "remove", "-h"}, "Usage: summitbot docs remove"},
		{[]string{"serve", "-h"}, "Usage: summitbot serve"},
		{[]string{"eval", "--help"}, "Usage: summitbot eval"},
		{[]string{"bench", "-h"}, "Usage: summitbot bench"},
		{[]string{"train", "-h"}, "Usage: summitbot train"},
		{[]string{"--version"}, "summitbot "},
		{[]string{"version"}, "summitbot "},
	}
	for _, tt := range tests {
		r := runMain(t, "", nil, tt.args...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, tt.want) && !strings.Contains(r.stdout, "\n"+tt.want) || r.stderr != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 0 and %q on stdout", tt.args, r.code, r.stdout, r.stderr, tt.want)
		}
	}
	r := runMain(t, "", nil, "--version")
	for _, want := range []string{"summitbot ", "go1.", "bleve v2."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--version lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, args := range [][]string{{"frobnicate"}, {"docs", "frobnicate"}, {"help", "frobnicate"}, nil, {"docs"}} {
		r := runMain(t, "", nil, args...)
		if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "Usage: summitbot") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and the usage on stderr only", args, r.code, r.stdout, r.stderr)
		}
	}
}

// TestInteractivePrompt: the prompt's line editor gets a history file in
// the data folder and the questions asked; Ctrl-C clears the line, or
// quits on an empty one; Ctrl-D after a half-typed line asks nothing and
// ends the line (item 2).
func TestInteractivePrompt(t *testing.T) {
	data := t.TempDir()
	vars := map[string]string{"TERMINAL": "1", "SUMMITBOT_DATA": data}
	p := newFakePrompt("Where was the summit", "what did Xi say^C", "", "Who is Peskov?", "^C", "never asked")
	r := runMainWith(t, context.Background(), "", vars, p, "ask")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	file, history, closed := p.state()
	if file != filepath.Join(data, "history") || !closed {
		t.Errorf("history file %q (want it in the data folder), closed %v", file, closed)
	}
	if strings.Join(history, "|") != "Where was the summit|Who is Peskov?" {
		t.Errorf("history %q: want the two questions asked, not the cleared line or the blank one", history)
	}
	if strings.Contains(r.stdout, "tariff") || strings.Contains(r.stdout, "never asked") {
		t.Errorf("a cleared line was answered, or the prompt went on after Ctrl-C on an empty line:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "Astana") || !strings.Contains(r.stdout, "Peskov") {
		t.Errorf("questions not answered:\n%s", r.stdout)
	}

	// Ctrl-D with a half-typed question: nothing asked, the line ended.
	p = newFakePrompt("Where was the su^D")
	r = runMainWith(t, context.Background(), "", vars, p, "ask")
	if r.code != 0 || !strings.HasSuffix(r.stdout, "> Where was the su\n") {
		t.Errorf("Ctrl-D after a half-typed line: exit %d, output ends %q", r.code, r.stdout[max(0, len(r.stdout)-80):])
	}
}

// TestInteractivePromptSeesNewDocuments: a document saved by another
// process while the prompt is open is answered from at the next question,
// as the bot picks it up (item 8).
func TestInteractivePromptSeesNewDocuments(t *testing.T) {
	data := t.TempDir()
	vars := map[string]string{"TERMINAL": "1", "SUMMITBOT_DATA": data}
	note := filepath.Join(t.TempDir(), "zorblax.txt")
	if err := os.WriteFile(note, []byte("The zorblax festival\n\nThe zorblax festival of lanterns is held every spring in a test town.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := newFakePrompt("Where was the summit held?", "when is the zorblax festival held?")
	p.before = func(n int) {
		if n != 1 {
			return
		}
		r := runMain(t, "", map[string]string{"SUMMITBOT_DATA": data, "LOG_LEVEL": "warn"}, "docs", "add", note, "--source", "Test desk")
		if r.code != 0 {
			t.Errorf("docs add while the prompt is open: exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
	}
	r := runMainWith(t, context.Background(), "", vars, p, "ask")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	_, after, ok := strings.Cut(r.stdout, "zorblax festival held?")
	if !ok || !strings.Contains(after, "lanterns") {
		t.Errorf("the document added meanwhile was not answered from:\n%s", r.stdout)
	}
}

// TestInteractivePromptStopsOnSignal: SIGINT or SIGTERM (the context)
// ends the prompt while it waits for a line, without Enter, and the index
// is released for the next process (item 2).
func TestInteractivePromptStopsOnSignal(t *testing.T) {
	data := t.TempDir()
	vars := map[string]string{"TERMINAL": "1", "SUMMITBOT_DATA": data}
	p := newFakePrompt("Where was the summit held?")
	p.block = true
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan result, 1)
	go func() { done <- runMainWith(t, ctx, "", vars, p, "ask") }()
	select {
	case <-p.reading:
	case <-time.After(60 * time.Second):
		t.Fatal("the prompt never waited for a second line")
	}
	cancel() // what SIGTERM does through signal.NotifyContext
	var r result
	select {
	case r = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("ask did not stop when its context was cancelled while the prompt waited")
	}
	if _, _, closed := p.state(); r.code != 130 || !closed {
		t.Errorf("exit %d (want 130), line editor closed %v\n%s", r.code, closed, r.stderr)
	}
	// The index is free: the next process opens it without falling back.
	r = runMain(t, "", map[string]string{"SUMMITBOT_DATA": data, "LOG_LEVEL": "warn"}, "ask", "--json", "Where was the summit held?")
	if r.code != 0 || strings.Contains(r.stderr, "unavailable") {
		t.Errorf("after the prompt stopped: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestTerminalDetection: /dev/null is a character device, not a terminal;
// `ask < /dev/null` prints no prompt (item 2).
func TestTerminalDetection(t *testing.T) {
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Errorf("%s taken for a terminal", os.DevNull)
	}
	if isTerminal(strings.NewReader("")) {
		t.Error("a reader taken for a terminal")
	}
	cmd := child(t, "ask")
	cmd.Stdin = f
	cmd.Env = append(cmd.Env, "SUMMITBOT_DATA="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil || strings.Contains(string(out), ">") || strings.Contains(string(out), "Type a question") {
		t.Errorf("ask < %s: %v\n%s", os.DevNull, err, out)
	}
}

// TestAskStreamLongLine: a line longer than the reader's limit gets its
// error line and the stream goes on (item 6).
func TestAskStreamLongLine(t *testing.T) {
	in := "Where was the summit held?\n" + strings.Repeat("y", maxLineBytes+10) + "\nWho is Peskov?\n"
	r := runMain(t, in, nil, "ask", "--json", "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got := decodeLines(t, r.stdout)
	if len(got) != 3 {
		t.Fatalf("%d objects for 3 lines:\n%.500s", len(got), r.stdout)
	}
	if !*got[0].Answered || got[1].Error == "" || !strings.Contains(got[1].Error, "at most 6000") || got[2].Answered == nil || !*got[2].Answered {
		t.Errorf("stream: %+v", got)
	}
	if n := len([]rune(got[1].Question)); n > 200 {
		t.Errorf("the long line's question field holds %d characters; want it clipped", n)
	}
	// The same in text mode: an error line, and the answer after it.
	r = runMain(t, in, nil, "ask")
	if r.code != 0 || !strings.Contains(r.stdout, "at most 6000") || !strings.Contains(r.stdout, "Peskov") {
		t.Errorf("text stream: exit %d\n%.300s\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestEvalFileErrors: a set with no question says so, and a line with
// wrong keys names the keys expected, in the file's terms (item 10).
func TestEvalFileErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, body string
		want       []string
	}{
		{"empty", "", []string{"holds no questions", `{"q": "question", "expect"`}},
		{"blank", "\n  \n", []string{"holds no questions"}},
		{"wrong key", `{"question": "Where?", "answers": []}` + "\n", []string{`line 1: unknown key "question"`, `"q" (the question)`, `"expect"`}},
		{"wrong type", `{"q": 3, "expect": []}` + "\n", []string{`line 1: "q" holds a number where text is wanted`}},
		{"not an object", `["Where?"]` + "\n", []string{"line 1: not a question line: an array where an object is wanted"}},
		{"no expect", `{"q": "Where?"}` + "\n", []string{`line 1: "expect" is missing`}},
	}
	for _, tt := range tests {
		file := writeFile(t, dir, tt.name+".jsonl", tt.body)
		r := runMain(t, "", nil, "eval", file)
		if r.code != 2 || strings.Count(r.stderr, file) != 1 || strings.Contains(r.stdout, "(0/0)") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", tt.name, r.code, r.stdout, r.stderr)
		}
		for _, w := range append(tt.want, "") {
			if w != "" && !strings.Contains(r.stderr, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", tt.name, w, r.stderr)
			}
		}
		for _, bad := range []string{"eval.Case", "Go struct", "Go value", "json:"} {
			if strings.Contains(r.stderr, bad) {
				t.Errorf("%s: stderr speaks Go (%q):\n%s", tt.name, bad, r.stderr)
			}
		}
	}
	r := runMain(t, "", nil, "eval", filepath.Join(dir, "nosuch.jsonl"))
	if r.code != 2 || strings.Count(r.stderr, "nosuch.jsonl") != 1 || !strings.Contains(r.stderr, "no such file") {
		t.Errorf("missing file: exit %d %q", r.code, r.stderr)
	}
}

// TestBenchQuickIsSmall: --quick builds only small corpora, and -h shows
// no internal flag while the usage line lists every flag it shows (item
// 11).
func TestBenchQuickIsSmall(t *testing.T) {
	t.Parallel()
	r := runMain(t, "", nil, "bench", "--quick", "--json", "--engine", "bleve")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var res struct {
			Passages int `json:"passages"`
		}
		if err := json.Unmarshal([]byte(line), &res); err != nil || res.Passages > 1000 {
			t.Errorf("--quick ran %d passages (%v): %s", res.Passages, err, line)
		}
	}
	r = runMain(t, "", nil, "bench", "-h")
	usageLine, _, _ := strings.Cut(r.stdout, "\n")
	if strings.Contains(r.stdout, "phase") || strings.Contains(r.stdout, "internal") {
		t.Errorf("bench -h shows an internal flag:\n%s", r.stdout)
	}
	for _, f := range []string{"--passages N", "--json", "--seed SEED", "--data DIR", "--engine ENGINE", "--isolate", "--quick"} {
		if !strings.Contains(usageLine, "["+f+"]") || !strings.Contains(r.stdout, "  "+f) {
			t.Errorf("bench usage line or flags lack %q:\n%s", f, r.stdout)
		}
	}
}

// TestOtherLanguagesAndSmallTalk: a question in Russian, Kazakh or
// Chinese is read into English and answered with summitbot's own words in
// its language (issue 16), or refused in it; one in a script summitbot
// does not read is told, in its language and in English, which languages
// it understands; small talk gets what summitbot is; the refusal in
// English is unchanged (issue 12, item 14).
func TestOtherLanguagesAndSmallTalk(t *testing.T) {
	tests := []struct {
		q    string
		want []string
	}{
		{"Где прошёл саммит?", []string{"(понято как: where", "Astana", "Источники:"}},
		{"Саммит қай жерде өтті?", []string{"Astana"}},
		{"峰会在哪里举行？", []string{"Astana"}},
		{"Бәйтерек мұнарасының биіктігі қанша?", []string{catalog.For(reading.Kazakh).Text(catalog.NotFound)}},
		{"サミットはどこで開催されましたか？", []string{"カザフ語", "English, Russian, Chinese and Kazakh"}},
		{"hi", []string{"Hello! I answer questions about the second China–Central Asia summit", "Ask, for example"}},
		{"thanks!", []string{"Hello! I answer questions about the second China–Central Asia summit"}},
		{"What is a good recipe for plov?", []string{"I couldn't find that in the summit documents."}},
	}
	for _, tt := range tests {
		r := runMain(t, "", nil, "ask", tt.q)
		if r.code != 0 {
			t.Errorf("%q: exit %d %s", tt.q, r.code, r.stderr)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(strings.Join(strings.Fields(r.stdout), " "), w) {
				t.Errorf("%q: reply lacks %q:\n%s", tt.q, w, r.stdout)
			}
		}
		if len(tt.want) > 1 && strings.Contains(r.stdout, "I couldn't find") {
			t.Errorf("%q: the English refusal:\n%s", tt.q, r.stdout)
		}
	}
}

// TestAskInTheQuestionsLanguage: `ask` writes its own words in the
// question's language, answered or not; the JSON keeps "lang" and its
// refusal in "answer" follows it; LANG is a hint only for a question
// with no deciding letters.
func TestAskInTheQuestionsLanguage(t *testing.T) {
	r := runMain(t, "", nil, "ask", "Что говорил про tariff wars?")
	if r.code != 0 || !strings.Contains(r.stdout, "Источники:") || !strings.Contains(r.stdout, "абзац") || strings.Contains(r.stdout, "Sources:") {
		t.Errorf("Russian question answered with: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	type reply struct {
		Lang     string `json:"lang"`
		Answered bool   `json:"answered"`
		Answer   string `json:"answer"`
	}
	tests := []struct {
		q        string
		env      map[string]string
		wantLang string
		refused  bool
	}{
		{"Бәйтерек мұнарасының биіктігі қанша?", nil, reading.Kazakh, true},
		{"抓饭怎么做？", map[string]string{"LANG": "ru_RU.UTF-8"}, reading.Chinese, true},
		{"峰会在哪里举行？", map[string]string{"LANG": "ru_RU.UTF-8"}, reading.Chinese, false},
		{"What is a good recipe for plov?", map[string]string{"LANG": "kk_KZ.UTF-8"}, reading.English, true},
		{"2099?", map[string]string{"LANG": "kk_KZ.UTF-8"}, reading.Kazakh, true},
		{"2099?", map[string]string{"LANG": "ru_RU.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, reading.Chinese, true},
		{"Что говорил про tariff wars?", nil, reading.Russian, false},
	}
	for _, tt := range tests {
		r := runMain(t, "", tt.env, "ask", "--json", tt.q)
		var got reply
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 0 {
			t.Errorf("%q: exit %d, %v: %s%s", tt.q, r.code, err, r.stdout, r.stderr)
			continue
		}
		if got.Lang != tt.wantLang || got.Answered == tt.refused {
			t.Errorf("%q (env %v): lang %q answered %v, want %q answered %v", tt.q, tt.env, got.Lang, got.Answered, tt.wantLang, !tt.refused)
		}
		if want := catalog.For(tt.wantLang).Text(catalog.NotFound); tt.refused && got.Answer != want {
			t.Errorf("%q: answer %q, want %q", tt.q, got.Answer, want)
		}
	}
	// A conversation's follow-up in another language is read as before,
	// and its read_as kept.
	r = runMain(t, "which railway did xi push for\nи сколько она стоит?\n", nil, "ask", "--json", "--conversation", "-")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 {
		t.Fatalf("conversation: %d lines:\n%s%s", len(lines), r.stdout, r.stderr)
	}
	var first, second reply
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatal(err)
	}
	if first.Lang != reading.English || second.Lang != reading.Russian {
		t.Errorf("conversation languages %q then %q, want en then ru", first.Lang, second.Lang)
	}
}

// TestAnswerLayoutThroughRun: on the terminal, no line of an answer is
// wider than 78 columns unless it is one word, citation lines included,
// and no line ends with the attribution dash (item 12).
func TestAnswerLayoutThroughRun(t *testing.T) {
	for _, q := range []string{"Who is Peskov?", "What did Xi say about tariff wars?", "Which railway did Xi want to advance?", "What did Tokayev say about the treaty?"} {
		r := runMain(t, "", nil, "ask", "-k", "5", q)
		if r.code != 0 {
			t.Fatalf("%q: exit %d %s", q, r.code, r.stderr)
		}
		for _, line := range strings.Split(r.stdout, "\n") {
			if n := len([]rune(line)); n > 78 && strings.Contains(strings.TrimSpace(line), " ") {
				t.Errorf("%q: a line of %d characters:\n%s", q, n, line)
			}
			if l := strings.TrimSpace(line); strings.HasSuffix(l, "—") || strings.HasSuffix(l, "–") {
				t.Errorf("%q: a line ends with the dash:\n%s", q, line)
			}
		}
	}
}

// TestChildProcessHelp runs the real binary: --help exits 0 with the
// usage on standard output and nothing on standard error (item 7).
func TestChildProcessHelp(t *testing.T) {
	cmd := child(t, "docs", "--help")
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil || errOut.Len() != 0 || !strings.HasPrefix(out.String(), "Usage: summitbot docs") {
		t.Errorf("docs --help: %v\nstdout %q\nstderr %q", err, out.String(), errOut.String())
	}
}

// TestPromptInTheLocaleThenTheQuestions: the interactive prompt opens in
// the locale's language, then speaks the last question's.
func TestPromptInTheLocaleThenTheQuestions(t *testing.T) {
	vars := map[string]string{"TERMINAL": "1", "LANG": "ru_RU.UTF-8"}
	r := runMain(t, "Бәйтерек мұнарасының биіктігі қанша?\n/new\nWhere was the summit held?\n/new\n", vars, "ask")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	ru, kk := catalog.For(reading.Russian), catalog.For(reading.Kazakh)
	welcome, _, _ := strings.Cut(ru.Text(catalog.TermWelcome), " (")
	if !strings.HasPrefix(r.stdout, welcome) {
		t.Errorf("the prompt does not open in Russian:\n%s", r.stdout)
	}
	kkNew := strings.Index(r.stdout, kk.Text(catalog.TermNew))
	enNew := strings.Index(r.stdout, catalog.For(reading.English).Text(catalog.TermNew))
	if kkNew < 0 || enNew < kkNew {
		t.Errorf("new conversation after the Kazakh question at %d, after the English one at %d:\n%s", kkNew, enNew, r.stdout)
	}
}
