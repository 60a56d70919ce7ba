package bench

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/summitbot/summitbot/corpus"
)

// Phase selects what Measure does, so that building and serving can each
// run in a fresh process and report their own memory.
type Phase string

// Phases of a measurement.
const (
	// PhaseAll builds, then serves, in this process.
	PhaseAll Phase = "all"
	// PhaseBuild builds the index in Plan.Dir and closes it.
	PhaseBuild Phase = "build"
	// PhaseServe opens the index PhaseBuild left in Plan.Dir (cold start),
	// answers the question mix and adds one document.
	PhaseServe Phase = "serve"
)

// Plan says what one measurement does.
type Plan struct {
	Engine   string // EngineSummitbot or EngineBleve
	Passages int    // corpus size
	Seed     uint64 // corpus seed
	Dir      string // data folder, one per size and engine
	Phase    Phase  // "" means PhaseAll
	// MinAnswers is how many questions the latency run answers at least
	// (whole rounds of the mix; at least one round). Zero means 1000.
	MinAnswers int
	// MaxQuestionTime stops the latency run after the round in which it
	// is reached, even short of MinAnswers. Zero means 20 s.
	MaxQuestionTime time.Duration
	// MaxQuestions, when positive, uses only the first MaxQuestions of
	// the mix: a smoke test, not a measurement.
	MaxQuestions int
	// Progress, when set, is told what is being done: a step and, when
	// known, how much of it is done out of total (total 0: unknown).
	Progress func(step string, done, total int)
}

// Result is what one measurement found. Durations are in milliseconds,
// sizes in MiB; zero means not measured in this phase.
type Result struct {
	Engine   string `json:"engine"`
	Passages int    `json:"passages"`
	Seed     uint64 `json:"seed"`

	IndexSeconds float64 `json:"index_seconds"` // build the index from documents in memory
	IndexPerSec  float64 `json:"index_per_sec"` // passages indexed per second
	IndexMB      float64 `json:"index_mb"`      // index on disk after closing
	BuildRSSMB   float64 `json:"build_rss_mb"`  // peak RSS while generating and building
	BuildHeapMB  float64 `json:"build_heap_mb"` // peak Go heap while building

	ColdStartMS float64 `json:"cold_start_ms"` // open the existing index and answer the first question
	Questions   int     `json:"questions"`     // answers timed for the percentiles
	Answered    float64 `json:"answered"`      // share of them answered (not refused, or with hits)
	P50MS       float64 `json:"p50_ms"`
	P95MS       float64 `json:"p95_ms"`
	P99MS       float64 `json:"p99_ms"`
	MaxMS       float64 `json:"max_ms"`
	QPS1        float64 `json:"qps_1"`      // answers per second, one goroutine
	QPSAll      float64 `json:"qps_all"`    // answers per second, Cores goroutines
	Cores       int     `json:"cores"`      // GOMAXPROCS
	AddOneMS    float64 `json:"add_one_ms"` // Sync with the corpus plus one document
	PutOneMS    float64 `json:"put_one_ms"` // Put one more document (incremental)
	RSSMB       float64 `json:"rss_mb"`     // peak RSS while serving (open, answer, add one)
	HeapMB      float64 `json:"heap_mb"`    // peak Go heap while serving
}

// Merge fills r's unmeasured figures from o (the other phase's result).
func (r Result) Merge(o Result) Result {
	pick := func(a, b float64) float64 {
		if a != 0 {
			return a
		}
		return b
	}
	r.IndexSeconds = pick(r.IndexSeconds, o.IndexSeconds)
	r.IndexPerSec = pick(r.IndexPerSec, o.IndexPerSec)
	r.IndexMB = pick(r.IndexMB, o.IndexMB)
	r.BuildRSSMB = pick(r.BuildRSSMB, o.BuildRSSMB)
	r.BuildHeapMB = pick(r.BuildHeapMB, o.BuildHeapMB)
	r.ColdStartMS = pick(r.ColdStartMS, o.ColdStartMS)
	if r.Questions == 0 {
		r.Questions, r.Answered, r.Cores = o.Questions, o.Answered, o.Cores
		r.P50MS, r.P95MS, r.P99MS, r.MaxMS = o.P50MS, o.P95MS, o.P99MS, o.MaxMS
		r.QPS1, r.QPSAll = o.QPS1, o.QPSAll
	}
	r.AddOneMS = pick(r.AddOneMS, o.AddOneMS)
	r.PutOneMS = pick(r.PutOneMS, o.PutOneMS)
	r.RSSMB = pick(r.RSSMB, o.RSSMB)
	r.HeapMB = pick(r.HeapMB, o.HeapMB)
	return r
}

// addedParagraphs is the size of the document added to the built index.
const addedParagraphs = 10

// Measure runs plan: it builds a synthetic corpus of plan.Passages passages
// with the engine in plan.Dir, and/or opens it and answers the question mix.
func Measure(ctx context.Context, plan Plan) (Result, error) {
	if plan.Phase == "" {
		plan.Phase = PhaseAll
	}
	if plan.MinAnswers == 0 {
		plan.MinAnswers = 1000
	}
	if plan.MaxQuestionTime == 0 {
		plan.MaxQuestionTime = 20 * time.Second
	}
	if plan.Progress == nil {
		plan.Progress = func(string, int, int) {}
	}
	res := Result{Engine: plan.Engine, Passages: plan.Passages, Seed: plan.Seed}
	if _, err := newEngine(plan.Engine); err != nil {
		return res, err
	}
	if plan.Phase == PhaseAll || plan.Phase == PhaseBuild {
		if err := measureBuild(ctx, plan, &res); err != nil {
			return res, err
		}
	}
	if plan.Phase == PhaseAll || plan.Phase == PhaseServe {
		if plan.Phase == PhaseAll {
			// Start serving as a fresh process would: without the
			// build's garbage.
			runtime.GC()
			debug.FreeOSMemory()
		}
		if err := measureServe(ctx, plan, &res); err != nil {
			return res, err
		}
	}
	return res, nil
}

func measureBuild(ctx context.Context, plan Plan, res *Result) error {
	resetPeakRSS()
	heap := sampleHeap(ctx)
	plan.Progress("generate corpus", 0, 0)
	docs, err := Synthesize(plan.Seed, plan.Passages)
	if err != nil {
		heap.done()
		return err
	}
	eng, _ := newEngine(plan.Engine)
	plan.Progress("build index", 0, 0)
	start := time.Now()
	err = eng.build(ctx, plan.Dir, docs)
	res.IndexSeconds = time.Since(start).Seconds()
	res.BuildHeapMB = mb(heap.done())
	if err != nil {
		return fmt.Errorf("build %s index of %d passages: %w", plan.Engine, plan.Passages, err)
	}
	if err := eng.close(); err != nil {
		return err
	}
	peak, _ := procStatus()
	res.BuildRSSMB = mb(peak)
	res.IndexPerSec = float64(plan.Passages) / res.IndexSeconds
	size, err := dirSize(plan.Dir)
	if err != nil {
		return err
	}
	res.IndexMB = mb(size)
	return nil
}

func measureServe(ctx context.Context, plan Plan, res *Result) error {
	questions, err := Questions()
	if err != nil {
		return err
	}
	if plan.MaxQuestions > 0 && plan.MaxQuestions < len(questions) {
		questions = questions[:plan.MaxQuestions]
	}
	added, err := NewDocument(plan.Seed, addedParagraphs)
	if err != nil {
		return err
	}
	put, err := NewDocument(plan.Seed+1, addedParagraphs)
	if err != nil {
		return err
	}
	eng, _ := newEngine(plan.Engine)
	resetPeakRSS()
	heap := sampleHeap(ctx)
	defer heap.done()
	var docs []corpus.Document // engines that open without the corpus get none
	if eng.needsDocs() {
		plan.Progress("generate corpus", 0, 0)
		if docs, err = Synthesize(plan.Seed, plan.Passages); err != nil {
			return err
		}
	}

	plan.Progress("cold start", 0, 0)
	start := time.Now()
	if err := eng.open(ctx, plan.Dir, docs); err != nil {
		return fmt.Errorf("open %s index of %d passages: %w", plan.Engine, plan.Passages, err)
	}
	defer eng.close()
	if _, err := eng.ask(ctx, questions[0]); err != nil {
		return err
	}
	res.ColdStartMS = ms(time.Since(start))

	if err := answerAll(ctx, plan, eng, questions, res); err != nil {
		return err
	}

	plan.Progress("add one document", 0, 0)
	start = time.Now()
	if err := eng.add(ctx, added); err != nil {
		return fmt.Errorf("add one document: %w", err)
	}
	res.AddOneMS = ms(time.Since(start))
	plan.Progress("put one document", 0, 0)
	start = time.Now()
	if err := eng.put(ctx, put); err != nil {
		return fmt.Errorf("put one document: %w", err)
	}
	res.PutOneMS = ms(time.Since(start))
	res.HeapMB = mb(heap.done())
	peak, _ := procStatus()
	res.RSSMB = mb(peak)
	return nil
}

// answerAll runs the question mix: rounds one at a time for the latency
// percentiles and qps_1, then the same number of answers spread over
// GOMAXPROCS goroutines for qps_all.
func answerAll(ctx context.Context, plan Plan, eng engine, questions []string, res *Result) error {
	var lat []time.Duration
	answered := 0
	start := time.Now()
	for round := 0; round == 0 || len(lat) < plan.MinAnswers && time.Since(start) < plan.MaxQuestionTime; round++ {
		for i, q := range questions {
			if i%25 == 0 {
				plan.Progress("questions, one at a time", len(lat), 0)
			}
			t := time.Now()
			ok, err := eng.ask(ctx, q)
			lat = append(lat, time.Since(t))
			if err != nil {
				return fmt.Errorf("answer %q: %w", q, err)
			}
			if ok {
				answered++
			}
		}
	}
	elapsed := time.Since(start)
	res.Questions = len(lat)
	res.Answered = float64(answered) / float64(len(lat))
	res.QPS1 = float64(len(lat)) / elapsed.Seconds()
	slices.Sort(lat)
	res.P50MS, res.P95MS, res.P99MS = ms(percentile(lat, 50)), ms(percentile(lat, 95)), ms(percentile(lat, 99))
	res.MaxMS = ms(lat[len(lat)-1])

	workers := runtime.GOMAXPROCS(0)
	res.Cores = workers
	total := len(lat)
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, workers)
	plan.Progress(fmt.Sprintf("questions, %d at a time", workers), 0, 0)
	start = time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				n := int(next.Add(1)) - 1
				if n >= total || ctx.Err() != nil {
					return
				}
				if _, err := eng.ask(ctx, questions[n%len(questions)]); err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	res.QPSAll = float64(total) / time.Since(start).Seconds()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("answer questions in parallel: %w", err)
	}
	return ctx.Err()
}

// percentile returns the p-th percentile of sorted (nearest rank).
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// dirSize is the total size of the files under dir.
func dirSize(dir string) (uint64, error) {
	var n uint64
	err := filepath.WalkDir(dir, func(_ string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.Type().IsRegular() {
			fi, err := e.Info()
			if err != nil {
				return err
			}
			n += uint64(fi.Size())
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("measure index size in %s: %w", dir, err)
	}
	return n, nil
}
