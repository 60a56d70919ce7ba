// Command summitbot answers questions about the second China–Central Asia
// summit from an AFP article and related notes: in the terminal (ask), in
// Discord (serve), and more. main only wires: see run.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/joho/godotenv"
)

func main() {
	// .env never overrides variables already set in the environment.
	if err := godotenv.Load(); err != nil && !errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(os.Stderr, "summitbot: read .env: %v\n", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv,
		terminal: isTerminal(os.Stdin),
	})
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// env is what a subcommand may touch of the outside world; tests give
// their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	terminal       bool // stdin is an interactive terminal
}

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, e env) error
}

func commands() map[string]command {
	return map[string]command{
		"ask":   {"answer questions from the terminal (works without Discord)", runAsk},
		"serve": {"run the Discord bot (needs DISCORD_TOKEN)", runServe},
		"docs":  {"add, import, list and remove documents (the same store the bot uses)", runDocs},
		"bench": {"measure speed and memory against plain bleve (see BENCHMARKS.md)", runBench},
		"eval":  {"score a question set (JSON lines of {\"q\", \"expect\"})", runEval},
		"gaps":  {"list the questions the bot could not answer, grouped (coverage gaps)", runGaps},
		"train": {"refit the answer model from the question bank (run from the repository)", runTrain},
	}
}

// run runs the subcommand named by args[0].
func run(ctx context.Context, args []string, e env) error {
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stdout, cmds)
		if len(args) == 0 {
			return usageError{errors.New("no command given")}
		}
		return nil
	}
	c, ok := cmds[args[0]]
	if !ok {
		usage(e.stderr, cmds)
		return usageError{fmt.Errorf("unknown command %q", args[0])}
	}
	return c.run(ctx, args[1:], e)
}

func usage(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("summitbot answers questions about the second China–Central Asia summit (Astana, June 2025).\n\nUsage: summitbot <command> [flags] [arguments]\n\nCommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-7s %s\n", n, cmds[n].summary)
	}
	b.WriteString("\nRun 'summitbot <command> -h' for a command's flags.\n")
	fmt.Fprint(w, b.String())
}

// usageError marks a mistake in how the program was called: exit status 2.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// exitCode reports err and maps it to the process's exit status.
func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "summitbot: %v\n", err)
		return 2
	case errors.Is(err, context.Canceled):
		return 130
	default:
		fmt.Fprintf(stderr, "summitbot: %v\n", err)
		return 1
	}
}
