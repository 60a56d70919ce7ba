package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/eval"
)

// runEval scores a question set: top-1, top-3, MRR, out-of-scope precision
// and recall, and each miss with what was returned.
func runEval(ctx context.Context, args []string, e env) error {
	fs := newFlags(e, "eval", "FILE.jsonl", `Scores a question set, one {"q": "question", "expect": ["phrase", ...]} a
line (an empty expect list: the bot must refuse), beside plain bleve: top-1,
top-3, mean reciprocal rank, direct answers, refusals, and every miss.`)
	asJSON := fs.Bool("json", false, "print the figures as one JSON object")
	k := fs.IntP("k", "k", answer.DefaultK, "`N` passages per answer")
	dataDir := fs.dataFlag(dataDirDefault(e.getenv), "data folder holding the documents and the index")
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fs.fail(errors.New("eval needs one question file"))
	}
	if *k < 1 || *k > answer.MaxK {
		return fs.fail(fmt.Errorf("-k %d: want 1 to %d", *k, answer.MaxK))
	}
	data, err := readFile(fs.Arg(0), 64<<20)
	if err != nil {
		return usageError{err: err}
	}
	cases, err := eval.ReadCases(bytes.NewReader(data))
	if errors.Is(err, eval.ErrNoCases) {
		return usageError{err: fmt.Errorf(`%s: %w; write one {"q": "question", "expect": ["phrase", ...]} a line`, fs.Arg(0), err)}
	}
	if err != nil {
		return usageError{err: fmt.Errorf("%s: %w", fs.Arg(0), err)}
	}
	log, err := newLogger(e.stderr, e.getenv, slog.LevelWarn)
	if err != nil {
		return err
	}
	ix, err := openLibrary(ctx, *dataDir, e.getenv, log)
	if err != nil {
		return err
	}
	defer ix.Close()
	rep, err := eval.Evaluate(ctx, ix, cases, *k)
	if err != nil {
		return err
	}
	docs := ix.Documents()
	plain, err := eval.NewPlain(docs)
	if err != nil {
		return err
	}
	defer plain.Close()
	base, err := eval.Evaluate(ctx, plain, cases, *k)
	if err != nil {
		return err
	}
	f1, fb := rep.Figures(), base.Figures()
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(struct {
			eval.Figures
			Plain eval.Figures `json:"plain_bleve"`
		}{f1, fb})
	}
	for _, r := range rep.Results {
		if !r.Correct {
			fmt.Fprintf(e.stdout, "MISS %s\n", r.Describe())
		}
	}
	fmt.Fprintf(e.stdout, "\n%d questions (%d in scope, %d out of scope)      summitbot   plain bleve\n", len(cases), rep.InScope, rep.OutOfScope)
	row := func(name string, a, b float64, counts string) {
		fmt.Fprintf(e.stdout, "%-42s %6.1f%%   %6.1f%%   %s\n", name, 100*a, 100*b, counts)
	}
	row("top-1", f1.Top1, fb.Top1, fmt.Sprintf("(%d/%d)", rep.Top1, rep.InScope))
	row("top-3", f1.Top3, fb.Top3, fmt.Sprintf("(%d/%d)", rep.Top3, rep.InScope))
	fmt.Fprintf(e.stdout, "%-42s %7.3f   %7.3f\n", "mean reciprocal rank", f1.MRR, fb.MRR)
	row("direct answer holds the expected phrase", f1.Direct, fb.Direct, fmt.Sprintf("(%d/%d)", rep.Direct, rep.InScope))
	row("out-of-scope recall (refused)", f1.OutRefused, fb.OutRefused, fmt.Sprintf("(%d/%d)", rep.Refused, rep.OutOfScope))
	row("out-of-scope precision", f1.RefusalPrecision, fb.RefusalPrecision, fmt.Sprintf("(refusals that were right: %d/%d)", rep.Refused, rep.Refused+rep.RefusedInScope))
	row("in-scope refused", f1.InRefused, fb.InRefused, fmt.Sprintf("(%d/%d)", rep.RefusedInScope, rep.InScope))
	return nil
}
