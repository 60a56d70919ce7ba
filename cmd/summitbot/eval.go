package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/summitbot/summitbot/index"
)

// runEval scores a question set: top-1, top-3, MRR, out-of-scope precision
// and recall, and each miss with what was returned.
func runEval(ctx context.Context, args []string, e env) error {
	fs := newFlagSet("eval", "[--json] [-k N] FILE.jsonl", e.stderr)
	dataDir := fs.String("data", dataDirDefault(e.getenv), "data folder holding the index (env SUMMITBOT_DATA)")
	k := fs.Int("k", index.DefaultK, "passages per answer")
	asJSON := fs.Bool("json", false, "print the figures as one JSON object")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err}
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError{errors.New("eval needs one question file")}
	}
	if *k < 1 || *k > index.MaxK {
		return usageError{fmt.Errorf("-k %d: want 1 to %d", *k, index.MaxK)}
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return usageError{fmt.Errorf("open question file: %w", err)}
	}
	defer f.Close()
	cases, err := index.ReadEvalCases(f)
	if err != nil {
		return usageError{fmt.Errorf("%s: %w", fs.Arg(0), err)}
	}
	log, err := newLogger(e.stderr, e.getenv, slog.LevelWarn)
	if err != nil {
		return err
	}
	ix, err := openLibrary(ctx, *dataDir, log)
	if err != nil {
		return err
	}
	defer ix.Close()
	rep, err := index.Evaluate(ctx, ix, cases, *k)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(evalFigures(rep))
	}
	for _, r := range rep.Results {
		if !r.Correct1 {
			fmt.Fprintf(e.stdout, "MISS %s\n", r.Describe())
		}
	}
	f1 := evalFigures(rep)
	fmt.Fprintf(e.stdout, "\n%d questions (%d in scope, %d out of scope)\n", len(cases), rep.InScope, rep.OutOfScope)
	fmt.Fprintf(e.stdout, "top-1                 %5.1f%%  (%d/%d)\n", f1.Top1*100, rep.Top1, rep.InScope)
	fmt.Fprintf(e.stdout, "top-3                 %5.1f%%  (%d/%d)\n", f1.Top3*100, rep.Top3, rep.InScope)
	fmt.Fprintf(e.stdout, "mean reciprocal rank  %6.3f\n", f1.MRR)
	fmt.Fprintf(e.stdout, "out-of-scope precision %5.1f%%  (refusals that were right: %d/%d)\n", f1.RefusalPrecision*100, rep.Refused, rep.Refused+rep.RefusedInScope)
	fmt.Fprintf(e.stdout, "out-of-scope recall    %5.1f%%  (out-of-scope questions refused: %d/%d)\n", f1.RefusalRecall*100, rep.Refused, rep.OutOfScope)
	return nil
}

// figures are an evaluation's numbers, as shares from 0 to 1.
type figures struct {
	Questions        int     `json:"questions"`
	InScope          int     `json:"in_scope"`
	OutOfScope       int     `json:"out_of_scope"`
	Top1             float64 `json:"top1"`
	Top3             float64 `json:"top3"`
	MRR              float64 `json:"mrr"`
	RefusalPrecision float64 `json:"refusal_precision"`
	RefusalRecall    float64 `json:"refusal_recall"`
}

func evalFigures(r index.EvalReport) figures {
	share := func(a, b int) float64 {
		if b == 0 {
			return 1
		}
		return float64(a) / float64(b)
	}
	return figures{
		Questions: len(r.Results), InScope: r.InScope, OutOfScope: r.OutOfScope,
		Top1: share(r.Top1, r.InScope), Top3: share(r.Top3, r.InScope), MRR: r.MRR,
		RefusalPrecision: share(r.Refused, r.Refused+r.RefusedInScope),
		RefusalRecall:    share(r.Refused, r.OutOfScope),
	}
}
