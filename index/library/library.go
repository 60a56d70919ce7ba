// Package library is what the bot answers from: the built-in corpus and
// the documents moderators add, kept durably by a corpus.Storage (the
// documents folder, or PostgreSQL shared by replicas: the source of truth,
// see Collection), the index derived from them, and the engine that
// answers from it. A change goes to the storage first, then to the index,
// and only then is it reported done; a crash in between loses nothing,
// since the next Open (or Refresh) reconciles the index with the storage.
package library

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
)

// DocumentsDirName and AuditFileName name the store and the audit log in
// the data folder.
const (
	DocumentsDirName = "documents"
	AuditFileName    = "audit.jsonl"
)

// Config configures Open and OpenCollection.
type Config struct {
	// DataDir holds the index, and the documents folder and the audit
	// log unless Storage is set.
	DataDir string
	// Storage keeps the documents and the audit log (PostgreSQL, shared
	// by replicas); nil means the documents folder in DataDir. The caller
	// owns it and closes it after the library.
	Storage corpus.Storage
	// Base is the built-in corpus (corpus.Default()); stored documents
	// with the same id override its documents.
	Base []corpus.Document
	// MaxBodyBytes bounds a new or updated document's body; zero means
	// corpus.MaxBodyBytes.
	MaxBodyBytes int
	// Memory keeps the index in memory; the documents are still stored.
	Memory bool
	// Log receives warnings (unreadable files, fallbacks).
	Log *slog.Logger
}

// Library is the collection of documents with its index and answer
// engine. Other processes may change the storage too; Refresh (or Watch)
// picks their changes up.
type Library struct {
	*answer.Engine
	*Collection
	ix  *index.Index
	log *slog.Logger

	mu  sync.Mutex // serialises this process's refreshes
	sig string     // version of the storage at the last refresh
}

// Open opens the storage (cfg.Storage, or the documents folder in
// cfg.DataDir) and the index in cfg.DataDir, reconciling the index with
// the storage. If the persistent index is held
// by another process (a running bot) or cannot be written, the library
// answers from an in-memory index of the same documents.
func Open(ctx context.Context, cfg Config) (*Library, error) {
	col, err := OpenCollection(cfg)
	if err != nil {
		return nil, err
	}
	l := &Library{Collection: col, log: col.log}
	docs, sig, err := col.Documents()
	if err != nil {
		return nil, err
	}
	if !cfg.Memory {
		l.ix, err = index.Open(ctx, cfg.DataDir, docs)
		if err != nil && ctx.Err() == nil {
			l.log.Warn("persistent index unavailable; answering from memory", "data", cfg.DataDir, "err", err)
		}
	}
	if l.ix == nil {
		if l.ix, err = index.OpenMem(ctx, docs); err != nil {
			return nil, err
		}
	}
	if l.Engine, err = answer.Default(l.ix); err != nil {
		_ = l.ix.Close()
		return nil, err
	}
	l.sig = sig
	return l, nil
}

// Documents returns every indexed document, sorted by title.
func (l *Library) Documents() []corpus.Document { return l.Engine.Documents() }

// Document returns document id as the storage holds it now (see
// Collection.Document), which may be newer than the index.
func (l *Library) Document(id string) (corpus.Document, bool) { return l.Collection.Document(id) }

// Close releases the index; closing it again does nothing.
func (l *Library) Close() error { return l.ix.Close() }

// LastSync reports what the latest reconcile changed.
func (l *Library) LastSync() index.SyncReport { return l.ix.LastSync() }

// Refresh reads the storage again if it changed since the last refresh
// and brings the index in line: how documents written by another process
// or replica become searchable.
func (l *Library) Refresh(ctx context.Context) (index.SyncReport, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	docs, sig, err := l.Collection.Documents()
	if err != nil || sig == l.sig {
		return index.SyncReport{}, err
	}
	rep, err := l.ix.Sync(ctx, docs)
	if err != nil {
		return rep, err
	}
	l.sig = sig
	return rep, nil
}

// Watch refreshes every interval, and at once when the storage says it
// changed (PostgreSQL's notifications), until ctx is done, logging changes
// and errors; a panic in a refresh is logged and the watch goes on. Run it
// in a goroutine owned by the caller.
func (l *Library) Watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	changed := l.Collection.Storage().Changed()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-changed:
		}
		rep, err := l.refreshSafely(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			l.log.Error("refresh documents", "err", err)
		case rep.Changed():
			l.log.Info("documents changed in storage", "added", rep.Added, "updated", rep.Updated, "removed", rep.Removed)
		}
	}
}

// refreshSafely is Refresh with a panic turned into an error.
func (l *Library) refreshSafely(ctx context.Context) (rep index.SyncReport, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("refresh panicked: %v\n%s", p, debug.Stack())
		}
	}()
	return l.Refresh(ctx)
}

// Add stores a new document and indexes it (see Collection.Add). When the
// document is stored but indexing fails, it is returned with an error
// wrapping corpus.ErrNotIndexed.
func (l *Library) Add(ctx context.Context, d corpus.Document, who corpus.Actor) (corpus.Document, error) {
	out, err := l.AddMany(ctx, []corpus.Document{d}, who)
	if len(out) == 0 {
		return corpus.Document{}, err
	}
	return out[0], err
}

// AddMany stores several documents and indexes those stored in one go
// (see Collection.AddMany).
func (l *Library) AddMany(ctx context.Context, docs []corpus.Document, who corpus.Actor) ([]corpus.Document, error) {
	added, addErr := l.Collection.AddMany(ctx, docs, who)
	if len(added) == 0 {
		return nil, addErr
	}
	if err := l.index(ctx, added...); err != nil {
		return added, err
	}
	return added, addErr
}

// AddWithIDs stores documents keeping the ids they give when free (see
// Collection.AddWithIDs) and indexes those stored.
func (l *Library) AddWithIDs(ctx context.Context, docs []corpus.Document, who corpus.Actor) ([]corpus.Document, error) {
	added, addErr := l.Collection.AddWithIDs(ctx, docs, who)
	if len(added) == 0 {
		return nil, addErr
	}
	if err := l.index(ctx, added...); err != nil {
		return added, err
	}
	return added, addErr
}

// Update replaces document d.ID with d and indexes it.
func (l *Library) Update(ctx context.Context, d corpus.Document, who corpus.Actor) (corpus.Document, error) {
	saved, err := l.Collection.Update(ctx, d, who)
	if err != nil {
		return corpus.Document{}, err
	}
	return saved, l.index(ctx, saved)
}

// Remove deletes a stored document and unindexes it; removing an override
// of a built-in document restores the built-in one.
func (l *Library) Remove(ctx context.Context, id string, who corpus.Actor) error {
	_, restored, err := l.Collection.Remove(ctx, id, who)
	if err != nil {
		return err
	}
	if restored {
		err = l.index(ctx, l.base[id])
	} else if _, err = l.ix.Delete(ctx, id); err != nil {
		err = fmt.Errorf("%w (%v)", corpus.ErrNotIndexed, err)
	}
	return err
}

// index puts stored documents into the index; a failure wraps
// corpus.ErrNotIndexed (they are saved).
func (l *Library) index(ctx context.Context, docs ...corpus.Document) error {
	if _, err := l.ix.Put(ctx, docs...); err != nil {
		l.log.Error("index saved documents", "documents", len(docs), "err", err)
		return fmt.Errorf("%w (%v)", corpus.ErrNotIndexed, err)
	}
	return nil
}
