// Command passagequestions writes the questions each paragraph answers
// into the headers of corpus documents: it reads JSON lines
// {"doc": id, "paragraph": N, "questions": [...]} (as the blind writers
// wrote them) and sets each named document's questions, sealed with the
// hash of the paragraph they were written for.
//
//	go run ./scripts/passagequestions -dir corpus/data questions.jsonl ...
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/summitbot/summitbot/corpus"
)

type line struct {
	Doc       string   `json:"doc"`
	Paragraph int      `json:"paragraph"`
	Questions []string `json:"questions"`
}

func main() {
	dir := flag.String("dir", "corpus/data", "folder of the documents to update")
	flag.Parse()
	if err := run(*dir, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "passagequestions:", err)
		os.Exit(1)
	}
}

func run(dir string, files []string) error {
	byDoc := map[string][]corpus.ParagraphQuestions{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		sc.Buffer(nil, 1<<20)
		for n := 1; sc.Scan(); n++ {
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var l line
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				return fmt.Errorf("%s:%d: %w", f, n, err)
			}
			var ask []string
			for _, q := range l.Questions {
				if q = strings.TrimSpace(q); q != "" {
					ask = append(ask, q)
				}
			}
			byDoc[l.Doc] = append(byDoc[l.Doc], corpus.ParagraphQuestions{Paragraph: l.Paragraph, Ask: ask})
		}
	}
	done := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		d, err := corpus.Parse(data)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		qs, ok := byDoc[d.ID]
		if !ok {
			return nil
		}
		sort.Slice(qs, func(i, j int) bool { return qs[i].Paragraph < qs[j].Paragraph })
		if n := len(d.Passages()); len(qs) != n {
			return fmt.Errorf("%s: %d paragraphs, questions for %d", path, n, len(qs))
		}
		d.Questions = qs
		d = d.SealQuestions()
		out, err := corpus.Format(d)
		if err != nil {
			return err
		}
		if _, err := corpus.Parse(out); err != nil {
			return fmt.Errorf("%s: written form does not parse: %w", path, err)
		}
		done[d.ID] = true
		return os.WriteFile(path, out, 0o644)
	})
	if err != nil {
		return err
	}
	for id := range byDoc {
		if !done[id] {
			return fmt.Errorf("no document %q in %s", id, dir)
		}
	}
	return nil
}
