package gaps

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// saltName is the salt's file in the gaps folder.
const saltName = "salt"

// saltLen is the salt's length in bytes.
const saltLen = 32

// loadSalt reads the salt of the gaps folder dir, making it (random) when
// there is none. Two processes making it at once agree: it is written
// whole to a temporary file, then linked into place, and the one that
// loses reads the winner's.
func loadSalt(dir string) ([]byte, error) {
	path := filepath.Join(dir, saltName)
	s, err := readSalt(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return s, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("gaps folder: %w", err)
	}
	b := make([]byte, saltLen)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("make the gaps salt: %w", err)
	}
	tmp, err := writeTemp(dir, []byte(hex.EncodeToString(b)+"\n"))
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("make the gaps salt %s: %w", path, err)
	}
	if err := syncDir(dir); err != nil {
		return nil, err
	}
	return readSalt(path)
}

// readSalt reads and checks a salt file.
func readSalt(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := hex.DecodeString(strings.TrimSpace(string(data)))
	if err != nil || len(s) != saltLen {
		return nil, fmt.Errorf("the gaps salt %s is damaged (want %d hexadecimal digits): delete it to make a new one (people asking are then counted anew)", path, 2*saltLen)
	}
	return s, nil
}
