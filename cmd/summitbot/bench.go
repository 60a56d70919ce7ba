package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/summitbot/summitbot/index/bench"
)

// benchSizes are the corpus sizes bench runs when --passages is not given,
// and quickSizes those of a --quick run.
var (
	benchSizes = []int{1000, 20000, 200000}
	quickSizes = []int{1000}
)

// runBench measures the engine against plain bleve (see BENCHMARKS.md): for
// each corpus size and engine, it builds the index in one child process
// and serves from it in another, so that each reports its own memory, then
// prints a table of both engines' figures and their ratios.
func runBench(ctx context.Context, args []string, e env) error {
	fs := newFlags(e, "bench", "", `Measures indexing, answer latency, answers per second, cold start and memory
on synthetic corpora of 1,000, 20,000 and 200,000 passages, beside plain bleve
given the same documents and questions, and prints both and their ratios.
--quick is a smoke test: 1,000 passages (unless --passages says otherwise) and
40 questions, its figures not comparable.`)
	passages := fs.Int("passages", 0, "run one corpus size only, `N` passages (default 1000, 20000 and 200000; 1000 with --quick)")
	asJSON := fs.Bool("json", false, "print one JSON object per size and engine instead of the table")
	seed := fs.Uint64("seed", 1, "`SEED` of the synthetic corpora")
	dataDir := fs.String("data", "", "`DIR` to build the indexes in, kept afterwards (default a temporary folder, removed)")
	engine := fs.String("engine", "", "measure one `ENGINE` only: summitbot or bleve (default both)")
	isolate := fs.Bool("isolate", !testing.Testing(), "build and serve each size and engine in its own process, so memory figures are its own")
	quick := fs.Bool("quick", false, "a smoke test: a small corpus, 40 questions once, figures not comparable")
	phase := fs.String("phase", "", "internal: run one phase (build or serve) of one engine and size in this process")
	if err := fs.MarkHidden("phase"); err != nil {
		return err
	}
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fs.fail(fmt.Errorf("bench takes no arguments, got %q", fs.Arg(0)))
	}
	sizes := benchSizes
	if *quick {
		sizes = quickSizes
	}
	if fs.Changed("passages") {
		if *passages < 1 {
			return fs.fail(fmt.Errorf("--passages %d: want a positive number", *passages))
		}
		sizes = []int{*passages}
	}
	engines := []string{bench.EngineSummitbot, bench.EngineBleve}
	switch *engine {
	case "":
	case bench.EngineSummitbot, bench.EngineBleve:
		engines = []string{*engine}
	default:
		return fs.fail(fmt.Errorf("--engine %q: want summitbot or bleve", *engine))
	}
	progress := newBenchProgress(e.stderr)
	defer progress.finish()

	if *phase != "" {
		// A child: one phase, its result as JSON on stdout.
		if len(sizes) != 1 || len(engines) != 1 || *dataDir == "" {
			return usageError{err: errors.New("--phase needs --passages, --engine and --data")}
		}
		plan := bench.Plan{Engine: engines[0], Passages: sizes[0], Seed: *seed, Dir: *dataDir, Phase: bench.Phase(*phase), Progress: progress.step(engines[0], sizes[0])}
		quickPlan(&plan, *quick)
		res, err := bench.Measure(ctx, plan)
		if err != nil {
			return err
		}
		return json.NewEncoder(e.stdout).Encode(res)
	}

	base := *dataDir
	if base == "" {
		tmp, err := os.MkdirTemp("", "summitbot-bench-")
		if err != nil {
			return fmt.Errorf("bench: create a temporary folder: %w", err)
		}
		defer os.RemoveAll(tmp)
		base = tmp
	}
	started := time.Now()
	var results []bench.Result
	for _, n := range sizes {
		for _, eng := range engines {
			dir := filepath.Join(base, fmt.Sprintf("%d-%s", n, eng))
			if err := os.RemoveAll(dir); err != nil {
				return fmt.Errorf("bench: clear %s: %w", dir, err)
			}
			plan := bench.Plan{Engine: eng, Passages: n, Seed: *seed, Dir: dir, Progress: progress.step(eng, n)}
			quickPlan(&plan, *quick)
			var res bench.Result
			var err error
			if *isolate {
				progress.finish() // the child draws its own
				res, err = measureInChildren(ctx, plan, e.stderr)
			} else {
				res, err = bench.Measure(ctx, plan)
			}
			if err != nil {
				return fmt.Errorf("bench %s at %d passages: %w", eng, n, err)
			}
			results = append(results, res)
			if *asJSON {
				if err := json.NewEncoder(e.stdout).Encode(res); err != nil {
					return err
				}
			}
		}
	}
	progress.finish()
	if *asJSON {
		return nil
	}
	printBenchTable(e.stdout, results)
	fmt.Fprintf(e.stdout, "\nseed %d, %d cores, %s in all\n", *seed, results[0].Cores, time.Since(started).Round(time.Second))
	return nil
}

// measureInChildren runs plan's build phase, then its serve phase, each in
// a new process of this program, and merges what they report.
func measureInChildren(ctx context.Context, plan bench.Plan, stderr io.Writer) (bench.Result, error) {
	exe, err := os.Executable()
	if err != nil {
		return bench.Result{}, fmt.Errorf("find this program to run it again: %w", err)
	}
	var res bench.Result
	for _, phase := range []bench.Phase{bench.PhaseBuild, bench.PhaseServe} {
		var out bytes.Buffer
		cmd := exec.CommandContext(ctx, exe, "bench", "--phase", string(phase), "--engine", plan.Engine,
			"--passages", strconv.Itoa(plan.Passages), "--seed", strconv.FormatUint(plan.Seed, 10), "--data", plan.Dir,
			"--quick="+strconv.FormatBool(plan.MaxQuestions > 0))
		cmd.Stdout, cmd.Stderr = &out, stderr
		if err := cmd.Run(); err != nil {
			return res, fmt.Errorf("%s phase: %w", phase, err)
		}
		var r bench.Result
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			return res, fmt.Errorf("%s phase: read its result: %w", phase, err)
		}
		res = r.Merge(res)
	}
	return res, nil
}

// quickQuestions is how many questions a --quick run asks.
const quickQuestions = 40

// quickPlan makes plan a smoke test when quick is set.
func quickPlan(plan *bench.Plan, quick bool) {
	if quick {
		plan.MaxQuestions, plan.MinAnswers = quickQuestions, 1
	}
}

// printBenchTable prints, per size, each figure for both engines and
// their ratio.
func printBenchTable(w io.Writer, results []bench.Result) {
	rows := []struct {
		name string
		f    func(bench.Result) float64
		prec int
	}{
		{"indexing (passages/s)", func(r bench.Result) float64 { return r.IndexPerSec }, 0},
		{"index on disk (MB)", func(r bench.Result) float64 { return r.IndexMB }, 1},
		{"answer p50 (ms)", func(r bench.Result) float64 { return r.P50MS }, 2},
		{"answer p95 (ms)", func(r bench.Result) float64 { return r.P95MS }, 2},
		{"answer p99 (ms)", func(r bench.Result) float64 { return r.P99MS }, 2},
		{"answers/s, 1 goroutine", func(r bench.Result) float64 { return r.QPS1 }, 0},
		{"answers/s, all cores", func(r bench.Result) float64 { return r.QPSAll }, 0},
		{"cold start (ms)", func(r bench.Result) float64 { return r.ColdStartMS }, 1},
		{"add one document, Sync (ms)", func(r bench.Result) float64 { return r.AddOneMS }, 1},
		{"add one document, Put (ms)", func(r bench.Result) float64 { return r.PutOneMS }, 1},
		{"peak RSS serving (MB)", func(r bench.Result) float64 { return r.RSSMB }, 0},
		{"peak heap serving (MB)", func(r bench.Result) float64 { return r.HeapMB }, 0},
		{"peak RSS building (MB)", func(r bench.Result) float64 { return r.BuildRSSMB }, 0},
		{"answered (share)", func(r bench.Result) float64 { return r.Answered }, 2},
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	bySize := map[int]map[string]bench.Result{}
	var sizes []int
	for _, r := range results {
		if bySize[r.Passages] == nil {
			bySize[r.Passages] = map[string]bench.Result{}
			sizes = append(sizes, r.Passages)
		}
		bySize[r.Passages][r.Engine] = r
	}
	for _, n := range sizes {
		ours, okOurs := bySize[n][bench.EngineSummitbot]
		theirs, okTheirs := bySize[n][bench.EngineBleve]
		fmt.Fprintf(tw, "%d passages\tsummitbot\tbleve\tsummitbot/bleve\t\n", n)
		for _, row := range rows {
			cell := func(ok bool, r bench.Result) string {
				if !ok {
					return "-"
				}
				return strconv.FormatFloat(row.f(r), 'f', row.prec, 64)
			}
			ratio := "-"
			if okOurs && okTheirs && row.f(theirs) != 0 {
				ratio = strconv.FormatFloat(row.f(ours)/row.f(theirs), 'f', 2, 64)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", row.name, cell(okOurs, ours), cell(okTheirs, theirs), ratio)
		}
		fmt.Fprintln(tw, "\t\t\t\t")
	}
	_ = tw.Flush()
}

// benchProgress shows what bench is doing on a terminal, and nothing when
// standard error is not one.
type benchProgress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newBenchProgress(stderr io.Writer) *benchProgress {
	if !isTerminal(stderr) {
		return &benchProgress{}
	}
	return &benchProgress{w: stderr}
}

// step returns the Progress function of one engine and size.
func (p *benchProgress) step(engine string, passages int) func(string, int, int) {
	return func(step string, done, _ int) {
		if p.w == nil {
			return
		}
		if p.bar == nil {
			p.bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(p.w), progressbar.OptionSpinnerType(14),
				progressbar.OptionSetElapsedTime(true), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
		}
		p.bar.Describe(fmt.Sprintf("%-9s %7d passages: %s", engine, passages, step))
		_ = p.bar.Set(done)
	}
}

// finish clears the bar, if any.
func (p *benchProgress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
		p.bar = nil
	}
}
