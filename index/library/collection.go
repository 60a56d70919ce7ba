package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/summitbot/summitbot/corpus"
)

// Collection is the documents the bot answers from, without an index: the
// built-in corpus, and the stored documents over it (a stored document with
// a built-in one's id overrides it), kept by a corpus.Storage with their
// audit log (the documents folder by default, PostgreSQL when configured).
// Every change runs with exclusive use of the storage, sees what other
// processes wrote, and returns only once the storage has written it and its
// audit entry durably: what it reports saved is stored, reads back as
// written, and has its audit line, whatever happens after. It is what
// `summitbot docs` works with, beside a running bot; the bot's index picks
// the changes up.
type Collection struct {
	storage corpus.Storage
	dir     string // the documents folder, when the storage is one
	base    map[string]corpus.Document
	baseIDs map[string]string // body hash → id, of the built-in corpus
	maxBody int
	log     *slog.Logger

	mu     sync.Mutex                 // guards the fields below: one change or read at a time in this process
	stored map[string]corpus.Document // the storage's documents as last loaded
	hashes map[string]bodyMemo        // body hashes of stored documents, by id
}

// bodyMemo is the body hash of a document's body, kept while the body is
// the same.
type bodyMemo struct{ body, hash string }

// OpenCollection opens cfg.Storage, or the documents folder in
// cfg.DataDir when it is nil, over cfg.Base.
func OpenCollection(cfg Config) (*Collection, error) {
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := &Collection{
		storage: cfg.Storage,
		base:    map[string]corpus.Document{},
		baseIDs: map[string]string{},
		maxBody: cfg.MaxBodyBytes,
		log:     log,
		hashes:  map[string]bodyMemo{},
	}
	if c.storage == nil {
		f, err := corpus.OpenFolder(filepath.Join(cfg.DataDir, DocumentsDirName), filepath.Join(cfg.DataDir, AuditFileName), log)
		if err != nil {
			return nil, err
		}
		c.storage, c.dir = f, f.Dir()
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

// Dir returns the documents folder, or "" when the documents are kept
// elsewhere (PostgreSQL).
func (c *Collection) Dir() string { return c.dir }

// Storage returns where the documents are kept.
func (c *Collection) Storage() corpus.Storage { return c.storage }

// Documents returns every document, the built-in corpus overridden by the
// stored ones, sorted by id, as the storage holds them now; and the
// storage's version, which changes when a stored document does.
func (c *Collection) Documents() ([]corpus.Document, string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sig, err := c.load(context.Background())
	if err != nil {
		return nil, "", err
	}
	return c.merged(), sig, nil
}

// StoredDocuments returns the stored documents only (what moderators
// added or overrode), sorted by id.
func (c *Collection) StoredDocuments(ctx context.Context) ([]corpus.Document, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := c.load(ctx); err != nil {
		return nil, err
	}
	docs := make([]corpus.Document, 0, len(c.stored))
	for _, d := range c.stored {
		docs = append(docs, d)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, nil
}

// load reads the storage. The caller holds mu.
func (c *Collection) load(ctx context.Context) (string, error) {
	docs, sig, err := c.storage.Load(ctx)
	if err != nil {
		return "", err
	}
	c.stored = docs
	return sig, nil
}

// merged returns the built-in corpus overridden by the stored documents,
// sorted by id. The caller holds mu.
func (c *Collection) merged() []corpus.Document {
	byID := make(map[string]corpus.Document, len(c.base)+len(c.stored))
	for id, d := range c.base {
		byID[id] = d
	}
	for id, d := range c.stored {
		byID[id] = d
	}
	docs := make([]corpus.Document, 0, len(byID))
	for _, d := range byID {
		docs = append(docs, d)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs
}

// bodies maps the body hash of every document to its id. The caller
// holds mu.
func (c *Collection) bodies() map[string]string {
	out := make(map[string]string, len(c.baseIDs)+len(c.stored))
	for h, id := range c.baseIDs {
		if _, overridden := c.stored[id]; !overridden {
			out[h] = id
		}
	}
	for id, d := range c.stored {
		m, ok := c.hashes[id]
		if !ok || m.body != d.Body {
			m = bodyMemo{body: d.Body, hash: bodyHash(d.Body)}
			c.hashes[id] = m
		}
		out[m.hash] = id
	}
	for id := range c.hashes {
		if _, ok := c.stored[id]; !ok {
			delete(c.hashes, id)
		}
	}
	return out
}

// title returns the title of document id, built-in or stored. The caller
// holds mu.
func (c *Collection) title(id string) string {
	if d, ok := c.stored[id]; ok {
		return d.Title
	}
	return c.base[id].Title
}

// change runs plan with exclusive use of the storage and the stored
// documents read afresh, and writes what it returns.
func (c *Collection) change(ctx context.Context, plan func() ([]corpus.Change, error)) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.storage.Change(ctx, func(stored map[string]corpus.Document) ([]corpus.Change, error) {
		c.stored = stored
		return plan()
	})
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
	err := c.change(ctx, func() ([]corpus.Change, error) {
		added, refused, addErr = nil, nil, nil
		bodies := c.bodies()
		taken := func(id string) bool {
			_, stored := c.stored[id]
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
		changes := make([]corpus.Change, len(added))
		for i, d := range added {
			changes[i] = corpus.Change{Action: corpus.ActionAdd, Doc: d, Who: who}
		}
		return changes, nil
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
	err := c.change(ctx, func() ([]corpus.Change, error) {
		if _, ok := c.stored[d.ID]; !ok {
			if _, builtIn := c.base[d.ID]; !builtIn {
				return nil, fmt.Errorf("%w: %s", corpus.ErrNotFound, d.ID)
			}
		}
		id := d.ID
		d, err := c.prepare(d)
		if err != nil {
			return nil, err
		}
		d.ID = id
		if dup, ok := c.bodies()[bodyHash(d.Body)]; ok && dup != d.ID {
			return nil, &corpus.DuplicateError{ID: dup, Title: c.title(dup)}
		}
		if _, err := corpus.Encode(d); err != nil {
			return nil, err
		}
		out = d
		return []corpus.Change{{Action: corpus.ActionUpdate, Doc: d, Who: who}}, nil
	})
	if err != nil {
		return corpus.Document{}, err
	}
	return out, err
}

// Remove deletes a stored document and returns it. A stored override of
// a built-in document is removed and the built-in one answers again
// (restored is true); a built-in document itself cannot be removed
// (corpus.ErrProtected).
func (c *Collection) Remove(ctx context.Context, id string, who corpus.Actor) (removed corpus.Document, restored bool, err error) {
	err = c.change(ctx, func() ([]corpus.Change, error) {
		d, ok := c.stored[id]
		if !ok {
			if _, builtIn := c.base[id]; builtIn {
				return nil, fmt.Errorf("%w: %s", corpus.ErrProtected, id)
			}
			return nil, fmt.Errorf("%w: %s", corpus.ErrNotFound, id)
		}
		_, restored = c.base[id]
		removed = d
		return []corpus.Change{{Action: corpus.ActionRemove, Doc: d, Who: who}}, nil
	})
	if err != nil {
		return corpus.Document{}, false, err
	}
	return removed, restored, nil
}

// Find returns the document with the text of d, if one exists: what a
// retry of a change finds when the first try was saved.
func (c *Collection) Find(d corpus.Document) (corpus.Document, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := c.load(context.Background()); err != nil {
		return corpus.Document{}, false, err
	}
	id, ok := c.bodies()[bodyHash(d.WithDefaults().Body)]
	if !ok {
		return corpus.Document{}, false, nil
	}
	if s, ok := c.stored[id]; ok {
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

// Stored reports whether id is a stored document (added, or an override
// of a built-in one), as last read from the storage.
func (c *Collection) Stored(id string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := c.load(context.Background()); err != nil && c.stored == nil {
		return false
	}
	_, ok := c.stored[id]
	return ok
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
	if _, err := c.load(context.Background()); err != nil && c.stored == nil {
		return corpus.Document{}, false
	}
	// When the storage cannot be read, the documents as last read.
	if d, ok := c.stored[id]; ok {
		return d, true
	}
	d, ok := c.base[id]
	return d, ok
}
