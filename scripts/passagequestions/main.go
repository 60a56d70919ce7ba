// Command passagequestions writes the questions each paragraph answers
// into the headers of corpus documents: it reads JSON lines
// {"doc": id, "paragraph": N, "questions": [...]} (as the blind writers
// wrote them) and sets each named document's questions, sealed with the
// hash of the paragraph they were written for. With -append, the questions
// read are added to those a paragraph already has (a second round of
// writers), and a document need not be covered whole.
//
//	go run ./scripts/passagequestions -dir corpus/data questions.jsonl ...
//	go run ./scripts/passagequestions -dir corpus/data -append more.jsonl ...
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
	add := flag.Bool("append", false, "add the questions to those the paragraphs already have")
	flag.Parse()
	if err := run(*dir, *add, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "passagequestions:", err)
		os.Exit(1)
	}
}

func run(dir string, add bool, files []string) error {
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
		switch n := len(d.Passages()); {
		case add:
			d = d.SealQuestions()
			if d, err = appendQuestions(d, qs); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		case len(qs) != n:
			return fmt.Errorf("%s: %d paragraphs, questions for %d", path, n, len(qs))
		default:
			d.Questions = qs
		}
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

// appendQuestions adds qs to the questions d's paragraphs already have
// (d sealed: each set numbered by its paragraph), leaving out those a
// paragraph has already.
func appendQuestions(d corpus.Document, qs []corpus.ParagraphQuestions) (corpus.Document, error) {
	n := len(d.Passages())
	if st := d.StaleQuestions(); len(st) > 0 {
		return d, fmt.Errorf("%d question sets are stale (their paragraph changed): rewrite them before adding more", len(st))
	}
	for _, q := range qs {
		if q.Paragraph < 1 || q.Paragraph > n {
			return d, fmt.Errorf("paragraph %d: the document has %d", q.Paragraph, n)
		}
		i := -1
		for j, have := range d.Questions {
			if have.Paragraph == q.Paragraph {
				i = j
			}
		}
		if i < 0 {
			d.Questions = append(d.Questions, corpus.ParagraphQuestions{Paragraph: q.Paragraph})
			i = len(d.Questions) - 1
		}
		for _, a := range q.Ask {
			dup := false
			for _, b := range d.Questions[i].Ask {
				dup = dup || strings.EqualFold(a, b)
			}
			if !dup {
				d.Questions[i].Ask = append(d.Questions[i].Ask, a)
			}
		}
	}
	return d, nil
}
