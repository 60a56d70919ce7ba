package corpus

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
)

// Folder is the Storage of one machine: a documents folder (Store) and an
// audit log file beside it. A change takes the folder's lock, reads what
// other processes wrote, writes the audit lines and then the documents
// durably, and only then returns: what it reports saved is on disk, reads
// back as written, and has its audit line. Several processes may share a
// folder; they see each other's changes by polling Load.
type Folder struct {
	store *Store
	audit *AuditLog
	log   *slog.Logger

	mu    sync.Mutex          // guards files and docs: one read or change at a time in this process
	files map[string]fileInfo // the folder as last read, by file name
	docs  map[string]Document // the readable files' documents, by id, rebuilt when files change
	sig   string              // signature of files
}

// fileInfo is one file of the documents folder as last read.
type fileInfo struct {
	size int64
	mod  time.Time
	doc  Document
	err  error // why the file is not a document, if it is not
}

// OpenFolder opens (creating it when missing) the documents folder dir,
// with its audit log at auditPath. Unreadable files are logged to log
// (nil: discarded) and left out.
func OpenFolder(dir, auditPath string, log *slog.Logger) (*Folder, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	store, err := OpenStore(dir)
	if err != nil {
		return nil, err
	}
	return &Folder{store: store, audit: OpenAuditLog(auditPath), log: log, files: map[string]fileInfo{}}, nil
}

// Dir returns the documents folder.
func (f *Folder) Dir() string { return f.store.Dir() }

// Load reads the folder again (only the files whose size or time changed)
// and returns its documents; the version is a signature of the files'
// names, sizes and times.
func (f *Folder) Load(ctx context.Context) (map[string]Document, string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.read(); err != nil {
		return nil, "", err
	}
	return f.docs, f.sig, nil
}

// read brings files up to date with the folder. The caller holds mu.
func (f *Folder) read() error {
	entries, err := os.ReadDir(f.store.Dir())
	if err != nil {
		return fmt.Errorf("read documents folder %s: %w", f.store.Dir(), err)
	}
	seen := make(map[string]bool, len(entries))
	changed := f.docs == nil
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || filepath.Ext(name) != fileExt {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		seen[name] = true
		old, ok := f.files[name]
		if ok && old.size == info.Size() && old.mod.Equal(info.ModTime()) {
			continue
		}
		changed = true
		fi := fileInfo{size: info.Size(), mod: info.ModTime()}
		fi.doc, fi.err = f.store.Get(strings.TrimSuffix(name, fileExt))
		if fi.err != nil {
			f.log.Warn("skipping unreadable document file", "dir", f.store.Dir(), "file", name, "err", fi.err)
		}
		f.files[name] = fi
	}
	for name := range f.files {
		if !seen[name] {
			delete(f.files, name)
			changed = true
		}
	}
	if !changed {
		return nil
	}
	// A new map: the one Load returned before stays as it was.
	f.docs = make(map[string]Document, len(f.files))
	names := make([]string, 0, len(f.files))
	for name, fi := range f.files {
		names = append(names, name)
		if fi.err == nil {
			f.docs[fi.doc.ID] = fi.doc
		}
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fi := f.files[n]
		fmt.Fprintf(h, "%s\x00%d\x00%d\n", n, fi.size, fi.mod.UnixNano())
	}
	f.sig = hex.EncodeToString(h.Sum(nil))
	return nil
}

// Change runs plan under the folder's lock with the folder read afresh,
// then appends the audit lines (first: a document on disk always has one)
// and writes the documents, with one sync for all the new ones.
func (f *Folder) Change(ctx context.Context, plan func(stored map[string]Document) ([]Change, error)) error {
	unlock, err := f.store.Lock(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.read(); err != nil {
		return err
	}
	changes, err := plan(f.docs)
	if err != nil || len(changes) == 0 {
		return err
	}
	entries := make([]AuditEntry, len(changes))
	for i, c := range changes {
		entries[i] = c.Entry()
	}
	if err := f.audit.Append(entries...); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	created := false
	for _, c := range changes {
		switch c.Action {
		case ActionAdd:
			err, created = f.store.CreateUnsynced(c.Doc), true
		case ActionUpdate:
			err = f.store.Put(c.Doc)
		case ActionRemove:
			err = f.store.Remove(c.Doc.ID)
		default:
			err = fmt.Errorf("unknown change %q of document %s", c.Action, c.Doc.ID)
		}
		if err != nil {
			return err
		}
	}
	if created {
		return f.store.SyncAll()
	}
	return nil
}

// Append adds entries to the audit log file.
func (f *Folder) Append(entries ...AuditEntry) error { return f.audit.Append(entries...) }

// Changed is nil: other processes' changes are found by polling Load.
func (f *Folder) Changed() <-chan struct{} { return nil }
