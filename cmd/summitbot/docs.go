package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/user"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/library"
)

// importChunk is how many files docs import stores under one lock and
// one sync.
const importChunk = 500

// runDocs manages the documents moderators add, on the same documents
// folder the bot uses: add, import, list, remove. It works on the folder
// alone, never opening the index: whether or not the bot runs, a change is
// saved and audited at once, a running bot picks it up within seconds, and
// the next ask or serve reconciles its index with the folder.
func runDocs(ctx context.Context, args []string, e env) error {
	subs := map[string]func(context.Context, []string, env) error{
		"add":    docsAdd,
		"import": docsImport,
		"list":   docsList,
		"remove": docsRemove,
	}
	if len(args) == 0 || subs[args[0]] == nil {
		fmt.Fprint(e.stderr, `Usage:
  summitbot docs add [--title T] [--source S] [--url U] [--published YYYY-MM-DD] FILE...
  summitbot docs import DIR
  summitbot docs list [--json]
  summitbot docs remove ID

Files are .md or .txt: a document in the corpus format (YAML header between
--- lines), or plain text whose first line is the title unless --title is given.
`)
		if len(args) == 0 {
			return usageError{errors.New("docs needs add, import, list or remove")}
		}
		return usageError{fmt.Errorf("unknown docs command %q", args[0])}
	}
	return subs[args[0]](ctx, args[1:], e)
}

// docsFlags are the flags every docs command shares.
type docsFlags struct {
	fs      *flag.FlagSet
	dataDir *string
}

func newDocsFlags(name, synopsis string, e env) docsFlags {
	fs := newFlagSet("docs "+name, synopsis, e.stderr)
	return docsFlags{fs: fs, dataDir: fs.String("data", dataDirDefault(e.getenv), "data folder (env SUMMITBOT_DATA)")}
}

func (f docsFlags) parse(args []string) error {
	if err := f.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	return nil
}

func (f docsFlags) open(e env) (*library.Collection, error) {
	log, err := newLogger(e.stderr, e.getenv, slog.LevelWarn)
	if err != nil {
		return nil, err
	}
	maxBody, err := maxDocumentBytes(e.getenv)
	if err != nil {
		return nil, err
	}
	base, err := corpus.Default()
	if err != nil {
		return nil, err
	}
	return library.OpenCollection(library.Config{DataDir: *f.dataDir, Base: base, MaxBodyBytes: maxBody, Log: log})
}

// operator is who runs a docs command, for the audit log.
func operator(e env) corpus.Actor {
	name := e.getenv("USER")
	if u, err := user.Current(); err == nil && name == "" {
		name = u.Username
	}
	if name == "" {
		name = "operator"
	}
	return corpus.Actor{ID: name, Name: name, Via: "cli"}
}

func docsAdd(ctx context.Context, args []string, e env) error {
	f := newDocsFlags("add", "[--title T] [--source S] [--url U] [--published YYYY-MM-DD] [--questions Q.txt] FILE...", e)
	title := f.fs.String("title", "", "title (one file only; default: the file's header or first line)")
	source := f.fs.String("source", "", "outlet or source of the document")
	url := f.fs.String("url", "", "address of the original")
	published := f.fs.String("published", "", "publication date, YYYY-MM-DD")
	questions := f.fs.String("questions", "", "file of the questions the document answers, one a line: \"N: question\" for paragraph N (one file only)")
	if err := f.parse(args); err != nil {
		return ignoreHelp(err)
	}
	files := f.fs.Args()
	if len(files) == 0 {
		return usageError{errors.New("docs add needs at least one file")}
	}
	if *title != "" && len(files) > 1 {
		return usageError{errors.New("--title applies to one file only")}
	}
	if *questions != "" && len(files) > 1 {
		return usageError{errors.New("--questions applies to one file only")}
	}
	var docs []corpus.Document
	for _, name := range files {
		d, err := readDocumentFile(name, *title)
		if err != nil {
			return usageError{err}
		}
		if *source != "" {
			d.Outlet = *source
		}
		if *url != "" {
			d.URL = *url
		}
		if *published != "" {
			d.Published = *published
		}
		if *questions != "" {
			data, err := os.ReadFile(*questions)
			if err != nil {
				return usageError{fmt.Errorf("--questions: %w", err)}
			}
			qs, err := corpus.ParseQuestionLines(string(data), len(d.Passages()))
			if err != nil {
				return usageError{fmt.Errorf("%s: %w", *questions, err)}
			}
			d.Questions = qs
		}
		docs = append(docs, d)
	}
	lib, err := f.open(e)
	if err != nil {
		return err
	}
	who := operator(e)
	for i, d := range docs {
		// One at a time, each reported once it is on disk and audited.
		d, err := lib.Add(ctx, d, who)
		if err != nil {
			return docError(files[i], err)
		}
		fmt.Fprintf(e.stdout, "saved %s\t%s\n", d.ID, d.Title)
	}
	return nil
}

func docsImport(ctx context.Context, args []string, e env) error {
	f := newDocsFlags("import", "DIR", e)
	if err := f.parse(args); err != nil {
		return ignoreHelp(err)
	}
	if f.fs.NArg() != 1 {
		return usageError{errors.New("docs import needs one folder")}
	}
	dir := f.fs.Arg(0)
	var files []string
	var skipped int
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		ext := strings.ToLower(filepath.Ext(p))
		if d.IsDir() || ext != ".md" && ext != ".txt" {
			return nil
		}
		// Only regular files: a symbolic link may point anywhere (a
		// secret would be quoted publicly), and devices or pipes are no
		// documents.
		if !d.Type().IsRegular() {
			fmt.Fprintf(e.stderr, "skipped %s: not a regular file (a symbolic link, device or pipe); copy the file itself into the folder\n", p)
			skipped++
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		return usageError{fmt.Errorf("read folder %s: %w", dir, err)}
	}
	sort.Strings(files)
	lib, err := f.open(e)
	if err != nil {
		return err
	}
	bar := progressbar.NewOptions(len(files),
		progressbar.OptionSetWriter(progressWriter(e)),
		progressbar.OptionSetDescription("importing"),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish())
	start := time.Now()
	var saved int
	who := operator(e)
	for i := 0; i < len(files); i += importChunk {
		chunk := files[i:min(i+importChunk, len(files))]
		var docs []corpus.Document
		var names []string
		for _, name := range chunk {
			d, err := readDocumentFile(name, "")
			if err != nil {
				fmt.Fprintf(e.stderr, "skipped %s: %v\n", name, err)
				skipped++
				continue
			}
			docs = append(docs, d)
			names = append(names, name)
		}
		for len(docs) > 0 {
			added, err := lib.AddMany(ctx, docs, who)
			saved += len(added)
			if err == nil {
				break
			}
			if ctx.Err() != nil || len(added) >= len(docs) || !refusable(err) {
				// Not one file's fault: the folder or the disk failed.
				return fmt.Errorf("import stopped after %d documents: %w", saved, err)
			}
			// Report the bad file and go on with the rest of the chunk.
			fmt.Fprintf(e.stderr, "skipped %s: %v\n", names[len(added)], err)
			skipped++
			docs, names = docs[len(added)+1:], names[len(added)+1:]
		}
		_ = bar.Add(len(chunk))
	}
	_ = bar.Finish()
	secs := time.Since(start).Seconds()
	fmt.Fprintf(e.stdout, "imported %d documents (%d skipped) in %.1fs, %.0f documents/s\n", saved, skipped, secs, float64(saved)/max(secs, 1e-9))
	return nil
}

func docsList(ctx context.Context, args []string, e env) error {
	f := newDocsFlags("list", "[--json]", e)
	asJSON := f.fs.Bool("json", false, "one JSON object per document")
	if err := f.parse(args); err != nil {
		return ignoreHelp(err)
	}
	lib, err := f.open(e)
	if err != nil {
		return err
	}
	docs, _, err := lib.Documents()
	if err != nil {
		return err
	}
	sort.SliceStable(docs, func(i, j int) bool { return strings.ToLower(docs[i].Title) < strings.ToLower(docs[j].Title) })
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		for _, d := range docs {
			item := struct {
				ID        string `json:"id"`
				Title     string `json:"title"`
				Outlet    string `json:"outlet"`
				Published string `json:"published"`
				Kind      string `json:"kind"`
				BuiltIn   bool   `json:"built_in"`
				Stored    bool   `json:"stored"`
				Passages  int    `json:"passages"`
			}{d.ID, d.Title, d.Outlet, d.Published, d.Kind, lib.IsBuiltIn(d.ID), lib.Stored(d.ID), len(d.Passages())}
			if err := enc.Encode(item); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tSOURCE\tDATE\tORIGIN")
	for _, d := range docs {
		origin := "added"
		switch {
		case lib.IsBuiltIn(d.ID) && lib.Stored(d.ID):
			origin = "built-in, overridden"
		case lib.IsBuiltIn(d.ID):
			origin = "built-in"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", d.ID, clip(d.Title, 60), clip(d.Outlet, 24), d.Published, origin)
	}
	return tw.Flush()
}

func docsRemove(ctx context.Context, args []string, e env) error {
	f := newDocsFlags("remove", "ID", e)
	if err := f.parse(args); err != nil {
		return ignoreHelp(err)
	}
	if f.fs.NArg() != 1 {
		return usageError{errors.New("docs remove needs one document id (see docs list)")}
	}
	lib, err := f.open(e)
	if err != nil {
		return err
	}
	id := f.fs.Arg(0)
	if _, _, err := lib.Remove(ctx, id, operator(e)); err != nil {
		return docError(id, err)
	}
	fmt.Fprintf(e.stdout, "removed %s\n", id)
	return nil
}

// readDocumentFile reads a .md or .txt file: a document in the corpus
// format, or plain text whose first line is the title unless title is
// given, when the whole file is the body.
func readDocumentFile(name, title string) (corpus.Document, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".md" && ext != ".txt" {
		return corpus.Document{}, fmt.Errorf("%s: unsupported file type %q (use .md or .txt)", name, ext)
	}
	f, err := os.Open(name)
	if err != nil {
		return corpus.Document{}, fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, corpus.MaxFileBytes+1))
	if err != nil {
		return corpus.Document{}, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > corpus.MaxFileBytes {
		return corpus.Document{}, fmt.Errorf("%s: %w: over %d bytes", name, corpus.ErrBodyTooBig, corpus.MaxFileBytes)
	}
	if strings.HasPrefix(strings.TrimPrefix(string(data), "\ufeff"), "---") {
		d, err := corpus.Parse(data)
		if err != nil {
			return corpus.Document{}, fmt.Errorf("%s: %w", name, err)
		}
		d.ID = "" // a new id is made from the title
		if title != "" {
			d.Title = title
		}
		return d, nil
	}
	if title != "" {
		d := corpus.Document{Title: title, Body: string(data), Kind: corpus.KindNote, Lang: "en"}.WithDefaults()
		return d, d.Validate()
	}
	return corpus.FromText(string(data))
}

// refusable reports whether err refuses one document (its text or fields)
// rather than saying the store failed.
func refusable(err error) bool {
	for _, target := range []error{corpus.ErrDuplicate, corpus.ErrTitle, corpus.ErrEmptyBody, corpus.ErrBodyTooBig,
		corpus.ErrInvalidUTF8, corpus.ErrDate, corpus.ErrID, corpus.ErrKind, corpus.ErrField, corpus.ErrQuestions, corpus.ErrFormat} {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

// docError explains a refused change and makes it exit status 1 or 2.
func docError(what string, err error) error {
	var dup *corpus.DuplicateError
	switch {
	case errors.As(err, &dup):
		return usageError{fmt.Errorf("%s: %w (summitbot docs remove %s to replace it)", what, err, dup.ID)}
	case errors.Is(err, corpus.ErrNotFound), errors.Is(err, corpus.ErrProtected),
		errors.Is(err, corpus.ErrTitle), errors.Is(err, corpus.ErrEmptyBody), errors.Is(err, corpus.ErrBodyTooBig),
		errors.Is(err, corpus.ErrInvalidUTF8), errors.Is(err, corpus.ErrDate), errors.Is(err, corpus.ErrID),
		errors.Is(err, corpus.ErrField), errors.Is(err, corpus.ErrQuestions), errors.Is(err, corpus.ErrFormat):
		return usageError{fmt.Errorf("%s: %w", what, err)}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// progressWriter is where progress goes: the terminal's stderr, or nowhere.
func progressWriter(e env) io.Writer {
	if isTerminal(e.stderr) {
		return e.stderr
	}
	return io.Discard
}

// ignoreHelp turns -h into success.
func ignoreHelp(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

// clip cuts s to n characters for a table.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
