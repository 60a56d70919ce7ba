package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// errHelp reports that a usage text was printed because it was asked for
// (-h, --help, help): exit status 0, nothing more to say.
var errHelp = errors.New("help requested")

// flagSet is one subcommand's flags, parsed with pflag rather than the
// standard flag package: flags may stand before, between or after the
// arguments (`ask "question" --json`, `docs add FILE --title T`), "--" ends
// them, unknown ones are refused with the usage, and -h or --help print
// the usage to standard output.
type flagSet struct {
	*pflag.FlagSet
	cmd   string // as typed after summitbot: "ask", "docs add"
	args  string // what follows the flags in the usage line: `FILE...`
	about string // what the command does, under the usage line
	e     env
}

// newFlags makes the flags of summitbot cmd, whose usage line ends with
// args and whose help starts with about.
func newFlags(e env, cmd, args, about string) *flagSet {
	fs := pflag.NewFlagSet("summitbot "+cmd, pflag.ContinueOnError)
	fs.SetOutput(io.Discard) // parse reports errors and usage itself
	fs.Usage = func() {}
	fs.SortFlags = false
	return &flagSet{FlagSet: fs, cmd: cmd, args: args, about: about, e: e}
}

// dataFlag defines --data, the data folder, defaulting to def.
func (f *flagSet) dataFlag(def, what string) *string {
	return f.String("data", def, what+", `DIR` (env SUMMITBOT_DATA)")
}

// parse parses args. On -h or --help it prints the usage to standard
// output and returns errHelp; on a bad flag, a usageError carrying the
// usage.
func (f *flagSet) parse(args []string) error {
	err := f.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, pflag.ErrHelp):
		fmt.Fprint(f.e.stdout, f.usage())
		return errHelp
	}
	return usageError{err: flagError(err), usage: f.usage()}
}

// fail is a usageError for wrong arguments, with the usage line and where
// to find more.
func (f *flagSet) fail(err error) error {
	return usageError{err: err, usage: f.synopsis() + fmt.Sprintf("Run 'summitbot %s --help' for more.\n", f.cmd)}
}

// synopsis is the usage line: every flag shown in help, then the
// arguments.
func (f *flagSet) synopsis() string {
	var b strings.Builder
	b.WriteString("Usage: summitbot " + f.cmd)
	f.VisitAll(func(fl *pflag.Flag) {
		if fl.Hidden {
			return
		}
		b.WriteString(" [" + flagName(fl) + "]")
	})
	if f.args != "" {
		b.WriteString(" " + f.args)
	}
	b.WriteString("\n")
	return b.String()
}

// usage is the whole help text of the command.
func (f *flagSet) usage() string {
	var b strings.Builder
	b.WriteString(f.synopsis())
	if f.about != "" {
		b.WriteString("\n" + strings.TrimSpace(f.about) + "\n")
	}
	b.WriteString("\nFlags:\n")
	type row struct{ name, usage string }
	rows := []row{}
	width := len("-h, --help")
	f.VisitAll(func(fl *pflag.Flag) {
		if fl.Hidden {
			return
		}
		_, usage := pflag.UnquoteUsage(fl)
		if def := fl.DefValue; def != "" && def != "false" && def != "0" && fl.Value.Type() != "bool" {
			usage += fmt.Sprintf(" (default %s)", def)
		}
		r := row{flagName(fl), usage}
		width = max(width, len(r.name))
		rows = append(rows, r)
	})
	rows = append(rows, row{"-h, --help", "show this help"})
	for _, r := range rows {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, r.name, r.usage)
	}
	return b.String()
}

// flagName is how a flag is written in a usage line: "-k N", "--json",
// "--data DIR".
func flagName(fl *pflag.Flag) string {
	name := "--" + fl.Name
	if len(fl.Name) == 1 {
		name = "-" + fl.Name
	}
	if v, _ := pflag.UnquoteUsage(fl); v != "" {
		name += " " + v
	}
	return name
}

// flagError rewrites pflag's errors for people: which flag, what was
// given, what it wants.
func flagError(err error) error {
	var iv *pflag.InvalidValueError
	if errors.As(err, &iv) {
		fl := iv.GetFlag()
		want := "a valid value"
		switch fl.Value.Type() {
		case "int", "int64":
			want = "a whole number"
		case "uint", "uint64":
			want = "a whole number, 0 or more"
		case "bool":
			want = "true or false"
		}
		name := "--" + fl.Name
		if len(fl.Name) == 1 {
			name = "-" + fl.Name
		}
		return fmt.Errorf("%s %q: want %s", name, iv.GetValue(), want)
	}
	return err
}
