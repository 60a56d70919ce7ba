package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
)

// openIndex opens the index of the default corpus in dataDir. When the
// folder cannot hold an index (read-only, or in use by a running bot), it
// answers from an in-memory index of the same documents instead.
func openIndex(ctx context.Context, dataDir string, log *slog.Logger) (*index.Index, error) {
	docs, err := corpus.Default()
	if err != nil {
		return nil, err
	}
	ix, err := index.Open(ctx, dataDir, docs)
	if err == nil {
		return ix, nil
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("open index: %w", ctx.Err())
	}
	log.Warn("persistent index unavailable; answering from memory", "data", dataDir, "err", err)
	ix, err = index.OpenMem(ctx, docs)
	if err != nil {
		return nil, fmt.Errorf("open in-memory index: %w", err)
	}
	return ix, nil
}
