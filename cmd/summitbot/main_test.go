package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/summitbot/summitbot/index/eval"
)

// result is what one run of the program printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// runMain runs the program as main would, in a temporary data folder, with
// the given standard input and environment. With TERMINAL=1 among vars,
// standard input is a terminal and stdin the lines typed at the prompt
// (see fakePrompt).
func runMain(t *testing.T, stdin string, vars map[string]string, args ...string) result {
	t.Helper()
	return runMainWith(t, context.Background(), stdin, vars, nil, args...)
}

// runMainWith is runMain with a context and, when prompt is not nil, that
// line editor for the interactive prompt.
func runMainWith(t *testing.T, ctx context.Context, stdin string, vars map[string]string, prompt *fakePrompt, args ...string) result {
	t.Helper()
	data := t.TempDir()
	getenv := func(k string) string {
		if v, ok := vars[k]; ok {
			return v
		}
		if k == "SUMMITBOT_DATA" {
			return data
		}
		return ""
	}
	var out, errOut lockedBuffer
	e := env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, getenv: getenv, terminal: vars["TERMINAL"] == "1"}
	if e.terminal {
		if prompt == nil {
			prompt = newFakePrompt(strings.Split(strings.TrimSuffix(stdin, "\n"), "\n")...)
		}
		e.prompt = prompt.open
	}
	err := run(ctx, args, e)
	code := exitCode(err, &errOut)
	return result{out.String(), errOut.String(), code}
}

// jsonAnswer mirrors the documented JSON of `ask --json`, field by field.
type jsonAnswer struct {
	Question string `json:"question"`
	Answered *bool  `json:"answered"`
	Answer   string `json:"answer"`
	Passages []struct {
		DocID     string   `json:"doc_id"`
		Title     string   `json:"title"`
		Section   *string  `json:"section"`
		Paragraph int      `json:"paragraph"`
		Text      string   `json:"text"`
		Score     *float64 `json:"score"`
		Source    string   `json:"source"`
		Published string   `json:"published"`
		URL       *string  `json:"url"`
	} `json:"passages"`
	Facts []struct {
		Text string `json:"text"`
		Cite int    `json:"cite"`
	} `json:"facts"`
	Error string `json:"error"`
}

func decodeLines(t *testing.T, out string) []jsonAnswer {
	t.Helper()
	var got []jsonAnswer
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	for dec.More() {
		var a jsonAnswer
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			t.Fatalf("output is not JSON lines: %v\n%s", err, out)
		}
		if err := json.Unmarshal(raw, &a); err != nil {
			t.Fatal(err)
		}
		got = append(got, a)
	}
	if n := strings.Count(strings.TrimSpace(out), "\n") + 1; n != len(got) {
		t.Errorf("%d lines hold %d objects", n, len(got))
	}
	return got
}

func TestAskJSON(t *testing.T) {
	r := runMain(t, "", nil, "ask", "--json", "Where was the summit held?")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got := decodeLines(t, r.stdout)
	if len(got) != 1 {
		t.Fatalf("%d objects", len(got))
	}
	a := got[0]
	if a.Question != "Where was the summit held?" || a.Answered == nil || !*a.Answered || a.Answer == "" {
		t.Errorf("answer: %+v", a)
	}
	if len(a.Passages) == 0 || len(a.Passages) > 3 {
		t.Fatalf("%d passages", len(a.Passages))
	}
	for i, p := range a.Passages {
		if p.DocID == "" || p.Title == "" || p.Section == nil || p.Paragraph < 1 || p.Text == "" ||
			p.Score == nil || p.Source == "" || len(p.Published) != len("2025-06-17") || p.URL == nil {
			t.Errorf("passage %d lacks a field: %+v", i+1, p)
		}
		if i > 0 && *p.Score > *a.Passages[i-1].Score {
			t.Errorf("passages not best first")
		}
	}
	if !strings.Contains(strings.ToLower(a.Passages[0].Text), "astana") {
		t.Errorf("first passage does not name Astana: %q", a.Passages[0].Text)
	}
	if len(a.Facts) == 0 || a.Facts[0].Cite < 1 {
		t.Errorf("facts: %+v", a.Facts)
	}
}

func TestAskJSONRefusal(t *testing.T) {
	r := runMain(t, "", nil, "ask", "--json", "What is a good recipe for plov?")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	a := decodeLines(t, r.stdout)[0]
	if a.Answered == nil || *a.Answered || len(a.Passages) != 0 || !strings.Contains(r.stdout, `"passages":[]`) {
		t.Errorf("refusal: %s", r.stdout)
	}
}

func TestAskStreamOpensOnce(t *testing.T) {
	in := "Where was the summit held?\n\n   \nWho won the football World Cup?\n" + strings.Repeat("x", 6001) + "\nWhat did Xi say about tariff wars?\n"
	r := runMain(t, in, nil, "ask", "--json", "-k", "2", "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got := decodeLines(t, r.stdout)
	if len(got) != 4 {
		t.Fatalf("%d objects for 4 non-blank lines:\n%s", len(got), r.stdout)
	}
	if !*got[0].Answered || *got[1].Answered || got[2].Error == "" || !*got[3].Answered {
		t.Errorf("stream answers: %+v", got)
	}
	if len(got[3].Passages) > 2 {
		t.Errorf("-k 2 gave %d passages", len(got[3].Passages))
	}
	// Piped input without "-" is read the same way.
	r = runMain(t, "Where was the summit held?\n", nil, "ask", "--json")
	if len(decodeLines(t, r.stdout)) != 1 || r.code != 0 {
		t.Errorf("piped question: %d %s %s", r.code, r.stdout, r.stderr)
	}
}

func TestAskText(t *testing.T) {
	r := runMain(t, "", nil, "ask", "What did Xi say about tariff wars?")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"no winners", "[1]", "Sources:", "AFP, 2025-06-17, paragraph"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text answer lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runMain(t, "", nil, "ask", "Who", "won", "the", "football", "World", "Cup?")
	if r.code != 0 || !strings.Contains(r.stdout, "I couldn't find that in the summit documents") {
		t.Errorf("refusal text (exit %d):\n%s", r.code, r.stdout)
	}
}

func TestAskInteractive(t *testing.T) {
	r := runMain(t, "Where was the summit held?\n\nWhat is a good recipe for plov?\n", map[string]string{"TERMINAL": "1"}, "ask")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if n := strings.Count(r.stdout, "\n> "); n != 4 {
		t.Errorf("%d prompts, want 4 (one per line and one at the end):\n%s", n, r.stdout)
	}
	if !strings.Contains(r.stdout, "Astana") || !strings.Contains(r.stdout, "couldn't find") {
		t.Errorf("interactive answers:\n%s", r.stdout)
	}
}

func TestAskBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"empty", []string{"ask", ""}, 2, "question is empty"},
		{"blank", []string{"ask", "  \t "}, 2, "question is empty"},
		{"too long", []string{"ask", strings.Repeat("word ", 1201)}, 2, "at most 6000"},
		{"bad k", []string{"ask", "-k", "0", "summit"}, 2, "-k 0"},
		{"unknown flag", []string{"ask", "--nope", "summit"}, 2, "nope"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"no command", nil, 2, "no command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runMain(t, "", nil, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, tt.code, tt.msg)
			}
		})
	}
}

func TestAskOddQuestionsAnswerOrRefuse(t *testing.T) {
	for _, q := range []string{"\xff\xfe summit?", "@everyone where was the summit?", `+summit -"x ~2 /.*/`, "🤔", "Где саммит?", "峰会在哪里？"} {
		r := runMain(t, "", nil, "ask", "--json", q)
		if r.code != 0 {
			t.Errorf("%q: exit %d: %s", q, r.code, r.stderr)
			continue
		}
		decodeLines(t, r.stdout)
	}
}

func TestAskBuildsThenReusesIndex(t *testing.T) {
	data := t.TempDir()
	vars := map[string]string{"SUMMITBOT_DATA": data}
	for i := 0; i < 2; i++ {
		r := runMain(t, "", vars, "ask", "--json", "Who is Nargiza Muratalieva?")
		if r.code != 0 {
			t.Fatalf("run %d: exit %d: %s", i, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(data, "index.bleve")); err != nil {
		t.Errorf("no index in the data folder: %v", err)
	}
	// --data wins over the environment.
	other := t.TempDir()
	if r := runMain(t, "", vars, "ask", "--data", other, "summit"); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(other, "index.bleve")); err != nil {
		t.Errorf("--data ignored: %v", err)
	}
}

func TestEval(t *testing.T) {
	r := runMain(t, "", nil, "eval", "../../index/testdata/earlier/dev.jsonl")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"25 questions (22 in scope, 3 out of scope)", "top-1", "top-3", "mean reciprocal rank", "out-of-scope precision", "out-of-scope recall", "direct answer", "plain bleve"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("eval output lacks %q:\n%s", want, r.stdout)
		}
	}
	// A set with a miss and a wrongly answered out-of-scope question lists both.
	file := filepath.Join(t.TempDir(), "set.jsonl")
	set := `{"q": "Where was the summit held?", "expect": ["zebra crossing"]}` + "\n" + `{"q": "What did Xi say about tariff wars?", "expect": []}` + "\n"
	if err := os.WriteFile(file, []byte(set), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runMain(t, "", nil, "eval", "--json", file)
	var fig eval.Figures
	if err := json.Unmarshal([]byte(r.stdout), &fig); err != nil || r.code != 0 {
		t.Fatalf("exit %d, %v: %s %s", r.code, err, r.stdout, r.stderr)
	}
	if fig.Questions != 2 || fig.Top1 != 0 || fig.OutRefused != 0 {
		t.Errorf("figures: %+v", fig)
	}
	r = runMain(t, "", nil, "eval", file)
	if strings.Count(r.stdout, "MISS") != 2 {
		t.Errorf("misses not listed:\n%s", r.stdout)
	}
	if r := runMain(t, "", nil, "eval"); r.code != 2 {
		t.Errorf("eval with no file: exit %d", r.code)
	}
}
