package main

import (
	"context"
	"fmt"
	"os"

	"github.com/summitbot/summitbot/index/eval"
)

// runTrain refits the engine's model from the question bank and writes it
// where the binary embeds it: the command behind every weight.
func runTrain(ctx context.Context, args []string, e env) error {
	fs := newFlags(e, "train", "", `Refits the answer model from the question bank and writes it where the binary
embeds it (run from the repository; a test fails when model.json is not what
this command produces).`)
	bank := fs.String("bank", "index/testdata/bank", "question bank `DIR`: train/, dev/ and test/ folders of JSON lines")
	earlier := fs.String("earlier", "index/testdata/earlier", "`DIR` of earlier question sets, used for training too (\"\" for none)")
	convs := fs.String("conversations", "index/testdata/conversations", "`DIR` of conversation sets the follow-up weights are fitted on (all but judge-*.jsonl; \"\" for none)")
	out := fs.String("out", "index/answer/model.json", "`FILE` to write the model to")
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fs.fail(fmt.Errorf("train takes no arguments, got %q", fs.Args()))
	}
	m, err := eval.TrainFrom(ctx, eval.Sources{BankDir: *bank, EarlierDir: *earlier, ConversationsDir: *convs})
	if err != nil {
		return err
	}
	data, err := m.Encode()
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s: dev top-1 %.1f%%, chosen %v, follow-ups %+v\n", *out, 100*m.Fit.Dev1, m.Fit.Chosen, m.FollowUp)
	return nil
}
