package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/summitbot/summitbot/corpus"
)

// Collection is the documents the bot answers from, without an index: the
// built-in corpus, and the documents folder over it (a stored document
// with a built-in one's id overrides it), with the audit log. Every change
// takes the folder's lock, reads what other processes wrote, writes the
// audit line and then the document durably, and only then returns: what
// it reports saved is on disk, reads back as written, and has its audit
// line, whatever happens after. It is what `summitbot docs` works with,
// beside a running bot; the bot's index picks the changes up.
type Collection struct {
	store   *corpus.Store
	audit   *corpus.AuditLog
	base    map[string]corpus.Document
	baseIDs map[string]string // body hash → id, of the built-in corpus
	maxBody int
	log     *slog.Logger

	mu    sync.Mutex          // guards files: one change or read at a time in this process
	files map[string]fileInfo // the documents folder as last read, by file name
}

// fileInfo is one file of the documents folder as last read.
type fileInfo struct {
	size int64
	mod  time.Time
	doc  corpus.Document
	body string // bodyHash of the document
	err  error  // why the file is not a document, if it is not
}

// OpenCollection opens the documents folder in cfg.DataDir over cfg.Base.
func OpenCollection(cfg Config) (*Collection, error) {
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	store, err := corpus.OpenStore(filepath.Join(cfg.DataDir, DocumentsDirName))
	if err != nil {
		return nil, err
	}
	c := &Collection{
		store:   store,
		audit:   corpus.OpenAuditLog(filepath.Join(cfg.DataDir, AuditFileName)),
		base:    map[string]corpus.Document{},
		baseIDs: map[string]string{},
		maxBody: cfg.MaxBodyBytes,
		log:     log,
		files:   map[string]fileInfo{},
	}
	if c.maxBody <= 0 {
		c.maxBody = corpus.MaxBodyBytes
	}
	for _, d := range cfg.Base {
		c.base[d.ID] = d
		c.baseIDs[bodyHash(d.Body)] = d.ID
	}
	return c, nil
}

// Dir returns the documents folder.
func (c *Collection) Dir() string { return c.store.Dir() }

// Documents returns every document, the built-in corpus overridden by the
// folder's, sorted by id, as the folder is now; and a signature of the
// folder that changes when a file does. Files that are not documents are
// logged and left out.
func (c *Collection) Documents() ([]corpus.Document, string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.read(); err != nil {
		return nil, "", err
	}
	return c.merged(), c.signature(), nil
}

// read brings files up to date with the folder, reading again only the
// files whose size or time changed. The caller holds mu.
func (c *Collection) read() error {
	entries, err := os.ReadDir(c.store.Dir())
	if err != nil {
		return fmt.Errorf("read documents folder %s: %w", c.store.Dir(), err)
	}
	seen := make(map[string]bool, len(entries))
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || filepath.Ext(name) != ".md" {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		seen[name] = true
		old, ok := c.files[name]
		if ok && old.size == info.Size() && old.mod.Equal(info.ModTime()) {
			continue
		}
		f := fileInfo{size: info.Size(), mod: info.ModTime()}
		f.doc, f.err = c.store.Get(strings.TrimSuffix(name, ".md"))
		if f.err == nil {
			f.body = bodyHash(f.doc.Body)
		} else {
			c.log.Warn("skipping unreadable document file", "dir", c.store.Dir(), "file", name, "err", f.err)
		}
		c.files[name] = f
	}
	for name := range c.files {
		if !seen[name] {
			delete(c.files, name)
		}
	}
	return nil
}

// merged returns the built-in corpus overridden by the readable files,
// sorted by id. The caller holds mu.
func (c *Collection) merged() []corpus.Document {
	byID := make(map[string]corpus.Document, len(c.base)+len(c.files))
	for id, d := range c.base {
		byID[id] = d
	}
	for _, f := range c.files {
		if f.err == nil {
			byID[f.doc.ID] = f.doc
		}
	}
	docs := make([]corpus.Document, 0, len(byID))
	for _, d := range byID {
		docs = append(docs, d)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs
}

// signature summarises the folder as read (names, sizes, times). The
// caller holds mu.
func (c *Collection) signature() string {
	names := make([]string, 0, len(c.files))
	for n := range c.files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		f := c.files[n]
		fmt.Fprintf(h, "%s\x00%d\x00%d\n", n, f.size, f.mod.UnixNano())
	}
	return hex.EncodeToString(h.Sum(nil))
}

// stored returns the folder's document id, if any. The caller holds mu.
func (c *Collection) stored(id string) (corpus.Document, bool) {
	f, ok := c.files[id+".md"]
	if !ok || f.err != nil {
		return corpus.Document{}, false
	}
	return f.doc, true
}

// bodies maps the body hash of every document to its id. The caller
// holds mu.
func (c *Collection) bodies() map[string]string {
	out := make(map[string]string, len(c.baseIDs)+len(c.files))
	for h, id := range c.baseIDs {
		if _, overridden := c.files[id+".md"]; !overridden {
			out[h] = id
		}
	}
	for _, f := range c.files {
		if f.err == nil {
			out[f.body] = f.doc.ID
		}
	}
	return out
}

// title returns the title of document id, built-in or stored. The caller
// holds mu.
func (c *Collection) title(id string) string {
	if d, ok := c.stored(id); ok {
		return d.Title
	}
	return c.base[id].Title
}

// change runs f under the folder's lock, with files read afresh.
func (c *Collection) change(ctx context.Context, f func() error) error {
	unlock, err := c.store.Lock(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.read(); err != nil {
		return err
	}
	return f()
}

// Add stores a new document. Its id is made from its title; kind and
// language default to note and en. It fails with a *corpus.DuplicateError
// when a document with the same text exists, and with the corpus
// validation errors for a bad title, body, field or date.
func (c *Collection) Add(ctx context.Context, d corpus.Document, who corpus.Actor) (corpus.Document, error) {
	out, err := c.AddMany(ctx, []corpus.Document{d}, who)
	if len(out) == 0 {
		return corpus.Document{}, err
	}
	return out[0], err
}

// AddMany stores several documents under one lock, one audit write and
// one sync (for imports). It stops at the first it refuses; those before
// it are stored and returned with the error. Ids are made from titles.
func (c *Collection) AddMany(ctx context.Context, docs []corpus.Document, who corpus.Actor) ([]corpus.Document, error) {
	added, _, err := c.addMany(ctx, docs, who, false, false)
	return added, err
}

// AddWithIDs is AddMany keeping the id a document gives (an operator's
// file header) when no other document has it; a taken id is refused with
// corpus.ErrExists. A document without an id gets one from its title.
func (c *Collection) AddWithIDs(ctx context.Context, docs []corpus.Document, who corpus.Actor) ([]corpus.Document, error) {
	added, _, err := c.addMany(ctx, docs, who, true, false)
	return added, err
}

// Refused is a document an import did not store: its index in the batch
// and why (a duplicate, a taken id, a bad field).
type Refused struct {
	Index int
	Err   error
}

// Import stores every document of a batch it can, as AddWithIDs would
// each, under one lock, one audit write and one sync: the others are
// returned as refused, and the batch goes on. err is a failure of the
// store, after which nothing of the batch is stored.
func (c *Collection) Import(ctx context.Context, docs []corpus.Document, who corpus.Actor) (added []corpus.Document, refused []Refused, err error) {
	return c.addMany(ctx, docs, who, true, true)
}

// addMany stores docs: ids from their titles, or kept when given
// (keepIDs); at the first document refused it stops, or, with keepGoing,
// notes it and goes on.
func (c *Collection) addMany(ctx context.Context, docs []corpus.Document, who corpus.Actor, keepIDs, keepGoing bool) ([]corpus.Document, []Refused, error) {
	var (
		added   []corpus.Document
		refused []Refused
		addErr  error
	)
	err := c.change(ctx, func() error {
		bodies := c.bodies()
		taken := func(id string) bool {
			_, stored := c.files[id+".md"]
			_, builtIn := c.base[id]
			return stored || builtIn
		}
		for i, d := range docs {
			given := ""
			if keepIDs {
				given = d.ID
			}
			d, err := c.prepare(d)
			if err == nil {
				if dup, ok := bodies[bodyHash(d.Body)]; ok {
					err = &corpus.DuplicateError{ID: dup, Title: c.titleOrBatch(dup, added)}
				}
			}
			switch {
			case err != nil:
			case given != "" && (taken(given) || containsID(added, given)):
				err = fmt.Errorf("%w: %s", corpus.ErrExists, given)
			case given != "":
				d.ID = given
			default:
				d.ID = corpus.NewID(d.Title, func(id string) bool {
					return taken(id) || containsID(added, id)
				})
			}
			if err == nil {
				_, err = corpus.Encode(d)
			}
			if err != nil && keepGoing {
				refused = append(refused, Refused{Index: i, Err: err})
				continue
			}
			if err != nil {
				addErr = err
				break
			}
			bodies[bodyHash(d.Body)] = d.ID
			added = append(added, d)
		}
		if len(added) == 0 {
			return nil
		}
		// The audit line first: a document on disk always has one.
		if err := c.record(who, corpus.ActionAdd, added...); err != nil {
			added = nil
			return err
		}
		for i, d := range added {
			if err := c.store.CreateUnsynced(d); err != nil {
				added = added[:i]
				return err
			}
		}
		return c.store.SyncAll()
	})
	if err != nil {
		return nil, nil, err
	}
	return added, refused, addErr
}

// titleOrBatch names a document found as a duplicate: stored, built-in,
// or added earlier in the same batch.
func (c *Collection) titleOrBatch(id string, batch []corpus.Document) string {
	for _, d := range batch {
		if d.ID == id {
			return d.Title
		}
	}
	return c.title(id)
}

func containsID(docs []corpus.Document, id string) bool {
	for _, d := range docs {
		if d.ID == id {
			return true
		}
	}
	return false
}

// Update replaces document d.ID (which must exist) with d. Updating a
// document of the built-in corpus stores an override of it.
func (c *Collection) Update(ctx context.Context, d corpus.Document, who corpus.Actor) (corpus.Document, error) {
	var out corpus.Document
	err := c.change(ctx, func() error {
		if _, ok := c.stored(d.ID); !ok {
			if _, builtIn := c.base[d.ID]; !builtIn {
				return fmt.Errorf("%w: %s", corpus.ErrNotFound, d.ID)
			}
		}
		id := d.ID
		d, err := c.prepare(d)
		if err != nil {
			return err
		}
		d.ID = id
		if dup, ok := c.bodies()[bodyHash(d.Body)]; ok && dup != d.ID {
			return &corpus.DuplicateError{ID: dup, Title: c.title(dup)}
		}
		if _, err := corpus.Encode(d); err != nil {
			return err
		}
		if err := c.record(who, corpus.ActionUpdate, d); err != nil {
			return err
		}
		if err := c.store.Put(d); err != nil {
			return err
		}
		out = d
		return nil
	})
	return out, err
}

// Remove deletes a stored document and returns it. A stored override of
// a built-in document is removed and the built-in one answers again
// (restored is true); a built-in document itself cannot be removed
// (corpus.ErrProtected).
func (c *Collection) Remove(ctx context.Context, id string, who corpus.Actor) (removed corpus.Document, restored bool, err error) {
	err = c.change(ctx, func() error {
		d, ok := c.stored(id)
		if !ok {
			if _, builtIn := c.base[id]; builtIn {
				return fmt.Errorf("%w: %s", corpus.ErrProtected, id)
			}
			return fmt.Errorf("%w: %s", corpus.ErrNotFound, id)
		}
		if err := c.record(who, corpus.ActionRemove, d); err != nil {
			return err
		}
		if err := c.store.Remove(id); err != nil {
			return err
		}
		_, restored = c.base[id]
		removed = d
		return nil
	})
	return removed, restored, err
}

// Find returns the document with the text of d, if one exists: what a
// retry of a change finds when the first try was saved.
func (c *Collection) Find(d corpus.Document) (corpus.Document, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.read(); err != nil {
		return corpus.Document{}, false, err
	}
	id, ok := c.bodies()[bodyHash(d.WithDefaults().Body)]
	if !ok {
		return corpus.Document{}, false, nil
	}
	if s, ok := c.stored(id); ok {
		return s, true, nil
	}
	return c.base[id], true, nil
}

// IsBuiltIn reports whether id is a document of the built-in corpus (which
// may be overridden but not removed).
func (c *Collection) IsBuiltIn(id string) bool {
	_, ok := c.base[id]
	return ok
}

// Stored reports whether id has a file in the documents folder.
func (c *Collection) Stored(id string) bool {
	_, err := c.store.Get(id)
	return err == nil
}

// prepare fills defaults and checks a document before it is written.
func (c *Collection) prepare(d corpus.Document) (corpus.Document, error) {
	d = d.WithDefaults().SealQuestions()
	if len(d.Body) > c.maxBody {
		return d, fmt.Errorf("%w: %d bytes, at most %d", corpus.ErrBodyTooBig, len(d.Body), c.maxBody)
	}
	if d.ID == "" {
		d.ID = corpus.Slug(d.Title)
	}
	return d, d.Validate()
}

// record appends changes to the audit log, durably.
func (c *Collection) record(who corpus.Actor, action string, docs ...corpus.Document) error {
	entries := make([]corpus.AuditEntry, len(docs))
	for i, d := range docs {
		entries[i] = corpus.AuditEntry{
			UserID: who.ID, User: who.Name, Via: who.Via,
			Action: action, DocID: d.ID, Hash: d.Hash(),
		}
	}
	if err := c.audit.Append(entries...); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// bodyHash identifies a body's text, ignoring spacing and case.
func bodyHash(body string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(body), " "))))
	return hex.EncodeToString(sum[:])
}

// Document returns document id as it answers: stored (an override, or an
// added one) or built in.
func (c *Collection) Document(id string) (corpus.Document, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.read(); err != nil {
		return corpus.Document{}, false
	}
	if d, ok := c.stored(id); ok {
		return d, true
	}
	d, ok := c.base[id]
	return d, ok
}
