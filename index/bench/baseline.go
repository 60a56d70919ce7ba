package bench

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/answer"
)

// Baseline is what a user would build with plain bleve: one bleve document
// per passage with the default mapping (dynamic fields, standard analyser,
// all fields stored), indexed in batches of 1,000, and a match query over
// all fields returning the top passages' text. No typo correction, no
// aliases, no re-ranking, no refusal, no answer composition.
type Baseline struct {
	bi bleve.Index
}

// BaselineDirName is the baseline's index folder inside the data folder.
const BaselineDirName = "baseline.bleve"

// BuildBaseline creates a plain bleve index of docs in dataDir.
func BuildBaseline(ctx context.Context, dataDir string, docs []corpus.Document) (*Baseline, error) {
	b := &Baseline{}
	if err := b.build(ctx, dataDir, docs); err != nil {
		_ = b.close()
		return nil, err
	}
	return b, nil
}

// OpenBaseline opens the plain bleve index BuildBaseline made in dataDir.
func OpenBaseline(ctx context.Context, dataDir string) (*Baseline, error) {
	b := &Baseline{}
	if err := b.open(ctx, dataDir, nil); err != nil {
		return nil, err
	}
	return b, nil
}

// Ask runs the match query for q and returns how many passages it found
// (at most answer.DefaultK), with their text loaded.
func (b *Baseline) Ask(ctx context.Context, q string) (int, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewMatchQuery(q), answer.DefaultK, 0, false)
	req.Fields = []string{"text"}
	res, err := b.bi.SearchInContext(ctx, req)
	if err != nil {
		return 0, fmt.Errorf("search %q: %w", q, err)
	}
	return len(res.Hits), nil
}

// Add indexes one more document's passages in one batch.
func (b *Baseline) Add(ctx context.Context, d corpus.Document) error { return b.add(ctx, d) }

// Close closes the index.
func (b *Baseline) Close() error { return b.close() }

// plainPassage is the document plain bleve indexes for one passage.
type plainPassage struct {
	Text    string `json:"text"`
	Title   string `json:"title"`
	Section string `json:"section"`
	DocID   string `json:"doc_id"`
}

func (b *Baseline) build(ctx context.Context, dir string, docs []corpus.Document) error {
	path := filepath.Join(dir, BaselineDirName)
	bi, err := bleve.New(path, bleve.NewIndexMapping())
	if err != nil {
		return fmt.Errorf("create bleve index %s: %w", path, err)
	}
	b.bi = bi
	batch := bi.NewBatch()
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("build bleve index: %w", err)
		}
		if err := b.index(batch, d); err != nil {
			return err
		}
		if batch.Size() >= 1000 {
			if err := bi.Batch(batch); err != nil {
				return fmt.Errorf("index batch in %s: %w", path, err)
			}
			batch.Reset()
		}
	}
	if err := bi.Batch(batch); err != nil {
		return fmt.Errorf("index batch in %s: %w", path, err)
	}
	return nil
}

func (b *Baseline) index(batch *bleve.Batch, d corpus.Document) error {
	for _, p := range d.Passages() {
		if err := batch.Index(p.ID(), plainPassage{Text: p.Text, Title: d.Title, Section: p.Section, DocID: d.ID}); err != nil {
			return fmt.Errorf("index passage %s: %w", p.ID(), err)
		}
	}
	return nil
}

func (b *Baseline) open(_ context.Context, dir string, _ []corpus.Document) error {
	path := filepath.Join(dir, BaselineDirName)
	bi, err := bleve.OpenUsing(path, map[string]interface{}{"bolt_timeout": "2s"})
	if err != nil {
		return fmt.Errorf("open bleve index %s: %w", path, err)
	}
	b.bi = bi
	return nil
}

func (b *Baseline) ask(ctx context.Context, q string) (bool, error) {
	n, err := b.Ask(ctx, q)
	return n > 0, err
}

func (b *Baseline) add(_ context.Context, d corpus.Document) error {
	batch := b.bi.NewBatch()
	if err := b.index(batch, d); err != nil {
		return err
	}
	if err := b.bi.Batch(batch); err != nil {
		return fmt.Errorf("index document %s: %w", d.ID, err)
	}
	return nil
}

func (b *Baseline) put(ctx context.Context, d corpus.Document) error { return b.add(ctx, d) }

func (b *Baseline) close() error {
	if b.bi == nil {
		return nil
	}
	if err := b.bi.Close(); err != nil {
		return fmt.Errorf("close bleve index: %w", err)
	}
	return nil
}

func (b *Baseline) needsDocs() bool { return false }
