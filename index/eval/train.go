package eval

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
)

// Splits of the question bank, each a folder of one file per writer: a
// writer's questions all fall in one split.
const (
	SplitTrain = "train"
	SplitDev   = "dev"
	SplitTest  = "test"
	// SplitJudge holds sets written blind after the test split had been
	// read, each scored once, at its first run, for the change it judged.
	SplitJudge = "judge"
)

// ReadSplit reads every .jsonl file of a split folder of the bank, in name
// order.
func ReadSplit(bankDir, split string) ([]Case, error) {
	files, err := filepath.Glob(filepath.Join(bankDir, split, "*.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("list %s split: %w", split, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no question files in %s", filepath.Join(bankDir, split))
	}
	sort.Strings(files)
	var out []Case
	for _, f := range files {
		cs, err := ReadFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

// ReadFile reads one question file.
func ReadFile(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open question file: %w", err)
	}
	defer f.Close()
	cs, err := ReadCases(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i := range cs {
		cs[i].Source = filepath.Base(path)
	}
	return cs, nil
}

// Examples turns cases into fitting examples.
func Examples(cases []Case) []answer.Example {
	out := make([]answer.Example, len(cases))
	for i, c := range cases {
		out[i] = answer.Example{Question: c.Q, Source: c.Source}
		if c.InScope() {
			out[i].Answers = c.Holds
		}
	}
	return out
}

// Train fits the engine's model over docs: weights on train, settings on
// dev (see answer.Fit). Train is answered three times: from docs, from
// docs with every other document's passage questions dropped, and from
// docs with none, so that the model ranks well the documents moderators
// add without questions, beside those that have some.
func Train(ctx context.Context, docs []corpus.Document, train, dev []Case, off ...string) (answer.Model, error) {
	half := make([]corpus.Document, len(docs))
	none := make([]corpus.Document, len(docs))
	for i, d := range docs {
		half[i], none[i] = d, d
		none[i].Questions = nil
		if i%2 == 1 {
			half[i].Questions = nil
		}
	}
	var ixs []*index.Index
	defer func() {
		for _, ix := range ixs {
			_ = ix.Close()
		}
	}()
	for _, set := range [][]corpus.Document{docs, half, none} {
		ix, err := index.OpenMem(ctx, set)
		if err != nil {
			return answer.Model{}, err
		}
		ixs = append(ixs, ix)
	}
	return answer.Fit(ctx, ixs, Examples(train), Examples(dev), off...)
}

// TrainCommand is how the embedded model is refitted, from the repository's
// root.
const TrainCommand = "go run ./cmd/summitbot train"

// Sources are the question files a model is fitted from: the bank's train
// split and the earlier sets (weights), and its dev split (settings).
type Sources struct {
	BankDir    string // holds train/, dev/ and test/
	EarlierDir string // earlier sets, used for training too; "" for none
	// ConversationsDir holds conversation sets, the follow-up weights are
	// fitted on all of them but those named judge-*.jsonl (kept to judge
	// the fit); "" fits none (they stay 0).
	ConversationsDir string
}

// TrainFrom fits the model over the built-in corpus from the sources, and
// records them in it.
func TrainFrom(ctx context.Context, src Sources, off ...string) (answer.Model, error) {
	docs, err := corpus.Default()
	if err != nil {
		return answer.Model{}, err
	}
	train, err := ReadSplit(src.BankDir, SplitTrain)
	if err != nil {
		return answer.Model{}, err
	}
	trainFiles, _ := filepath.Glob(filepath.Join(src.BankDir, SplitTrain, "*.jsonl"))
	if src.EarlierDir != "" {
		earlier, err := filepath.Glob(filepath.Join(src.EarlierDir, "*.jsonl"))
		if err != nil {
			return answer.Model{}, err
		}
		sort.Strings(earlier)
		for _, f := range earlier {
			cs, err := ReadFile(f)
			if err != nil {
				return answer.Model{}, err
			}
			train = append(train, cs...)
		}
		trainFiles = append(trainFiles, earlier...)
	}
	dev, err := ReadSplit(src.BankDir, SplitDev)
	if err != nil {
		return answer.Model{}, err
	}
	devFiles, _ := filepath.Glob(filepath.Join(src.BankDir, SplitDev, "*.jsonl"))
	m, err := Train(ctx, docs, train, dev, off...)
	if err != nil {
		return answer.Model{}, err
	}
	m.Fit.Command = TrainCommand
	m.Fit.Train = relative(trainFiles)
	m.Fit.Dev = relative(devFiles)
	if src.ConversationsDir != "" {
		files, err := ConversationFiles(src.ConversationsDir)
		if err != nil {
			return answer.Model{}, err
		}
		var convs []Conversation
		var ds []answer.Dialogue
		for _, f := range files {
			cs, err := ReadConversationFiles(f)
			if err != nil {
				return answer.Model{}, err
			}
			convs = append(convs, cs...)
			ds = append(ds, Dialogues(filepath.Base(f), cs)...)
		}
		ix, err := index.OpenMem(ctx, docs)
		if err != nil {
			return answer.Model{}, err
		}
		defer ix.Close()
		if m.FollowUp, err = FitFollowUp(ctx, ix, m, convs); err != nil {
			return answer.Model{}, err
		}
		refuse, chosen, err := answer.FitFollowUpRefusal(ctx, ix, m, ds)
		if err != nil {
			return answer.Model{}, err
		}
		m.FollowUpRefuse = refuse
		maps.Copy(m.Fit.Chosen, chosen)
		m.Fit.Conversations = relative(files)
	}
	return m, nil
}

// ConversationFiles are the conversation sets of dir the follow-up
// weights are fitted on: all but judge-*.jsonl, sorted.
func ConversationFiles(dir string) ([]string, error) {
	all, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range all {
		if !strings.HasPrefix(filepath.Base(f), "judge-") {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no conversation sets to fit on", dir)
	}
	return out, nil
}

// relative names files by their last three path elements, so that the
// record does not depend on where the repository lives.
func relative(files []string) []string {
	out := make([]string, len(files))
	for i, f := range files {
		parts := strings.Split(filepath.ToSlash(f), "/")
		out[i] = strings.Join(parts[max(0, len(parts)-3):], "/")
	}
	return out
}
