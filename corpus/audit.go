package corpus

import (
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"
)

// Audit actions.
const (
	ActionAdd    = "add"
	ActionUpdate = "update"
	ActionRemove = "remove"
)

// Actor is who asks for a change, for the audit log.
type Actor struct {
	ID   string // Discord user id, or the operator's login
	Name string // display name, when known
	Via  string // "discord" or "cli"
}

// AuditEntry is one line of the audit log: who changed which document how
// (or, with Gap set, which coverage gap a moderator dismissed).
type AuditEntry struct {
	Time   time.Time `json:"time"`
	UserID string    `json:"user_id"`        // Discord user id, or the operator's login
	User   string    `json:"user,omitempty"` // display name, when known
	Via    string    `json:"via"`            // "discord" or "cli"
	Action string    `json:"action"`         // add, update, remove, dismiss-gap
	DocID  string    `json:"doc_id"`
	Hash   string    `json:"content_hash,omitempty"` // Document.Hash of what was written
	Gap    string    `json:"gap_id,omitempty"`       // the coverage gap dismissed (index/gaps)
}

// AuditLog is an append-only file of JSON lines. Appends from several
// processes interleave whole lines (O_APPEND, one write per line).
type AuditLog struct {
	path string
	mu   sync.Mutex
}

// OpenAuditLog returns the audit log at path (created on first append).
func OpenAuditLog(path string) *AuditLog { return &AuditLog{path: path} }

// Append writes entries, one line each, in one write, and syncs them to
// disk.
func (a *AuditLog) Append(entries ...AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	var line []byte
	for _, e := range entries {
		if e.Time.IsZero() {
			e.Time = time.Now().UTC()
		}
		data, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("encode audit entry: %w", err)
		}
		line = append(append(line, data...), '\n')
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	f, err := os.OpenFile(a.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("open audit log %s: %w", a.path, err)
	}
	if _, err := f.Write(line); err != nil {
		f.Close()
		return fmt.Errorf("append to audit log %s: %w", a.path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync audit log %s: %w", a.path, err)
	}
	return f.Close()
}
