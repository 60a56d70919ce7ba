package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/summitbot/summitbot/index/gaps"
	"github.com/summitbot/summitbot/index/gaps/pggaps"
)

// defaultGapsSince is how far back `summitbot gaps` looks by default.
const defaultGapsSince = "30d"

// runGaps prints the coverage gaps: the questions the bot could not
// answer and the 👎s, grouped, most asked first, as /doc gaps shows them
// (every server's and the DMs'). It only reads the data folder.
func runGaps(ctx context.Context, args []string, e env) error {
	fs := newFlags(e, "gaps", "", "Lists the coverage gaps: the questions the bot could not answer and the\nanswers people marked 👎, grouped, most asked first (every server's and the\nDMs'). It only reads the data folder.")
	dataDir := fs.dataFlag(dataDirDefault(e.getenv), "data folder")
	sinceFlag := fs.String("since", defaultGapsSince, "how far back: days (30d), weeks (2w) or a duration (36h)")
	asJSON := fs.Bool("json", false, "one JSON object: the open gaps and the counts of closed ones")
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fs.fail(fmt.Errorf("gaps takes no arguments, got %q", fs.Args()))
	}
	since, err := gaps.ParseAge(*sinceFlag)
	if err != nil {
		return fs.fail(fmt.Errorf("--since %w", err))
	}
	_, retention, err := gapsSettings(e.getenv)
	if err != nil {
		return usageError{err: err}
	}
	store, err := gapsStore(ctx, e.getenv)
	if err != nil {
		return err
	}
	log, err := gaps.Open(gaps.Config{Dir: *dataDir, Retention: retention, Store: store})
	if err != nil {
		if store != nil {
			store.Close()
		}
		return err
	}
	defer log.Close()
	now := time.Now()
	rep, err := log.List(ctx, gaps.Filter{Since: now.Add(-since)})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(rep)
	}
	return formatGaps(e.stdout, rep, *sinceFlag)
}

// formatGaps prints a report for the terminal: a summary line, then one
// line per open gap (how often asked, by how many, the 👎s, when last, the
// most common wording), with the passages the 👎s were on below it.
func formatGaps(w io.Writer, rep gaps.Report, since string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Coverage gaps in the last %s (since %s): %d open, %d answered, %d dismissed.\n",
		since, rep.Since.UTC().Format("2006-01-02 15:04 UTC"), len(rep.Open), rep.Answered, rep.Dismissed)
	if len(rep.Open) == 0 {
		b.WriteString("No open gaps: every question asked in that time was answered, or its gap closed.\n")
	} else {
		b.WriteString("\nASKED  PEOPLE  DOWN  LAST ASKED (UTC)  QUESTION\n")
		for _, g := range rep.Open {
			q := terminalText(g.Question)
			if g.Wordings > 1 {
				q += fmt.Sprintf(" (%d wordings)", g.Wordings)
			}
			fmt.Fprintf(&b, "%5d  %6d  %4d  %-16s  %s\n", g.Asked, g.People, g.Down, g.Last.UTC().Format("2006-01-02 15:04"), q)
			if len(g.Passages) > 0 {
				fmt.Fprintf(&b, "%39s👎 on %s\n", "", terminalText(strings.Join(g.Passages, ", ")))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// terminalText keeps text read from a file from moving the terminal's
// cursor: control characters become spaces.
func terminalText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// gapsStore is the gaps log's store: PostgreSQL's when DATABASE_URL is
// set (shared by replicas), else nil (the data folder's files).
func gapsStore(ctx context.Context, getenv func(string) string) (gaps.Store, error) {
	url := strings.TrimSpace(getenv("DATABASE_URL"))
	if url == "" {
		return nil, nil
	}
	st, err := pggaps.Open(ctx, url, 0)
	if err != nil {
		return nil, fmt.Errorf("the coverage gaps are kept in PostgreSQL (DATABASE_URL): %w", err)
	}
	return st, nil
}
