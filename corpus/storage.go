package corpus

import (
	"context"
	"errors"
)

// ErrUnavailable: the storage could not be reached (a database down, a
// lost connection); nothing was changed. Its message is safe to show.
var ErrUnavailable = errors.New("the document store (PostgreSQL) cannot be reached right now, so nothing was changed; try again in a minute")

// Storage keeps the documents moderators add and the audit log of their
// changes, durably. Two implementations: Folder (a documents folder and an
// audit file, the default) and pgstore (PostgreSQL, shared by replicas).
// The engine does not know which it has.
type Storage interface {
	// Load returns every stored document by id and a version that changes
	// whenever a stored document does (equal versions, equal documents).
	// The map is the storage's: callers must not modify it.
	Load(ctx context.Context) (map[string]Document, string, error)
	// Change calls plan with exclusive use of the storage (against every
	// process sharing it) and the documents stored now, then writes the
	// changes plan returns, each with its audit entry, durably, and only
	// then returns. If plan fails nothing is written and its error is
	// returned. A document added or updated is written in the corpus
	// format (Encode), which must read back as the same document.
	Change(ctx context.Context, plan func(stored map[string]Document) ([]Change, error)) error
	// Append adds entries that change no document (a dismissed coverage
	// gap) to the audit log, durably.
	Append(entries ...AuditEntry) error
	// Changed receives a value when another process may have changed the
	// documents (and after a reconnection, when changes may have been
	// missed). A nil channel means the storage must be polled with Load.
	Changed() <-chan struct{}
}

// Change is one write of Storage.Change, with who asked for it.
type Change struct {
	Action string   // ActionAdd, ActionUpdate or ActionRemove
	Doc    Document // the document written; for ActionRemove, the one removed
	Who    Actor
}

// Entry is the audit entry of the change, timed now.
func (c Change) Entry() AuditEntry {
	e := AuditEntry{UserID: c.Who.ID, User: c.Who.Name, Via: c.Who.Via, Action: c.Action, DocID: c.Doc.ID}
	e.Hash = c.Doc.Hash()
	return e
}
