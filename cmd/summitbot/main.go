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
	"runtime"
	"runtime/debug"
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
		terminal: isTerminal(os.Stdin), prompt: newReadline,
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
	// prompt opens the line editor of the interactive prompt, keeping its
	// history in historyFile; tests give a fake.
	prompt func(historyFile string, e env) (lineReader, error)
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
		"docs":  {"add, update, import, list and remove documents (the same store the bot uses)", runDocs},
		"bench": {"measure speed and memory against plain bleve (see BENCHMARKS.md)", runBench},
		"eval":  {"score a question set (JSON lines of {\"q\", \"expect\"})", runEval},
		"gaps":  {"list the questions the bot could not answer, grouped (coverage gaps)", runGaps},
		"train": {"refit the answer model from the question bank (run from the repository)", runTrain},
	}
}

// run runs the subcommand named by args[0]; "help CMD" is "CMD --help".
func run(ctx context.Context, args []string, e env) error {
	cmds := commands()
	if len(args) == 0 {
		return usageError{err: errors.New("no command given"), usage: usage(cmds)}
	}
	switch name := args[0]; {
	case name == "-h" || name == "--help" || name == "help" && len(args) == 1:
		fmt.Fprint(e.stdout, usage(cmds))
		return errHelp
	case name == "help":
		c, ok := cmds[args[1]]
		if !ok {
			return usageError{err: fmt.Errorf("no help for %q: there is no such command", args[1]), usage: usage(cmds)}
		}
		return c.run(ctx, append(append([]string{}, args[2:]...), "--help"), e)
	case name == "--version" || name == "version":
		_, err := io.WriteString(e.stdout, version())
		return err
	case strings.HasPrefix(name, "-"):
		return usageError{err: fmt.Errorf("%s: flags go after the command, as in: summitbot ask %s ...", name, name), usage: usage(cmds)}
	}
	c, ok := cmds[args[0]]
	if !ok {
		return usageError{err: fmt.Errorf("unknown command %q", args[0]), usage: usage(cmds)}
	}
	return c.run(ctx, args[1:], e)
}

func usage(cmds map[string]command) string {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("summitbot answers questions about the second China–Central Asia summit (Astana, June 2025).\n\nUsage: summitbot <command> [arguments] [flags]\n\nCommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-7s %s\n", n, cmds[n].summary)
	}
	b.WriteString("\nRun 'summitbot help <command>' (or 'summitbot <command> --help') for a command's flags;\n'summitbot --version' for the version.\n")
	return b.String()
}

// version describes this build: summitbot's version, Go's and bleve's.
func version() string {
	v, bleve := "(unknown)", "(unknown)"
	var rev, modified string
	if info, ok := debug.ReadBuildInfo(); ok {
		if info.Main.Version != "" {
			v = info.Main.Version
		}
		for _, d := range info.Deps {
			if d.Path == "github.com/blevesearch/bleve/v2" {
				bleve = d.Version
				if d.Replace != nil {
					bleve = d.Replace.Version
				}
			}
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = ", modified"
				}
			}
		}
	}
	if rev != "" {
		v += fmt.Sprintf(" (commit %.12s%s)", rev, modified)
	}
	return fmt.Sprintf("summitbot %s\n%s %s/%s\nbleve %s\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH, bleve)
}

// usageError marks a mistake in how the program was called: exit status
// 2, the message, then the usage when there is one.
type usageError struct {
	err   error
	usage string
}

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// exitCode reports err on stderr and maps it to the process's exit status.
func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "summitbot: %v\n", err)
		if ue.usage != "" {
			fmt.Fprint(stderr, "\n"+ue.usage)
		}
		return 2
	case errors.Is(err, context.Canceled):
		return 130
	default:
		fmt.Fprintf(stderr, "summitbot: %v\n", err)
		return 1
	}
}
