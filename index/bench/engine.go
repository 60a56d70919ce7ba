package bench

import (
	"context"
	"fmt"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
)

// Engine names, as reported in Result.Engine.
const (
	EngineSummitbot = "summitbot"
	EngineBleve     = "bleve"
)

// engine is what Measure needs of an engine under test. Ask must be safe
// for concurrent use.
type engine interface {
	// build creates a new index of docs in dir.
	build(ctx context.Context, dir string, docs []corpus.Document) error
	// open opens the index built in dir from docs.
	open(ctx context.Context, dir string, docs []corpus.Document) error
	// ask answers q and reports whether it found an answer.
	ask(ctx context.Context, q string) (bool, error)
	// add indexes one more document the way a full reconcile does (for
	// ours, Sync with the whole corpus plus d).
	add(ctx context.Context, d corpus.Document) error
	// put indexes one more document incrementally (for ours, Put).
	put(ctx context.Context, d corpus.Document) error
	close() error
	// needsDocs reports whether open needs the documents (ours does: it
	// reconciles the index with them).
	needsDocs() bool
}

func newEngine(name string) (engine, error) {
	switch name {
	case EngineSummitbot:
		return &summitbot{}, nil
	case EngineBleve:
		return &Baseline{}, nil
	}
	return nil, fmt.Errorf("unknown engine %q: want %s or %s", name, EngineSummitbot, EngineBleve)
}

// summitbot is our engine, as the bot uses it: index.Open on disk.
type summitbot struct {
	ix   *index.Index
	eng  *answer.Engine
	docs []corpus.Document
}

func (s *summitbot) build(ctx context.Context, dir string, docs []corpus.Document) error {
	return s.open(ctx, dir, docs)
}

func (s *summitbot) open(ctx context.Context, dir string, docs []corpus.Document) error {
	ix, err := index.Open(ctx, dir, docs)
	if err != nil {
		return err
	}
	eng, err := answer.Default(ix)
	if err != nil {
		_ = ix.Close()
		return err
	}
	s.ix, s.eng, s.docs = ix, eng, docs
	return nil
}

func (s *summitbot) ask(ctx context.Context, q string) (bool, error) {
	a, err := s.eng.Ask(ctx, q, answer.DefaultK)
	return a.Answered, err
}

func (s *summitbot) add(ctx context.Context, d corpus.Document) error {
	docs := append(s.docs[:len(s.docs):len(s.docs)], d)
	if _, err := s.ix.Sync(ctx, docs); err != nil {
		return err
	}
	s.docs = docs
	return nil
}

func (s *summitbot) put(ctx context.Context, d corpus.Document) error {
	if _, err := s.ix.Put(ctx, d); err != nil {
		return err
	}
	s.docs = append(s.docs[:len(s.docs):len(s.docs)], d)
	return nil
}

func (s *summitbot) close() error { return s.ix.Close() }

func (s *summitbot) needsDocs() bool { return true }
