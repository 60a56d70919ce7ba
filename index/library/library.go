// Package library is what the bot answers from: the built-in corpus and
// the documents moderators add, kept durably in the documents folder (the
// source of truth), the index derived from them, and the engine that
// answers from it. A change goes to the folder first, then to the index,
// and only then is it reported done.
package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
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

// Config configures Open.
type Config struct {
	// DataDir holds the documents folder, the audit log and the index.
	DataDir string
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

// Library is what the bot answers from: the built-in corpus and the
// documents moderators added, kept in the documents folder (the source of
// truth), and the index derived from them. A change goes to the folder
// first (durably), then to the index, and only then is it reported done, so
// a crash loses nothing that was confirmed: the next Open reconciles.
// Other processes may change the folder too; Refresh (or Watch) picks
// their changes up.
type Library struct {
	*answer.Engine
	ix      *index.Index
	store   *corpus.Store
	audit   *corpus.AuditLog
	base    map[string]corpus.Document
	maxBody int
	log     *slog.Logger

	mu  sync.Mutex // serialises this process's changes and refreshes
	sig string     // signature of the documents folder at the last refresh
}

// Open opens the documents folder in cfg.DataDir and the index,
// reconciling the index with the folder. If the persistent index is held
// by another process (a running bot) or cannot be written, the library
// answers from an in-memory index of the same documents.
func Open(ctx context.Context, cfg Config) (*Library, error) {
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	store, err := corpus.OpenStore(filepath.Join(cfg.DataDir, DocumentsDirName))
	if err != nil {
		return nil, err
	}
	l := &Library{
		store:   store,
		audit:   corpus.OpenAuditLog(filepath.Join(cfg.DataDir, AuditFileName)),
		base:    map[string]corpus.Document{},
		maxBody: cfg.MaxBodyBytes,
		log:     log,
	}
	if l.maxBody <= 0 {
		l.maxBody = corpus.MaxBodyBytes
	}
	for _, d := range cfg.Base {
		l.base[d.ID] = d
	}
	docs, sig, err := l.load()
	if err != nil {
		return nil, err
	}
	if !cfg.Memory {
		l.ix, err = index.Open(ctx, cfg.DataDir, docs)
		if err != nil && ctx.Err() == nil {
			log.Warn("persistent index unavailable; answering from memory", "data", cfg.DataDir, "err", err)
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

// Close releases the index; closing it again does nothing.
func (l *Library) Close() error { return l.ix.Close() }

// LastSync reports what the latest reconcile changed.
func (l *Library) LastSync() index.SyncReport { return l.ix.LastSync() }

// load reads the documents folder and merges it over the built-in corpus.
func (l *Library) load() ([]corpus.Document, string, error) {
	sig, err := l.signature()
	if err != nil {
		return nil, "", err
	}
	stored, problems, err := l.store.List()
	if err != nil {
		return nil, "", err
	}
	for _, p := range problems {
		l.log.Warn("skipping unreadable document file", "dir", l.store.Dir(), "file", p.File, "err", p.Err)
	}
	byID := make(map[string]corpus.Document, len(l.base)+len(stored))
	for id, d := range l.base {
		byID[id] = d
	}
	for _, d := range stored {
		byID[d.ID] = d
	}
	docs := make([]corpus.Document, 0, len(byID))
	for _, d := range byID {
		docs = append(docs, d)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, sig, nil
}

// signature summarises the documents folder (names, sizes, times), so that
// an unchanged folder is not read again.
func (l *Library) signature() (string, error) {
	entries, err := os.ReadDir(l.store.Dir())
	if err != nil {
		return "", fmt.Errorf("read documents folder: %w", err)
	}
	h := sha256.New()
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		fmt.Fprintf(h, "%s\x00%d\x00%d\n", e.Name(), info.Size(), info.ModTime().UnixNano())
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Refresh reads the documents folder again if it changed since the last
// refresh and brings the index in line: how documents written by another
// process become searchable.
func (l *Library) Refresh(ctx context.Context) (index.SyncReport, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	sig, err := l.signature()
	if err != nil || sig == l.sig {
		return index.SyncReport{}, err
	}
	docs, sig, err := l.load()
	if err != nil {
		return index.SyncReport{}, err
	}
	rep, err := l.ix.Sync(ctx, docs)
	if err != nil {
		return rep, err
	}
	l.sig = sig
	return rep, nil
}

// Watch refreshes every interval until ctx is done, logging changes and
// errors. Run it in a goroutine owned by the caller.
func (l *Library) Watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		rep, err := l.Refresh(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			l.log.Error("refresh documents", "err", err)
		case rep.Changed():
			l.log.Info("documents changed on disk", "added", rep.Added, "updated", rep.Updated, "removed", rep.Removed)
		}
	}
}

// Add stores a new document and indexes it. Its id is made from its title;
// kind and language default to note and en. It fails with a
// *DuplicateError when a document with the same text exists, and with the
// corpus validation errors for a bad title, body or date.
func (l *Library) Add(ctx context.Context, d corpus.Document, who corpus.Actor) (corpus.Document, error) {
	out, err := l.AddMany(ctx, []corpus.Document{d}, who)
	if err != nil {
		return corpus.Document{}, err
	}
	return out[0], nil
}

// AddMany adds several documents, storing each before indexing them all in
// one go (for imports). It stops at the first invalid document; those
// stored before it are indexed and returned with the error.
func (l *Library) AddMany(ctx context.Context, docs []corpus.Document, who corpus.Actor) ([]corpus.Document, error) {
	return l.addMany(ctx, docs, who, false)
}

// AddWithIDs is AddMany for documents that may name their own id (an
// operator's .md file): a document whose ID is set is stored under it, or
// refused with corpus.ErrExists when another document, built-in or
// stored, has that id. One whose ID is empty gets an id made from its
// title.
func (l *Library) AddWithIDs(ctx context.Context, docs []corpus.Document, who corpus.Actor) ([]corpus.Document, error) {
	return l.addMany(ctx, docs, who, true)
}

// addMany is AddMany, keeping the ids documents give when keepIDs is set.
func (l *Library) addMany(ctx context.Context, docs []corpus.Document, who corpus.Actor, keepIDs bool) ([]corpus.Document, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	hashes := l.bodyHashes()
	var (
		added  []corpus.Document
		addErr error
	)
	for _, d := range docs {
		given := keepIDs && d.ID != ""
		d, err := l.prepare(d)
		if err == nil {
			if dup, ok := hashes[bodyHash(d.Body)]; ok {
				err = &corpus.DuplicateError{ID: dup.ID, Title: dup.Title}
			}
		}
		if err == nil {
			d, err = l.create(d, given)
		}
		if err != nil {
			addErr = err
			break
		}
		hashes[bodyHash(d.Body)] = d
		added = append(added, d)
	}
	if len(added) == 0 {
		return nil, addErr
	}
	// One sync and one audit write for them all, before any is indexed or
	// reported saved.
	if err := l.store.SyncAll(); err != nil {
		return nil, err
	}
	if err := l.record(who, corpus.ActionAdd, added...); err != nil {
		return nil, err
	}
	if _, err := l.ix.Put(ctx, added...); err != nil {
		return added, fmt.Errorf("index new documents: %w", err)
	}
	return added, addErr
}

// create writes a new document under a free id, trying the next suffix
// when another process takes the id at the same moment; with given, under
// d.ID or not at all. The caller syncs the store before reporting it saved.
func (l *Library) create(d corpus.Document, given bool) (corpus.Document, error) {
	taken := func(id string) bool {
		if _, ok := l.ix.Document(id); ok {
			return true
		}
		_, err := l.store.Get(id)
		return !errors.Is(err, corpus.ErrNotFound)
	}
	if given {
		if taken(d.ID) {
			return d, fmt.Errorf("%w: %s", corpus.ErrExists, d.ID)
		}
		return d, l.store.CreateUnsynced(d)
	}
	for try := 0; try < 5; try++ {
		d.ID = corpus.NewID(d.Title, taken)
		err := l.store.CreateUnsynced(d)
		if !errors.Is(err, corpus.ErrExists) {
			return d, err
		}
	}
	return d, fmt.Errorf("%w: could not find a free id for %q", corpus.ErrExists, d.Title)
}

// Update replaces document d.ID (which must exist) with d. Updating a
// document of the built-in corpus stores an override of it.
func (l *Library) Update(ctx context.Context, d corpus.Document, who corpus.Actor) (corpus.Document, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.ix.Document(d.ID); !ok {
		return corpus.Document{}, fmt.Errorf("%w: %s", corpus.ErrNotFound, d.ID)
	}
	id := d.ID
	d, err := l.prepare(d)
	if err != nil {
		return corpus.Document{}, err
	}
	d.ID = id
	if err := d.Validate(); err != nil {
		return corpus.Document{}, err
	}
	for _, other := range l.ix.Documents() {
		if other.ID != d.ID && bodyHash(other.Body) == bodyHash(d.Body) {
			return corpus.Document{}, &corpus.DuplicateError{ID: other.ID, Title: other.Title}
		}
	}
	if err := l.store.Put(d); err != nil {
		return corpus.Document{}, err
	}
	if err := l.record(who, corpus.ActionUpdate, d); err != nil {
		return corpus.Document{}, err
	}
	if _, err := l.ix.Put(ctx, d); err != nil {
		return d, fmt.Errorf("index updated document: %w", err)
	}
	return d, nil
}

// Remove deletes a stored document. A stored override of a built-in
// document is removed and the built-in one answers again; a built-in
// document itself cannot be removed (corpus.ErrProtected).
func (l *Library) Remove(ctx context.Context, id string, who corpus.Actor) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	d, err := l.store.Get(id)
	if errors.Is(err, corpus.ErrNotFound) {
		if _, builtIn := l.base[id]; builtIn {
			return fmt.Errorf("%w: %s", corpus.ErrProtected, id)
		}
	}
	if err != nil {
		return err
	}
	if err := l.store.Remove(id); err != nil {
		return err
	}
	if err := l.record(who, corpus.ActionRemove, d); err != nil {
		return err
	}
	if b, builtIn := l.base[id]; builtIn {
		_, err = l.ix.Put(ctx, b)
	} else {
		_, err = l.ix.Delete(ctx, id)
	}
	if err != nil {
		return fmt.Errorf("unindex removed document: %w", err)
	}
	return nil
}

// IsBuiltIn reports whether id is a document of the built-in corpus (which
// may be overridden but not removed).
func (l *Library) IsBuiltIn(id string) bool {
	_, ok := l.base[id]
	return ok
}

// Stored reports whether id has a file in the documents folder.
func (l *Library) Stored(id string) bool {
	_, err := l.store.Get(id)
	return err == nil
}

// prepare fills defaults and checks a document before it is written.
func (l *Library) prepare(d corpus.Document) (corpus.Document, error) {
	d = d.WithDefaults().SealQuestions()
	if len(d.Body) > l.maxBody {
		return d, fmt.Errorf("%w: %d bytes, at most %d", corpus.ErrBodyTooBig, len(d.Body), l.maxBody)
	}
	return d, d.Validate()
}

// record appends changes to the audit log.
func (l *Library) record(who corpus.Actor, action string, docs ...corpus.Document) error {
	entries := make([]corpus.AuditEntry, len(docs))
	for i, d := range docs {
		entries[i] = corpus.AuditEntry{
			UserID: who.ID, User: who.Name, Via: who.Via,
			Action: action, DocID: d.ID, Hash: d.Hash(),
		}
	}
	return l.audit.Append(entries...)
}

// bodyHashes maps the body hash of every indexed document to it.
func (l *Library) bodyHashes() map[string]corpus.Document {
	out := map[string]corpus.Document{}
	for _, d := range l.ix.Documents() {
		out[bodyHash(d.Body)] = d
	}
	return out
}

// bodyHash identifies a body's text, ignoring spacing and case.
func bodyHash(body string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(body), " "))))
	return hex.EncodeToString(sum[:])
}
