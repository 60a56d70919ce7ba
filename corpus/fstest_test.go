package corpus

import (
	"io/fs"
	"testing/fstest"
)

// fstestMap is a file system of file names and contents, for tests.
type fstestMap map[string]string

func (m fstestMap) FS() fs.FS {
	out := fstest.MapFS{}
	for name, body := range m {
		out[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return out
}
