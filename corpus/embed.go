package corpus

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed data
var defaultFS embed.FS

// Default returns the embedded default corpus: the AFP article and the
// notes in corpus/data, sorted by id.
func Default() ([]Document, error) {
	sub, err := fs.Sub(defaultFS, "data")
	if err != nil {
		return nil, fmt.Errorf("open embedded corpus: %w", err)
	}
	return LoadFS(sub)
}

// LoadFS parses every .md and .txt file under fsys, sorted by id. Two files
// with the same id are an error.
func LoadFS(fsys fs.FS) ([]Document, error) {
	var docs []Document
	seen := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			return nil
		}
		if ext := strings.ToLower(path.Ext(p)); ext != ".md" && ext != ".txt" {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		d, err := Parse(data)
		if err != nil {
			return fmt.Errorf("parse %s: %w", p, err)
		}
		if prev, dup := seen[d.ID]; dup {
			return fmt.Errorf("parse %s: %w: id %q already used by %s", p, ErrID, d.ID, prev)
		}
		seen[d.ID] = p
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load corpus: %w", err)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, nil
}
