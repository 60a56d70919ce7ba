package corpus

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Errors of the store and of the changes moderators make, matched with
// errors.Is. The messages of ErrDuplicate and ErrProtected are safe to
// show to the moderator who asked for the change.
var (
	ErrNotFound = errors.New("no such document")
	ErrExists   = errors.New("a document with this id already exists")
	// ErrDuplicate: a document with the same text exists (see DuplicateError).
	ErrDuplicate = errors.New("a document with the same text already exists")
	// ErrProtected: documents of the embedded corpus cannot be removed.
	ErrProtected = errors.New("documents of the built-in corpus cannot be removed; update one to override it")
	// ErrNotIndexed: a change was saved (on disk, audited) but indexing it
	// failed; it becomes searchable at the next refresh or start.
	ErrNotIndexed = errors.New("saved, but not searchable yet; it will be within seconds or at the next start")
)

// DuplicateError names the document a new one duplicates.
type DuplicateError struct {
	ID, Title string
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("a document with the same text already exists: %q (%s)", e.Title, e.ID)
}

// Is makes errors.Is(err, ErrDuplicate) hold.
func (e *DuplicateError) Is(target error) bool { return target == ErrDuplicate }

// fileExt is the extension of stored documents.
const fileExt = ".md"

// tmpPrefix starts the names of files being written; they are never read
// as documents and are removed when found stale.
const tmpPrefix = ".tmp-"

// Store is a documents directory: one file per document, named by its id,
// in the corpus format. Writes are atomic and durable (temporary file,
// fsync, rename, fsync of the directory), so a crash leaves each document
// either as it was or as it was written, never half written. It is safe for
// several processes: creating a document never overwrites another's.
type Store struct {
	dir string
}

// staleTemp is the age past which a temporary file was left by a crash
// (no write takes that long) and is removed.
const staleTemp = 10 * time.Minute

// OpenStore opens (creating it when missing) the documents directory dir,
// and removes temporary files a crash left behind.
func OpenStore(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open document store %s: %w", dir, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("open document store %s: %w", dir, err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), tmpPrefix) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleTemp {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return &Store{dir: dir}, nil
}

// Dir returns the store's directory.
func (s *Store) Dir() string { return s.dir }

// path returns the file of document id; ids are validated first so no id
// can name a file outside the directory.
func (s *Store) path(id string) (string, error) {
	if !validID(id) {
		return "", fmt.Errorf("%w: %q", ErrID, id)
	}
	return filepath.Join(s.dir, id+fileExt), nil
}

// Problem is a file of the store that could not be read as a document.
type Problem struct {
	File string
	Err  error
}

func (p Problem) Error() string { return fmt.Sprintf("%s: %v", p.File, p.Err) }

// List reads every document of the store, sorted by id, and reports the
// files it could not read instead of failing on them: one bad file must not
// hide the others.
func (s *Store) List() ([]Document, []Problem, error) {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, nil, fmt.Errorf("list documents in %s: %w", s.dir, err)
	}
	var (
		docs     []Document
		problems []Problem
	)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || filepath.Ext(name) != fileExt {
			continue
		}
		d, err := s.read(filepath.Join(s.dir, name))
		if err == nil && d.ID+fileExt != name {
			err = fmt.Errorf("%w: file %s holds id %q", ErrID, name, d.ID)
		}
		if err != nil {
			problems = append(problems, Problem{File: name, Err: err})
			continue
		}
		docs = append(docs, d)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, problems, nil
}

// Get reads document id.
func (s *Store) Get(id string) (Document, error) {
	p, err := s.path(id)
	if err != nil {
		return Document{}, err
	}
	d, err := s.read(p)
	if errors.Is(err, fs.ErrNotExist) {
		return Document{}, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	return d, err
}

func (s *Store) read(path string) (Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return Document{}, fmt.Errorf("read document: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return Document{}, fmt.Errorf("read %s: %w", path, err)
	}
	return Parse(data)
}

// Create writes a new document; it fails with ErrExists when its id is
// taken, even by another process at the same moment.
func (s *Store) Create(d Document) error {
	if err := s.write(d, false); err != nil {
		return err
	}
	return s.Sync()
}

// CreateUnsynced is Create without making the document durable yet: for
// many documents at once, followed by one SyncAll before any is reported
// saved.
func (s *Store) CreateUnsynced(d Document) error {
	return s.writeFile(d, false, !canSyncFS)
}

// SyncAll makes every document written since the last sync durable,
// contents and names.
func (s *Store) SyncAll() error {
	if canSyncFS {
		return syncFS(s.dir)
	}
	return s.Sync()
}

// Put writes a document, replacing the one with its id if any.
func (s *Store) Put(d Document) error {
	if err := s.write(d, true); err != nil {
		return err
	}
	return s.Sync()
}

// Sync makes the directory's entries durable (new names, renames).
func (s *Store) Sync() error { return syncDir(s.dir) }

func (s *Store) write(d Document, replace bool) error {
	return s.writeFile(d, replace, true)
}

// writeFile writes d to a temporary file (synced when syncFile) and moves
// it to its name: a rename when replacing, a link when creating.
func (s *Store) writeFile(d Document, replace, syncFile bool) error {
	final, err := s.path(d.ID)
	if err != nil {
		return err
	}
	data, err := Encode(d)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(s.dir, tmpPrefix+d.ID+"-*")
	if err != nil {
		return fmt.Errorf("write document %s: %w", d.ID, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed or linked
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write document %s: %w", d.ID, err)
	}
	if syncFile {
		if err := tmp.Sync(); err != nil {
			tmp.Close()
			return fmt.Errorf("sync document %s: %w", d.ID, err)
		}
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write document %s: %w", d.ID, err)
	}
	if replace {
		err = os.Rename(tmp.Name(), final)
	} else {
		// A hard link fails if the name exists: creation is atomic and
		// never overwrites a document another process just created.
		err = os.Link(tmp.Name(), final)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%w: %s", ErrExists, d.ID)
		}
	}
	if err != nil {
		return fmt.Errorf("save document %s: %w", d.ID, err)
	}
	return nil
}

// Remove deletes document id.
func (s *Store) Remove(id string) error {
	p, err := s.path(id)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%w: %s", ErrNotFound, id)
		}
		return fmt.Errorf("remove document %s: %w", id, err)
	}
	return syncDir(s.dir)
}

// syncDir makes a directory's entries (a rename, a new link) durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}
