package main

import (
	"context"
	"log/slog"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/library"
)

// openLibrary opens the documents in dataDir over the embedded corpus, and
// their index. When the folder's index cannot be used (read-only, or held
// by a running bot), it answers from an in-memory index instead.
func openLibrary(ctx context.Context, dataDir string, log *slog.Logger) (*library.Library, error) {
	return openLibraryLimited(ctx, dataDir, 0, log)
}

// openLibraryLimited is openLibrary with a bound on new documents' bodies
// (0: corpus.MaxBodyBytes).
func openLibraryLimited(ctx context.Context, dataDir string, maxBody int, log *slog.Logger) (*library.Library, error) {
	base, err := corpus.Default()
	if err != nil {
		return nil, err
	}
	return library.Open(ctx, library.Config{DataDir: dataDir, Base: base, MaxBodyBytes: maxBody, Log: log})
}
