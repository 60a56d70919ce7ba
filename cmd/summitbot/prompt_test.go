package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
)

// fakePrompt is the interactive prompt's line editor in tests: it shows
// the prompt and echoes each line of its script as a terminal would, and
// returns them one at a time. In the script, a line ending in "^C" is
// Ctrl-C pressed after typing what precedes it, and one ending in "^D" is
// Ctrl-D. After the script, ReadLine returns io.EOF, or with block set
// waits until Close.
type fakePrompt struct {
	script []string
	block  bool
	// before, when set, runs before the script's line n is typed (n
	// counts from 0): what another process does meanwhile.
	before func(n int)
	typed  int

	mu          sync.Mutex
	out         io.Writer
	historyFile string
	history     []string
	opened      bool
	closed      bool
	reading     chan struct{} // closed when a ReadLine waits past the script
	closing     chan struct{} // closed by Close
}

func newFakePrompt(script ...string) *fakePrompt {
	return &fakePrompt{script: script, reading: make(chan struct{}), closing: make(chan struct{})}
}

// open is env.prompt.
func (f *fakePrompt) open(historyFile string, e env) (lineReader, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.opened {
		return nil, fmt.Errorf("fake prompt opened twice")
	}
	f.opened, f.out, f.historyFile = true, e.stdout, historyFile
	return f, nil
}

func (f *fakePrompt) ReadLine() (string, error) {
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return "", io.EOF
	}
	fmt.Fprint(f.out, "> ")
	if len(f.script) == 0 {
		block := f.block
		f.mu.Unlock()
		if !block {
			return "", io.EOF
		}
		close(f.reading)
		<-f.closing
		return "", io.EOF
	}
	line := f.script[0]
	f.script = f.script[1:]
	n, before := f.typed, f.before
	f.typed++
	f.mu.Unlock()
	if before != nil {
		before(n)
	}
	if typed, ok := strings.CutSuffix(line, "^C"); ok {
		fmt.Fprint(f.out, typed+"^C\n")
		return typed, errInterrupted
	}
	if typed, ok := strings.CutSuffix(line, "^D"); ok {
		fmt.Fprint(f.out, typed) // the terminal shows what was typed; Ctrl-D adds nothing
		return typed, io.EOF
	}
	fmt.Fprint(f.out, line+"\n")
	return line, nil
}

func (f *fakePrompt) AddHistory(line string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.history = append(f.history, line)
	return nil
}

func (f *fakePrompt) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.closed {
		f.closed = true
		close(f.closing)
	}
	return nil
}

// state returns what the prompt saw: the history file it was given, the
// questions recorded, and whether it was closed.
func (f *fakePrompt) state() (historyFile string, history []string, closed bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.historyFile, append([]string(nil), f.history...), f.closed
}
