package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/library"
	"github.com/summitbot/summitbot/index/reading"
)

// maxLineBytes bounds one question read from standard input.
const maxLineBytes = 1 << 20

func runAsk(ctx context.Context, args []string, e env) error {
	fs := newFlagSet("ask", `[--json] [-k N] ["question" | -]`, e.stderr)
	dataDir := fs.String("data", dataDirDefault(e.getenv), "data folder holding the index (env SUMMITBOT_DATA)")
	k := fs.Int("k", answer.DefaultK, fmt.Sprintf("passages to show, 1 to %d", answer.MaxK))
	asJSON := fs.Bool("json", false, "print one JSON object per question")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err}
	}
	if *k < 1 || *k > answer.MaxK {
		return usageError{fmt.Errorf("-k %d: want 1 to %d", *k, answer.MaxK)}
	}
	log, err := newLogger(e.stderr, e.getenv, slog.LevelWarn)
	if err != nil {
		return err
	}

	rest := fs.Args()
	stream := len(rest) == 1 && rest[0] == "-"
	interactive := len(rest) == 0 && e.terminal
	if len(rest) == 0 && !interactive {
		stream = true // questions piped in
	}
	var question string
	if !stream && !interactive {
		question = strings.Join(rest, " ")
		if _, err := reading.Clean(question); err != nil {
			return usageError{err}
		}
	}

	ix, err := openLibrary(ctx, *dataDir, log)
	if err != nil {
		return err
	}
	defer ix.Close()

	p := printer{w: e.stdout, json: *asJSON}
	switch {
	case interactive:
		return askInteractive(ctx, ix, *k, e, p)
	case stream:
		return askStream(ctx, ix, *k, e.stdin, p)
	}
	ans, err := ix.Ask(ctx, question, *k)
	if err != nil {
		return fmt.Errorf("ask: %w", err)
	}
	return p.answer(ans)
}

// askStream answers one question per line of r; blank lines are skipped
// and a bad question gets an error line without stopping the stream.
func askStream(ctx context.Context, ix *library.Library, k int, r io.Reader, p printer) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		ans, err := ix.Ask(ctx, line, k)
		if errors.Is(err, reading.ErrBadQuestion) {
			if err := p.badQuestion(line, err); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("ask: %w", err)
		}
		if err := p.answer(ans); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read questions: %w", err)
	}
	return nil
}

// askInteractive prompts, answers, and prompts again until end of input.
func askInteractive(ctx context.Context, ix *library.Library, k int, e env, p printer) error {
	st := ix.Stats()
	fmt.Fprintf(e.stdout, "summitbot: ask about the second China–Central Asia summit (%d documents, %d passages).\nType a question and press Enter; Ctrl-D quits.\n", st.Documents, st.Passages)
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
	for {
		fmt.Fprint(e.stdout, "\n> ")
		if !sc.Scan() {
			fmt.Fprintln(e.stdout)
			return sc.Err()
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		ans, err := ix.Ask(ctx, line, k)
		if errors.Is(err, reading.ErrBadQuestion) {
			fmt.Fprintln(e.stdout, strings.TrimPrefix(err.Error(), reading.ErrBadQuestion.Error()+": "))
			continue
		}
		if err != nil {
			return fmt.Errorf("ask: %w", err)
		}
		if err := p.answer(ans); err != nil {
			return err
		}
	}
}

// isTerminal reports whether f (a reader or writer) is an interactive
// terminal.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	fi, err := file.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// printer writes answers as text or JSON lines.
type printer struct {
	w    io.Writer
	json bool
}

func (p printer) answer(a answer.Answer) error {
	if p.json {
		return json.NewEncoder(p.w).Encode(a)
	}
	_, err := io.WriteString(p.w, FormatAnswer(a))
	return err
}

func (p printer) badQuestion(q string, err error) error {
	if p.json {
		return json.NewEncoder(p.w).Encode(struct {
			Question string `json:"question"`
			Error    string `json:"error"`
		}{q, err.Error()})
	}
	_, werr := fmt.Fprintf(p.w, "%v\n", err)
	return werr
}
