package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/corpus/pgstore"
	"github.com/summitbot/summitbot/index/library"
)

// openedLibrary is a library with the storage opened for it; Close closes
// both.
type openedLibrary struct {
	*library.Library
	storage *pgstore.Store // nil: the documents folder
}

// Close closes the index, then the storage.
func (l *openedLibrary) Close() error {
	err := l.Library.Close()
	if l.storage != nil {
		if cerr := l.storage.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// openStorage opens PostgreSQL when DATABASE_URL is set (listen: a serving
// bot hears other replicas' changes); nil means the documents folder in
// the data folder.
func openStorage(ctx context.Context, getenv func(string) string, listen bool, log *slog.Logger) (*pgstore.Store, error) {
	url := strings.TrimSpace(getenv("DATABASE_URL"))
	if url == "" {
		return nil, nil
	}
	st, err := pgstore.Open(ctx, pgstore.Config{URL: url, Listen: listen, Log: log})
	if err != nil {
		return nil, fmt.Errorf("the documents are kept in PostgreSQL (DATABASE_URL): %w", err)
	}
	return st, nil
}

// storage is st as a corpus.Storage: nil (the folder) when st is nil.
func storage(st *pgstore.Store) corpus.Storage {
	if st == nil {
		return nil
	}
	return st
}

// openLibrary opens the documents (in dataDir, or in PostgreSQL when
// DATABASE_URL is set) over the embedded corpus, and their index in
// dataDir. When the folder's index cannot be used (read-only, or held by
// a running bot), it answers from an in-memory index instead.
func openLibrary(ctx context.Context, dataDir string, getenv func(string) string, log *slog.Logger) (*openedLibrary, error) {
	return openLibraryLimited(ctx, dataDir, 0, getenv, false, log)
}

// openLibraryLimited is openLibrary with a bound on new documents' bodies
// (0: corpus.MaxBodyBytes), listening for other replicas' changes when
// listen.
func openLibraryLimited(ctx context.Context, dataDir string, maxBody int, getenv func(string) string, listen bool, log *slog.Logger) (*openedLibrary, error) {
	base, err := corpus.Default()
	if err != nil {
		return nil, err
	}
	st, err := openStorage(ctx, getenv, listen, log)
	if err != nil {
		return nil, err
	}
	lib, err := library.Open(ctx, library.Config{DataDir: dataDir, Base: base, MaxBodyBytes: maxBody, Log: log, Storage: storage(st)})
	if err != nil {
		if st != nil {
			st.Close()
		}
		return nil, err
	}
	return &openedLibrary{Library: lib, storage: st}, nil
}
