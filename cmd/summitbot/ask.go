package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/catalog"
	"github.com/summitbot/summitbot/index/library"
	"github.com/summitbot/summitbot/index/reading"
)

// maxLineBytes bounds one question read from standard input: a longer
// line gets an error of its own and the stream goes on.
const maxLineBytes = 1 << 20

// historyFileName is the interactive prompt's history, in the data folder.
const historyFileName = "history"

const askAbout = `Answers a question about the second China–Central Asia summit from the
documents, with numbered citations. With "-", or with questions piped in,
answers one question per line. On a terminal with no question, opens an
interactive prompt (history in the data folder's "history" file), which is
one conversation: a follow-up ("how long is it?", "and uzbekistan?", "tell
me more") is read with the questions before it; /new, or an empty line
twice, starts afresh. With --conversation -, the lines read are the turns
of conversations, a blank line starting a new one.`

func runAsk(ctx context.Context, args []string, e env) error {
	fs := newFlags(e, "ask", `["question" | -]`, askAbout)
	asJSON := fs.Bool("json", false, "print one JSON object per question")
	k := fs.IntP("k", "k", answer.DefaultK, fmt.Sprintf("show up to `N` passages, 1 to %d", answer.MaxK))
	conversation := fs.String("conversation", "", "with `-`: the lines of standard input are turns of conversations; a blank line starts a new one")
	dataDir := fs.dataFlag(dataDirDefault(e.getenv), "data folder holding the documents and the index")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *k < 1 || *k > answer.MaxK {
		return fs.fail(fmt.Errorf("-k %d: want 1 to %d", *k, answer.MaxK))
	}
	log, err := newLogger(e.stderr, e.getenv, slog.LevelWarn)
	if err != nil {
		return err
	}

	rest := fs.Args()
	if *conversation != "" && *conversation != "-" {
		return fs.fail(fmt.Errorf("--conversation %s: only - (standard input) is read; pipe the file in: --conversation - < %s", *conversation, *conversation))
	}
	if *conversation == "-" && len(rest) > 0 && !(len(rest) == 1 && rest[0] == "-") {
		return fs.fail(errors.New("--conversation - reads the questions from standard input; give no question with it"))
	}
	stream := len(rest) == 1 && rest[0] == "-" || *conversation == "-"
	interactive := len(rest) == 0 && e.terminal
	if len(rest) == 0 && !interactive {
		stream = true // questions piped in
	}
	var question string
	if !stream && !interactive {
		question = strings.Join(rest, " ")
		if _, err := reading.Clean(question); err != nil {
			return usageError{err: err}
		}
	}

	ix, err := openLibrary(ctx, *dataDir, e.getenv, log)
	if err != nil {
		return err
	}
	defer ix.Close()

	p := printer{w: e.stdout, json: *asJSON, width: textWidth(e.stdout), stats: ix.Stats, hint: localeHint(e.getenv)}
	switch {
	case interactive:
		return askInteractive(ctx, ix.Library, *k, e, p, filepath.Join(*dataDir, historyFileName))
	case stream:
		return askStream(ctx, ix.Library, *k, e.stdin, p, *conversation == "-")
	}
	ans, err := ix.Ask(ctx, question, *k)
	if err != nil {
		return fmt.Errorf("ask: %w", err)
	}
	return p.answer(ans)
}

// askStream answers one question per line of r; a bad question, or a
// line too long to be one, gets an error line without stopping the
// stream. Blank lines are skipped; in a conversation (talk), each line is
// read with the ones before it, and a blank line starts a new one.
func askStream(ctx context.Context, ix *library.Library, k int, r io.Reader, p printer, talk bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var before []reading.Turn
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, tooLong, rerr := readLine(br, maxLineBytes)
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			return fmt.Errorf("read questions: %w", rerr)
		}
		switch {
		case tooLong:
			err := fmt.Errorf("%w: the line is over %d bytes; a question is at most %d characters", reading.ErrBadQuestion, maxLineBytes, reading.MaxQuestionLen)
			if err := p.badQuestion(clipRunes(line, 100), err); err != nil {
				return err
			}
		case strings.TrimSpace(line) == "":
			before = nil
		default:
			if !talk {
				before = nil
			}
			ans, err := ix.AskAfter(ctx, line, k, before)
			if errors.Is(err, reading.ErrBadQuestion) {
				if err := p.badQuestion(line, err); err != nil {
					return err
				}
				break
			}
			if err != nil {
				return fmt.Errorf("ask: %w", err)
			}
			before = answer.Then(before, ans)
			if err := p.answer(ans); err != nil {
				return err
			}
		}
		if rerr != nil { // io.EOF
			return nil
		}
	}
}

// readLine reads one line from br without its line ending. A line over
// max bytes is read to its end, its first max bytes returned and tooLong
// set. err is io.EOF after the last line.
func readLine(br *bufio.Reader, max int) (line string, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if room := max + 1 - len(buf); len(chunk) > room {
				buf, tooLong = append(buf, chunk[:room]...), true
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		s := strings.TrimSuffix(strings.TrimSuffix(string(buf), "\n"), "\r")
		if tooLong {
			s = string(buf[:min(len(buf), max)])
		}
		return s, tooLong, err
	}
}

// clipRunes cuts s to at most n characters, marking the cut with "…".
func clipRunes(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// lineReader reads the lines typed at the interactive prompt: a line
// editor (arrows, history) on a terminal, a fake in tests.
type lineReader interface {
	// ReadLine shows the prompt and returns the line typed. It returns
	// io.EOF at the end of input (Ctrl-D on an empty line), and
	// errInterrupted with what had been typed on Ctrl-C.
	ReadLine() (string, error)
	// AddHistory records a question, so that the arrow keys bring it back
	// (in this session and the next).
	AddHistory(line string) error
	// Close restores the terminal. It may be called while ReadLine runs,
	// which then returns io.EOF.
	Close() error
}

// errInterrupted is what lineReader.ReadLine returns on Ctrl-C.
var errInterrupted = errors.New("interrupted")

// askInteractive prompts, answers, and prompts again until Ctrl-D, Ctrl-C
// on an empty line, or ctx is done (SIGINT, SIGTERM): then it returns at
// once, whatever is being typed, and the caller releases the index.
func askInteractive(ctx context.Context, ix *library.Library, k int, e env, p printer, historyFile string) error {
	if e.prompt == nil {
		return errors.New("no line editor for the interactive prompt")
	}
	rl, err := e.prompt(historyFile, e)
	if err != nil {
		return fmt.Errorf("start the prompt: %w", err)
	}
	st := ix.Stats()
	// The prompt speaks the locale's language until a question is asked,
	// then the last question's.
	words := catalog.For(catalog.Reply("", "", p.hint))
	fmt.Fprintf(e.stdout, "%s\n\n", words.Format(catalog.TermWelcome, st.Documents, st.Passages))

	// The line editor blocks on the terminal, so it reads in a goroutine
	// of its own, one line when asked; closing it ends a pending read.
	type typed struct {
		line string
		err  error
	}
	next, lines, done := make(chan struct{}), make(chan typed, 1), make(chan struct{})
	go func() {
		defer close(done)
		for range next {
			l, err := rl.ReadLine()
			lines <- typed{l, err}
		}
	}()
	stopped := false // by ctx, in the middle of a line
	defer func() {
		close(next)
		if err := rl.Close(); err != nil {
			fmt.Fprintf(e.stderr, "summitbot: restore the terminal: %v\n", err)
		}
		<-done
		if stopped {
			fmt.Fprintln(e.stdout) // the shell's prompt on a line of its own
		}
	}()
	var before []reading.Turn // the conversation so far
	empty := 0                // empty lines in a row
	for {
		next <- struct{}{}
		var t typed
		select {
		case <-ctx.Done():
			stopped = true
			return ctx.Err()
		case t = <-lines:
		}
		line := strings.TrimSpace(t.line)
		switch {
		case errors.Is(t.err, errInterrupted):
			if line == "" {
				return nil
			}
			continue // the line is cleared; a new prompt
		case errors.Is(t.err, io.EOF):
			// Ctrl-D: whatever was half typed is not asked, and the
			// shell's prompt starts on a line of its own.
			fmt.Fprintln(e.stdout)
			return nil
		case t.err != nil:
			return fmt.Errorf("read the question: %w", t.err)
		case line == "":
			if empty++; empty == 2 && before != nil {
				before = nil
				fmt.Fprintln(e.stdout, words.Text(catalog.TermNew))
			}
			continue
		case strings.EqualFold(line, "/new"):
			before, empty = nil, 0
			fmt.Fprintln(e.stdout, words.Text(catalog.TermNew))
			continue
		}
		empty = 0
		if err := rl.AddHistory(line); err != nil {
			fmt.Fprintf(e.stderr, "summitbot: save the question to %s: %v\n", historyFile, err)
		}
		// Documents another process saved meanwhile (docs add, a bot's
		// moderators) are answered from at once, as the bot does.
		if _, err := ix.Refresh(ctx); err != nil {
			fmt.Fprintf(e.stderr, "summitbot: read the documents folder again: %v\n", err)
		}
		ans, err := ix.AskAfter(ctx, line, k, before)
		if errors.Is(err, reading.ErrBadQuestion) {
			fmt.Fprintln(e.stdout, strings.TrimPrefix(err.Error(), reading.ErrBadQuestion.Error()+": "))
			continue
		}
		if err != nil {
			return fmt.Errorf("ask: %w", err)
		}
		before = answer.Then(before, ans)
		if err := p.answer(ans); err != nil {
			return err
		}
		replyIn(&ans, p.hint)
		words = catalog.For(ans.Lang)
	}
}

// isTerminal reports whether f (a reader or writer) is an interactive
// terminal. A character device such as /dev/null is not one.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}

// textWidth is the width answers are wrapped to: 78 columns, or less on a
// narrower terminal.
func textWidth(w io.Writer) int {
	const width = 78
	if f, ok := w.(*os.File); ok && isTerminal(f) {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 20 && cols-1 < width {
			return cols - 1
		}
	}
	return width
}

// printer writes answers as text or JSON lines, summitbot's own words
// in the question's language (replyIn).
type printer struct {
	w     io.Writer
	json  bool
	width int                // columns of text answers
	stats func() index.Stats // for the text that answers small talk
	hint  string             // the environment's locale (localeHint)
}

func (p printer) answer(a answer.Answer) error {
	replyIn(&a, p.hint)
	if p.json {
		return json.NewEncoder(p.w).Encode(localized(a))
	}
	var st index.Stats
	if p.stats != nil {
		st = p.stats()
	}
	_, err := io.WriteString(p.w, FormatAnswer(a, p.width, st))
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
