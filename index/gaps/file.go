package gaps

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// Size bounds of the FileStore.
const (
	// DefaultMaxBytes bounds the two files of a FileStore together.
	DefaultMaxBytes = 4 << 20
	// MinMaxBytes is the smallest bound a FileStore accepts.
	MinMaxBytes = 64 << 10
)

// Files of the FileStore, in its folder.
const (
	currentName  = "gaps.jsonl"
	previousName = "gaps.1.jsonl"
	lockName     = ".lock"
)

// FileStore keeps the records as JSON lines in a folder of the data
// folder: gaps.jsonl, appended to, and gaps.1.jsonl, the older half.
// When an append would take gaps.jsonl past half the bound, it becomes
// gaps.1.jsonl (the older one goes) and a new gaps.jsonl starts with the
// latest dismissals and answers of the gaps still kept; so the two stay
// under the bound together. A file lock serialises the processes sharing
// the folder.
type FileStore struct {
	dir string
	max int64

	mu   sync.Mutex // serialises this process's calls
	lock *os.File   // the lock file, open once made
}

// NewFileStore returns the store in dir, bounded by maxBytes (zero means
// DefaultMaxBytes). It writes nothing until the first Append.
func NewFileStore(dir string, maxBytes int64) (*FileStore, error) {
	if maxBytes == 0 {
		maxBytes = DefaultMaxBytes
	}
	if maxBytes < MinMaxBytes {
		return nil, fmt.Errorf("gaps: a bound of %d bytes is too small; at least %d", maxBytes, MinMaxBytes)
	}
	return &FileStore{dir: dir, max: maxBytes}, nil
}

// Files returns the paths of the store's files that hold records.
func (s *FileStore) Files() []string {
	return []string{filepath.Join(s.dir, previousName), filepath.Join(s.dir, currentName)}
}

// takeLock takes the folder's lock between processes, opening its file
// the first time. s.mu is held.
func (s *FileStore) takeLock(ctx context.Context, exclusive bool) (unlock func(), err error) {
	if s.lock == nil {
		f, err := os.OpenFile(filepath.Join(s.dir, lockName), os.O_CREATE|os.O_RDWR, 0o600)
		if err != nil {
			return nil, fmt.Errorf("lock the gaps log: %w", err)
		}
		s.lock = f
	}
	return flock(ctx, s.lock, exclusive)
}

// Close releases the lock file; the store opens it again if used.
func (s *FileStore) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lock == nil {
		return nil
	}
	err := s.lock.Close()
	s.lock = nil
	return err
}

// encode turns records into lines.
func encode(recs []Record) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			return nil, fmt.Errorf("encode a gap record: %w", err)
		}
	}
	return buf.Bytes(), nil
}

// Append implements Store.
func (s *FileStore) Append(ctx context.Context, sync bool, recs ...Record) error {
	if len(recs) == 0 {
		return nil
	}
	data, err := encode(recs)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("gaps folder: %w", err)
	}
	unlock, err := s.takeLock(ctx, true)
	if err != nil {
		return err
	}
	defer unlock()
	path := filepath.Join(s.dir, currentName)
	f, size, endsLine, err := openEnd(path)
	if err != nil {
		return err
	}
	if size > 0 && size+int64(len(data)) > s.max/2 {
		f.Close()
		if err := s.rotate(); err != nil {
			return err
		}
		if f, size, endsLine, err = openEnd(path); err != nil {
			return err
		}
	}
	if !endsLine {
		data = append([]byte{'\n'}, data...) // after a line a crash cut short
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("append to %s: %w", path, err)
	}
	if sync {
		if err := f.Sync(); err != nil {
			f.Close()
			return fmt.Errorf("sync %s: %w", path, err)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	if sync && size == 0 {
		return syncDir(s.dir)
	}
	return nil
}

// openEnd opens path to append to it, made if missing, and returns its
// size and whether it ends a line (or is empty).
func openEnd(path string) (*os.File, int64, bool, error) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, 0, false, fmt.Errorf("open %s: %w", path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, false, fmt.Errorf("stat %s: %w", path, err)
	}
	if st.Size() == 0 {
		return f, 0, true, nil
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, st.Size()-1); err != nil {
		f.Close()
		return nil, 0, false, fmt.Errorf("read %s: %w", path, err)
	}
	return f, st.Size(), last[0] == '\n', nil
}

// carryShare is the share of the bound that the dismissals and answers
// carried into a new file may take.
const carryShare = 8

// rotate makes the current file the previous one and starts a new current
// file with the latest dismissal and answer of each gap, newest first
// within a budget, so that they outlive the questions they close. The
// lock is held.
func (s *FileStore) rotate() error {
	var states []Record
	for _, p := range s.Files() {
		recs, _, err := readFile(p, isState)
		if err != nil {
			return err
		}
		states = append(states, recs...)
	}
	type stateKey struct {
		key string
		ev  Event
	}
	latest := map[stateKey]Record{}
	for _, r := range states {
		if r.Event != Dismissed && r.Event != Answered {
			continue
		}
		k := stateKey{r.Key, r.Event}
		if !r.Time.Before(latest[k].Time) {
			latest[k] = r
		}
	}
	carry := make([]Record, 0, len(latest))
	for _, r := range latest {
		carry = append(carry, r)
	}
	sort.Slice(carry, func(i, j int) bool { return carry[i].Time.After(carry[j].Time) })
	var data []byte
	for _, r := range carry {
		line, err := encode([]Record{r})
		if err != nil {
			return err
		}
		if int64(len(data)+len(line)) > s.max/carryShare {
			break
		}
		data = append(line, data...) // oldest first
	}
	tmp, err := writeTemp(s.dir, data)
	if err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(s.dir, currentName), filepath.Join(s.dir, previousName)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("rotate the gaps log: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(s.dir, currentName)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("rotate the gaps log: %w", err)
	}
	return syncDir(s.dir)
}

// isState reports whether a line may be a dismissal or an answer: a cheap
// look before decoding it.
func isState(line []byte) bool {
	return bytes.Contains(line, []byte(`"dismissed"`)) || bytes.Contains(line, []byte(`"answered"`))
}

// writeTemp writes data to a new temporary file in dir, synced.
func writeTemp(dir string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, ".gaps-*.tmp")
	if err != nil {
		return "", fmt.Errorf("gaps temporary file: %w", err)
	}
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(f.Name(), 0o600)
	}
	if werr != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("write %s: %w", f.Name(), werr)
	}
	return f.Name(), nil
}

// maxLine bounds a line read back; longer ones are not records.
const maxLine = 64 << 10

// readFile reads the records of one file (none when it does not exist),
// skipping lines that are not records, and returns how many it skipped.
// When want is set, only the lines it accepts are decoded.
func readFile(path string, want func([]byte) bool) ([]Record, int, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	var out []Record
	bad := 0
	rd := bufio.NewReaderSize(f, maxLine)
	for {
		line, err := rd.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			bad++
			for errors.Is(err, bufio.ErrBufferFull) { // skip the rest of it
				_, err = rd.ReadSlice('\n')
			}
			line = nil
		}
		if err != nil && err != io.EOF {
			return nil, 0, fmt.Errorf("read %s: %w", path, err)
		}
		if t := bytes.TrimSpace(line); len(t) > 0 && (want == nil || want(t)) {
			var r Record
			if jerr := json.Unmarshal(t, &r); jerr != nil || r.Event == "" || r.Time.IsZero() {
				bad++
			} else {
				out = append(out, r)
			}
		}
		if err == io.EOF {
			return out, bad, nil
		}
	}
}

// Records implements Store. A folder that does not exist holds none, and
// one that cannot be locked (read-only) is read without the lock.
func (s *FileStore) Records(ctx context.Context, since time.Time) ([]Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := os.Stat(s.dir); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	unlock, err := s.takeLock(ctx, false)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		unlock = func() {} // a read-only folder: nobody writes it either
	}
	defer unlock()
	var out []Record
	for _, p := range s.Files() {
		recs, _, err := readFile(p, nil)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			if !r.Time.Before(since) {
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// Prune implements Store: each file holding records older than before is
// rewritten without them (a temporary file renamed over it).
func (s *FileStore) Prune(ctx context.Context, before time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := os.Stat(s.dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	unlock, err := s.takeLock(ctx, true)
	if err != nil {
		return err
	}
	defer unlock()
	changed := false
	for _, p := range s.Files() {
		if fresh, err := firstNotBefore(p, before); err != nil || fresh {
			if err != nil {
				return err
			}
			continue // records are appended in time order: nothing to drop
		}
		recs, bad, err := readFile(p, nil)
		if err != nil {
			return err
		}
		kept := recs[:0]
		for _, r := range recs {
			if !r.Time.Before(before) {
				kept = append(kept, r)
			}
		}
		if len(kept) == len(recs) && bad == 0 {
			continue
		}
		data, err := encode(kept)
		if err != nil {
			return err
		}
		tmp, err := writeTemp(s.dir, data)
		if err != nil {
			return err
		}
		if err := os.Rename(tmp, p); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("prune %s: %w", p, err)
		}
		changed = true
	}
	if changed {
		return syncDir(s.dir)
	}
	return nil
}

// firstNotBefore reports whether the first record of path (or the file
// being empty or missing) is not older than before. A first line that is
// not a record reports false, so that Prune drops it.
func firstNotBefore(path string, before time.Time) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	line, err := bufio.NewReaderSize(f, maxLine).ReadSlice('\n')
	if len(bytes.TrimSpace(line)) == 0 && err == io.EOF {
		return true, nil
	}
	var r struct {
		Time time.Time `json:"t"`
	}
	if json.Unmarshal(bytes.TrimSpace(line), &r) != nil || r.Time.IsZero() {
		return false, nil
	}
	return !r.Time.Before(before), nil
}

// syncDir makes the entries of dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
