package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/summitbot/summitbot/corpus"
)

// The twin's Moderator methods follow library.Library: the same defaults,
// validation, duplicate check, protection of the built-in documents and
// errors, without the disk.

func (e *twinEngine) Add(ctx context.Context, d corpus.Document, _ corpus.Actor) (corpus.Document, error) {
	if err := ctx.Err(); err != nil {
		return corpus.Document{}, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	d, err := e.prepare(d)
	if err != nil {
		return corpus.Document{}, err
	}
	for _, o := range e.docs {
		if twinBodyHash(o.Body) == twinBodyHash(d.Body) {
			return corpus.Document{}, &corpus.DuplicateError{ID: o.ID, Title: o.Title}
		}
	}
	d.ID = corpus.NewID(d.Title, func(id string) bool { return e.find(id) >= 0 })
	if err := d.Validate(); err != nil {
		return corpus.Document{}, err
	}
	e.docs = append(e.docs, d)
	e.stored[d.ID] = true
	e.changes++
	return d, nil
}

func (e *twinEngine) Update(ctx context.Context, d corpus.Document, _ corpus.Actor) (corpus.Document, error) {
	if err := ctx.Err(); err != nil {
		return corpus.Document{}, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	k := e.find(d.ID)
	if k < 0 {
		return corpus.Document{}, fmt.Errorf("%w: %s", corpus.ErrNotFound, d.ID)
	}
	d, err := e.prepare(d)
	if err != nil {
		return corpus.Document{}, err
	}
	for _, o := range e.docs {
		if o.ID != d.ID && twinBodyHash(o.Body) == twinBodyHash(d.Body) {
			return corpus.Document{}, &corpus.DuplicateError{ID: o.ID, Title: o.Title}
		}
	}
	e.docs[k] = d
	e.stored[d.ID] = true
	e.changes++
	return d, nil
}

func (e *twinEngine) Remove(ctx context.Context, id string, _ corpus.Actor) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	b, builtIn := e.base[id]
	k := e.find(id)
	switch {
	case builtIn && !e.stored[id]:
		return fmt.Errorf("%w: %s", corpus.ErrProtected, id)
	case k < 0 || !e.stored[id]:
		return fmt.Errorf("%w: %s", corpus.ErrNotFound, id)
	case builtIn:
		e.docs[k] = b
	default:
		e.docs = slices.Delete(e.docs, k, k+1)
	}
	delete(e.stored, id)
	e.changes++
	return nil
}

func (e *twinEngine) IsBuiltIn(id string) bool {
	_, ok := e.base[id]
	return ok
}

func (e *twinEngine) Stored(id string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.stored[id]
}

// changed returns how many changes succeeded.
func (e *twinEngine) changed() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.changes
}

// find returns the index of document id, or -1. e.mu is held.
func (e *twinEngine) find(id string) int {
	return slices.IndexFunc(e.docs, func(d corpus.Document) bool { return d.ID == id })
}

// prepare is library.Library's: defaults, the body limit, then Validate.
func (e *twinEngine) prepare(d corpus.Document) (corpus.Document, error) {
	d = d.WithDefaults()
	if len(d.Body) > e.maxBody {
		return d, fmt.Errorf("%w: %d bytes, at most %d", corpus.ErrBodyTooBig, len(d.Body), e.maxBody)
	}
	return d, d.Validate()
}

func twinBodyHash(body string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(body), " "))))
	return hex.EncodeToString(sum[:])
}
