package corpus

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// canSyncFS: one syncfs(2) makes every file written to the directory's file
// system durable, so many new documents need one sync, not one each.
const canSyncFS = true

// syncFS flushes the file system that holds dir.
func syncFS(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync file system of %s: %w", dir, err)
	}
	defer d.Close()
	if err := unix.Syncfs(int(d.Fd())); err != nil {
		return fmt.Errorf("sync file system of %s: %w", dir, err)
	}
	return nil
}
