//go:build unix

package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// lockName is the file, in the documents folder, whose lock serialises
// changes to the folder between processes.
const lockName = ".lock"

// Lock takes the store's lock, waiting while another process holds it,
// until ctx is done. While it is held no other process lists the folder to
// change it, so a change made under it (an id chosen, a duplicate looked
// for) sees every document written before. The kernel drops the lock when
// its process dies. Call unlock when done.
func (s *Store) Lock(ctx context.Context) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(s.dir, lockName), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock document store %s: %w", s.dir, err)
	}
	for wait := time.Millisecond; ; wait = min(2*wait, 50*time.Millisecond) {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			return func() {
				_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
				_ = f.Close()
			}, nil
		}
		if !errors.Is(err, unix.EWOULDBLOCK) && !errors.Is(err, unix.EINTR) {
			f.Close()
			return nil, fmt.Errorf("lock document store %s: %w", s.dir, err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("lock document store %s: %w", s.dir, ctx.Err())
		case <-time.After(wait):
		}
	}
}
