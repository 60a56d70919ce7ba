package main

import (
	"errors"
	"io"

	"github.com/chzyer/readline"
)

// readlineReader is the interactive prompt's line editor on a terminal:
// github.com/chzyer/readline gives arrow keys, editing and a history kept
// in a file, and unlike a plain read of standard input it can be closed
// while it waits (so SIGTERM is not held up until Enter).
type readlineReader struct {
	rl *readline.Instance
	// in is the editor's standard input, closed first by Close: readline
	// 1.5.1's own Close leaves the stdin it makes for itself open, and
	// then waits forever for a pending read to end.
	in io.Closer
}

// newReadline opens the line editor on the process's terminal, with its
// history in historyFile.
func newReadline(historyFile string, e env) (lineReader, error) {
	in := readline.NewCancelableStdin(e.stdin)
	rl, err := readline.NewEx(&readline.Config{
		Stdin:                  in,
		Prompt:                 "> ",
		HistoryFile:            historyFile,
		DisableAutoSaveHistory: true, // AddHistory saves the questions asked, not blank lines
		HistorySearchFold:      true,
		InterruptPrompt:        "^C",
		Stdout:                 e.stdout,
		Stderr:                 e.stderr,
	})
	if err != nil {
		in.Close()
		return nil, err
	}
	return readlineReader{rl: rl, in: in}, nil
}

// ReadLine implements lineReader.
func (r readlineReader) ReadLine() (string, error) {
	line, err := r.rl.Readline()
	if errors.Is(err, readline.ErrInterrupt) {
		return line, errInterrupted
	}
	return line, err
}

// AddHistory implements lineReader.
func (r readlineReader) AddHistory(line string) error { return r.rl.SaveHistory(line) }

// Close implements lineReader.
func (r readlineReader) Close() error {
	if err := r.in.Close(); err != nil {
		return err
	}
	return r.rl.Close()
}
