package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMEExamples runs every command of the README's sh blocks as
// written (from a folder holding the files they name), and fails on any
// that does not exit 0. Two are not run here: the test suite itself, and
// `serve`, which needs Discord (TestServeAgainstFakeDiscord runs it).
func TestREADMEExamples(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	inBlock := false
	for _, l := range strings.Split(string(readme), "\n") {
		switch {
		case strings.HasPrefix(l, "```sh"):
			inBlock = true
		case strings.HasPrefix(l, "```"):
			inBlock = false
		case inBlock && strings.TrimSpace(l) != "":
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	if len(lines) < 12 {
		t.Fatalf("found %d example lines in the README; the parser is broken", len(lines))
	}

	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "notes.md", "---\ntitle: Field notes\npublished: \"2025-06-18\"\n---\nThe delegations toured the Astana Expo grounds after the signing.\n")
	writeFile(t, dir, "notes-v2.md", "---\ntitle: Field notes\npublished: \"2025-06-18\"\n---\nThe delegations toured the Astana Expo grounds and the new library after the signing.\n")
	writeFile(t, dir, "report.txt", "A report from Astana\n\nReporters waited outside the Palace of Independence through the afternoon.\n")
	writeFile(t, dir, filepath.Join("folder", "more.txt"), "More notes\n\nThe press centre served green tea and baursak.\n")
	vars := map[string]string{"SUMMITBOT_DATA": t.TempDir()}

	ran := 0
	for _, line := range lines {
		stdin := ""
		cmdline := line
		if pre, post, ok := strings.Cut(line, " | "); ok {
			words, err := shellWords(pre)
			if err != nil || len(words) != 2 || words[0] != "printf" {
				t.Fatalf("%q: only printf pipes are understood here (%v)", line, err)
			}
			stdin, cmdline = printfFormat(words[1]), post
		}
		words, err := shellWords(cmdline)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		switch {
		case len(words) >= 2 && words[0] == "go" && words[1] == "test":
			continue
		case len(words) >= 3 && words[0] == "go" && words[1] == "run" && words[2] == "./cmd/summitbot":
			words = append([]string{"summitbot"}, words[3:]...)
		}
		if words[0] != "summitbot" {
			t.Fatalf("%q: not a summitbot command", line)
		}
		args := words[1:]
		if len(args) > 0 && args[0] == "serve" {
			continue
		}
		v := vars
		if len(args) == 1 && args[0] == "ask" { // "on a terminal: an interactive prompt"
			v = map[string]string{"SUMMITBOT_DATA": vars["SUMMITBOT_DATA"], "TERMINAL": "1"}
		}
		r := runMain(t, stdin, v, args...)
		if r.code != 0 || r.stdout == "" {
			t.Errorf("README example %q: exit %d\nstdout: %.400s\nstderr: %s", line, r.code, r.stdout, r.stderr)
		}
		ran++
	}
	t.Logf("ran %d README examples", ran)
}

// shellWords splits a command line as sh would, for the README's
// examples: words, '…' and "…" quoting, and a # comment at the end.
func shellWords(line string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\'' || c == '"':
			end := strings.IndexByte(line[i+1:], c)
			if end < 0 {
				return nil, fmt.Errorf("unclosed %c", c)
			}
			w.WriteString(line[i+1 : i+1+end])
			i += end + 1
			inWord = true
		case c == ' ' || c == '\t':
			if inWord {
				words, inWord = append(words, w.String()), false
				w.Reset()
			}
		case c == '#' && !inWord:
			i = len(line)
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

// printfFormat is what printf prints for a format of text and \n.
func printfFormat(f string) string { return strings.ReplaceAll(f, `\n`, "\n") }
