package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
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
// processes interleave whole lines (O_APPEND, one write per append). A
// process killed in the middle of a large write can leave its last line
// torn; the next append ends that line first, so a torn record never
// swallows the one after it, and ReadAuditLog skips it. A torn record is
// one whose change was never made: the audit line is written before the
// document.
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
	f, err := os.OpenFile(a.path, os.O_APPEND|os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("open audit log %s: %w", a.path, err)
	}
	torn, err := endsTorn(f)
	if err != nil {
		f.Close()
		return fmt.Errorf("read the end of audit log %s: %w", a.path, err)
	}
	if torn {
		line = append([]byte{'\n'}, line...)
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

// endsTorn reports whether f's last line lacks its newline: a write cut
// short by a kill.
func endsTorn(f *os.File) (bool, error) {
	info, err := f.Stat()
	if err != nil {
		return false, err
	}
	if info.Size() == 0 {
		return false, nil
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, info.Size()-1); err != nil {
		return false, err
	}
	return last[0] != '\n', nil
}

// ReadAuditLog reads the audit log at path: its entries in order, and how
// many torn lines (records cut short by a kill mid-write, whose change was
// never made) it skipped. A missing file is an empty log. A line that is
// neither an entry nor a torn one is an error naming the line.
func ReadAuditLog(path string) (entries []AuditEntry, torn int, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("read audit log %s: %w", path, err)
	}
	for n, line := range bytes.Split(data, []byte{'\n'}) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var e AuditEntry
		err := json.Unmarshal(line, &e)
		var syntax *json.SyntaxError
		switch {
		case err == nil:
			entries = append(entries, e)
		case errors.As(err, &syntax) && syntax.Offset >= int64(len(line)):
			torn++
		default:
			return nil, 0, fmt.Errorf("audit log %s line %d: %w", path, n+1, err)
		}
	}
	return entries, torn, nil
}
