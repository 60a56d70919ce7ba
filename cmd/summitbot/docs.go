package main

import (
	"context"
	"encoding/json"
	"errors"
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
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/library"
)

// importChunk is how many files docs import stores before indexing them.
const importChunk = 500

// docsCommand is one of the docs commands; dataDir is the --data given
// before it (or its default).
type docsCommand struct {
	args, summary string
	run           func(ctx context.Context, args []string, e env, dataDir string) error
}

func docsCommands() map[string]docsCommand {
	return map[string]docsCommand{
		"add":    {"FILE...", "add documents: .md in the corpus format, or text whose first line is the title", docsAdd},
		"update": {"ID FILE", "replace document ID with FILE (a built-in document is overridden)", docsUpdate},
		"import": {"PATH...", "add every .md and .txt file in folders, and the files given", docsImport},
		"list":   {"", "list the documents", docsList},
		"remove": {"ID", "remove an added document, or the override of a built-in one", docsRemove},
		"export": {"DIR", "write every added or overridden document into DIR, one corpus-format file each", docsExport},
	}
}

// docsNames are the docs commands in the order their help lists them.
var docsNames = []string{"add", "update", "import", "list", "remove", "export"}

const docsFilesAbout = `Files are .md or .txt: a document in the corpus format (a YAML header
between --- lines; every field optional but title, kind defaulting to note),
or plain text whose first line is the title unless --title is given.`

// runDocs manages the documents moderators add, on the same documents
// folder the bot uses: add, update, import, list, remove. It works whether
// or not the bot runs; a running bot picks the changes up within seconds.
func runDocs(ctx context.Context, args []string, e env) error {
	subs := docsCommands()
	var about strings.Builder
	about.WriteString("Adds, updates, lists and removes the documents summitbot answers from, in the\nsame data folder the bot uses (or in PostgreSQL when DATABASE_URL is set),\nwhether or not it runs.\n\nCommands:\n")
	for _, n := range docsNames {
		fmt.Fprintf(&about, "  %-16s %s\n", strings.TrimSpace(n+" "+subs[n].args), subs[n].summary)
	}
	about.WriteString("\n" + docsFilesAbout + "\nRun 'summitbot docs COMMAND --help' for a command's flags.")
	top := newFlags(e, "docs", "COMMAND [arguments] [flags]", about.String())
	top.SetInterspersed(false) // flags after COMMAND are the command's
	dataDir := top.dataFlag(dataDirDefault(e.getenv), "data folder")
	if err := top.parse(args); err != nil {
		return err
	}
	rest := top.Args()
	if len(rest) == 0 {
		return usageError{err: errors.New("docs needs a command: add, update, import, list, remove or export"), usage: top.usage()}
	}
	name := rest[0]
	if name == "help" {
		if len(rest) == 1 {
			fmt.Fprint(e.stdout, top.usage())
			return errHelp
		}
		name, rest = rest[1], []string{rest[1], "--help"}
	}
	sub, ok := subs[name]
	if !ok {
		return usageError{err: fmt.Errorf("unknown docs command %q", name), usage: top.usage()}
	}
	return sub.run(ctx, rest[1:], e, *dataDir)
}

// docsFlags are a docs command's flags: --data, and the command's own.
type docsFlags struct {
	*flagSet
	dataDir *string
}

func newDocsFlags(e env, name, about, dataDir string) docsFlags {
	fs := newFlags(e, "docs "+name, docsCommands()[name].args, about)
	return docsFlags{flagSet: fs, dataDir: fs.dataFlag(dataDir, "data folder")}
}

// open opens the documents, without the index: the documents folder, or
// PostgreSQL when DATABASE_URL is set. The docs commands only change the
// stored documents (under the storage's lock), and a running bot indexes
// the change within seconds. It also returns the body limit in force, and
// a function to call when done.
func (f docsFlags) open(ctx context.Context, e env) (*library.Collection, int, func(), error) {
	log, err := newLogger(e.stderr, e.getenv, slog.LevelWarn)
	if err != nil {
		return nil, 0, nil, err
	}
	maxBody, err := maxDocumentBytes(e.getenv)
	if err != nil {
		return nil, 0, nil, err
	}
	base, err := corpus.Default()
	if err != nil {
		return nil, 0, nil, err
	}
	st, err := openStorage(ctx, e.getenv, false, log)
	if err != nil {
		return nil, 0, nil, err
	}
	done := func() {
		if st != nil {
			st.Close()
		}
	}
	lib, err := library.OpenCollection(library.Config{DataDir: *f.dataDir, Base: base, MaxBodyBytes: maxBody, Log: log, Storage: storage(st)})
	if err != nil {
		done()
		return nil, 0, nil, err
	}
	if maxBody == 0 {
		maxBody = corpus.MaxBodyBytes
	}
	return lib, maxBody, done, nil
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

// editFlags are the flags of add and update that set a document's fields.
type editFlags struct {
	title, source, url, published, questions *string
}

func newEditFlags(f docsFlags) editFlags {
	return editFlags{
		title:     f.String("title", "", "the `TITLE` (one file only; default: the file's header or first line)"),
		source:    f.String("source", "", "the outlet or `SOURCE` of the document"),
		url:       f.String("url", "", "the `URL` of the original"),
		published: f.String("published", "", "publication date, `YYYY-MM-DD`"),
		questions: f.String("questions", "", "`FILE` of the questions the document answers, one a line: \"N: question\" for paragraph N (one file only)"),
	}
}

// apply sets the fields the flags give on d.
func (ef editFlags) apply(d *corpus.Document) error {
	if *ef.title != "" {
		d.Title = *ef.title
	}
	if *ef.source != "" {
		d.Outlet = *ef.source
	}
	if *ef.url != "" {
		d.URL = *ef.url
	}
	if *ef.published != "" {
		d.Published = *ef.published
	}
	if *ef.questions != "" {
		data, err := readFile(*ef.questions, 1<<20)
		if err != nil {
			return usageError{err: fmt.Errorf("--questions %w", err)}
		}
		qs, err := corpus.ParseQuestionLines(string(data), len(d.Passages()))
		if err != nil {
			return usageError{err: fmt.Errorf("--questions %s: %w", *ef.questions, err)}
		}
		d.Questions = qs
	}
	return nil
}

func docsAdd(ctx context.Context, args []string, e env, dataDir string) error {
	f := newDocsFlags(e, "add", "Adds documents, each reported once it is saved and searchable.\n\n"+docsFilesAbout+
		"\nAn id: in the header is kept when no other document has it.", dataDir)
	ef := newEditFlags(f)
	if err := f.parse(args); err != nil {
		return err
	}
	files := f.Args()
	switch {
	case len(files) == 0:
		return f.fail(errors.New("docs add needs at least one file"))
	case *ef.title != "" && len(files) > 1:
		return f.fail(errors.New("--title applies to one file only"))
	case *ef.questions != "" && len(files) > 1:
		return f.fail(errors.New("--questions applies to one file only"))
	}
	var docs []corpus.Document
	for _, name := range files {
		d, err := readDocumentFile(name, *ef.title)
		if err != nil {
			return usageError{err: err}
		}
		if err := ef.apply(&d); err != nil {
			return err
		}
		docs = append(docs, d)
	}
	lib, maxBody, done, err := f.open(ctx, e)
	if err != nil {
		return err
	}
	defer done()
	who := operator(e)
	for i, d := range docs {
		// One at a time, each reported once it is on disk and indexed.
		saved, err := lib.AddWithIDs(ctx, []corpus.Document{d}, who)
		if err != nil {
			return docError(lib, files[i], d, maxBody, err)
		}
		fmt.Fprintf(e.stdout, "saved %s\t%s\n", saved[0].ID, saved[0].Title)
	}
	return nil
}

func docsUpdate(ctx context.Context, args []string, e env, dataDir string) error {
	f := newDocsFlags(e, "update", `Replaces document ID (see summitbot docs list) with FILE: its title and text,
and the header fields the file gives (source, date, link, ...). Fields the
file and the flags leave out are kept, and so are the passage questions
unless the file or --questions gives new ones. Updating a built-in document
stores an override of it; removing the override brings the built-in back.

`+docsFilesAbout, dataDir)
	ef := newEditFlags(f)
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() != 2 {
		return f.fail(errors.New("docs update needs a document id and a file (ids: summitbot docs list)"))
	}
	id, file := f.Arg(0), f.Arg(1)
	d, err := readDocumentFile(file, *ef.title)
	if err != nil {
		return usageError{err: err}
	}
	if d.ID != "" && d.ID != id {
		return usageError{err: fmt.Errorf("%s: its header has id: %s, not %s; correct the id: line or remove it", file, d.ID, id)}
	}
	lib, maxBody, done, err := f.open(ctx, e)
	if err != nil {
		return err
	}
	defer done()
	old, ok := lib.Document(id)
	if !ok {
		return usageError{err: fmt.Errorf("%s: no such document (summitbot docs list shows the ids)", id)}
	}
	d.ID = id
	keep := func(s *string, was string) {
		if *s == "" {
			*s = was
		}
	}
	keep(&d.Outlet, old.Outlet)
	keep(&d.Author, old.Author)
	keep(&d.Published, old.Published)
	keep(&d.URL, old.URL)
	keep(&d.Kind, old.Kind)
	keep(&d.Lang, old.Lang)
	if len(d.Sources) == 0 {
		d.Sources = old.Sources
	}
	if len(d.Questions) == 0 {
		d.Questions = old.Questions
	}
	if err := ef.apply(&d); err != nil {
		return err
	}
	saved, err := lib.Update(ctx, d, operator(e))
	if err != nil {
		return docError(lib, file, d, maxBody, err)
	}
	note := ""
	if lib.IsBuiltIn(id) {
		note = "\t(overrides the built-in document; docs remove " + id + " restores it)"
	}
	fmt.Fprintf(e.stdout, "updated %s\t%s%s\n", saved.ID, saved.Title, note)
	return nil
}

func docsImport(ctx context.Context, args []string, e env, dataDir string) error {
	f := newDocsFlags(e, "import", `Adds every .md and .txt file below each folder given, and each file given,
with progress on a terminal. Files that cannot be added are reported and
skipped, the others imported; the exit status is then 1.

`+docsFilesAbout, dataDir)
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() == 0 {
		return f.fail(errors.New("docs import needs a folder or a file"))
	}
	var files []string
	skippedLinks := 0
	for _, path := range f.Args() {
		info, err := os.Stat(path)
		if err != nil {
			return usageError{err: fileError(path, err)}
		}
		if !info.IsDir() {
			files = append(files, path)
			continue
		}
		var found []string
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			ext := strings.ToLower(filepath.Ext(p))
			if d.IsDir() || ext != ".md" && ext != ".txt" {
				return nil
			}
			// Only regular files: a symbolic link may point anywhere (a
			// secret would be quoted publicly), and devices or pipes are
			// no documents.
			if !d.Type().IsRegular() {
				fmt.Fprintf(e.stderr, "skipped %s: not a regular file (a symbolic link, device or pipe); copy the file itself into the folder\n", p)
				skippedLinks++
				return nil
			}
			found = append(found, p)
			return nil
		})
		if err != nil {
			return usageError{err: fmt.Errorf("read folder %s: %w", path, err)}
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	lib, maxBody, done, err := f.open(ctx, e)
	if err != nil {
		return err
	}
	defer done()
	bar := progressbar.NewOptions(len(files),
		progressbar.OptionSetWriter(progressWriter(e)),
		progressbar.OptionSetDescription("importing"),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish())
	start := time.Now()
	saved, skipped := 0, skippedLinks
	who := operator(e)
	for i := 0; i < len(files); i += importChunk {
		chunk := files[i:min(i+importChunk, len(files))]
		var docs []corpus.Document
		var names []string
		for _, name := range chunk {
			d, err := readDocumentFile(name, "")
			if err != nil {
				fmt.Fprintf(e.stderr, "skipped %v\n", err)
				skipped++
				continue
			}
			docs = append(docs, d)
			names = append(names, name)
		}
		if len(docs) > 0 {
			added, refused, err := lib.Import(ctx, docs, who)
			if err != nil {
				// Not one file's fault: the folder or the disk failed.
				return fmt.Errorf("import stopped after %d documents: %w", saved, err)
			}
			saved += len(added)
			for _, r := range refused {
				fmt.Fprintf(e.stderr, "skipped %v\n", docError(lib, names[r.Index], docs[r.Index], maxBody, r.Err))
				skipped++
			}
		}
		_ = bar.Add(len(chunk))
	}
	_ = bar.Finish()
	took := time.Since(start)
	rate := ""
	if saved > 0 {
		rate = fmt.Sprintf(", %.0f documents/s", float64(saved)/max(took.Seconds(), 1e-6))
	}
	fmt.Fprintf(e.stdout, "imported %d documents (%d skipped) in %s%s\n", saved, skipped, duration(took), rate)
	if skipped > 0 {
		return fmt.Errorf("%d of %d files skipped (listed above), %d imported", skipped, len(files)+skippedLinks, saved)
	}
	return nil
}

// duration writes a duration for people: 45ms, 2.3s, 1m5s.
func duration(d time.Duration) string {
	switch {
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < time.Minute:
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}

func docsList(ctx context.Context, args []string, e env, dataDir string) error {
	f := newDocsFlags(e, "list", "Lists the documents: id, title, source, date, and whether each is built in,\nadded, or a built-in one overridden.", dataDir)
	asJSON := f.Bool("json", false, "one JSON object per document")
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() != 0 {
		return f.fail(fmt.Errorf("docs list takes no arguments, got %q", f.Args()))
	}
	lib, _, done, err := f.open(ctx, e)
	if err != nil {
		return err
	}
	defer done()
	docs, _, err := lib.Documents()
	if err != nil {
		return err
	}
	kept, err := lib.StoredDocuments(ctx)
	if err != nil {
		return err
	}
	stored := make(map[string]bool, len(kept))
	for _, d := range kept {
		stored[d.ID] = true
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
			}{d.ID, d.Title, d.Outlet, d.Published, d.Kind, lib.IsBuiltIn(d.ID), stored[d.ID], len(d.Passages())}
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
		case lib.IsBuiltIn(d.ID) && stored[d.ID]:
			origin = "built-in, overridden"
		case lib.IsBuiltIn(d.ID):
			origin = "built-in"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", d.ID, clip(d.Title, 60), clip(d.Outlet, 24), d.Published, origin)
	}
	return tw.Flush()
}

func docsRemove(ctx context.Context, args []string, e env, dataDir string) error {
	f := newDocsFlags(e, "remove", "Removes an added document, or a moderator's override of a built-in one (the\nbuilt-in one then answers again). Built-in documents cannot be removed.", dataDir)
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() != 1 {
		return f.fail(errors.New("docs remove needs one document id (see summitbot docs list)"))
	}
	lib, maxBody, done, err := f.open(ctx, e)
	if err != nil {
		return err
	}
	defer done()
	id := f.Arg(0)
	if _, _, err := lib.Remove(ctx, id, operator(e)); err != nil {
		return docError(lib, id, corpus.Document{ID: id}, maxBody, err)
	}
	fmt.Fprintf(e.stdout, "removed %s\n", id)
	return nil
}

func docsExport(ctx context.Context, args []string, e env, dataDir string) error {
	f := newDocsFlags(e, "export", `Writes every document moderators added or overrode (not the built-in corpus)
into DIR, one file per document named by its id, in the corpus format: what
'summitbot docs import DIR' reads back, into the documents folder or into
PostgreSQL (DATABASE_URL), whichever is configured. Files of the same name
in DIR are replaced.`, dataDir)
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() != 1 {
		return f.fail(errors.New("docs export needs one folder to write into"))
	}
	lib, _, done, err := f.open(ctx, e)
	if err != nil {
		return err
	}
	defer done()
	docs, err := lib.StoredDocuments(ctx)
	if err != nil {
		return err
	}
	out, err := corpus.OpenStore(f.Arg(0))
	if err != nil {
		return usageError{err: fmt.Errorf("%s: cannot write there: %w", f.Arg(0), err)}
	}
	for _, d := range docs {
		if err := out.Put(d); err != nil {
			return fmt.Errorf("export %s: %w", d.ID, err)
		}
	}
	fmt.Fprintf(e.stdout, "exported %d documents to %s\n", len(docs), f.Arg(0))
	return nil
}

// readDocumentFile reads a .md or .txt file an operator gives: a document
// in the corpus format (id and kind optional: an id left out is made from
// the title), or plain text whose first line is the title, unless title
// is given: then the whole text is the body. Its errors name the file once
// and say what is wrong and what to do.
func readDocumentFile(name, title string) (corpus.Document, error) {
	info, err := os.Stat(name)
	if err != nil {
		return corpus.Document{}, fileError(name, err)
	}
	if info.IsDir() {
		return corpus.Document{}, fmt.Errorf("%s: is a folder, not a file (summitbot docs import %s adds the files in it)", name, name)
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case ext == "":
		return corpus.Document{}, fmt.Errorf("%s: the file name has no extension; name it .md (corpus format) or .txt (plain text)", name)
	case ext != ".md" && ext != ".txt":
		return corpus.Document{}, fmt.Errorf("%s: unsupported file type %q; use .md (corpus format) or .txt (plain text)", name, ext)
	}
	if info.Size() > corpus.MaxFileBytes {
		return corpus.Document{}, fmt.Errorf("%s: the file is %s, and a document's text may be at most %s; split it into several files", name, byteSize(int(info.Size())), byteSize(corpus.MaxBodyBytes))
	}
	data, err := readFile(name, corpus.MaxFileBytes)
	if err != nil {
		return corpus.Document{}, err
	}
	if !utf8.Valid(data) {
		return corpus.Document{}, fmt.Errorf("%s: not UTF-8 text (first bad byte on line %d); save it as UTF-8 and try again", name, badLine(data))
	}
	var d corpus.Document
	if strings.HasPrefix(strings.TrimPrefix(string(data), "\ufeff"), "---") {
		d, err = corpus.ParseDraft(data)
	} else if title != "" {
		d = corpus.Document{Title: title, Body: strings.TrimSpace(strings.TrimPrefix(string(data), "\ufeff"))}
		err = d.WithDefaults().Validate()
	} else {
		d, err = corpus.FromText(string(data))
		d.ID, d.Kind, d.Lang = "", "", "" // defaults when added, kept when updating
	}
	if errors.Is(err, corpus.ErrBodyTooBig) {
		return corpus.Document{}, fmt.Errorf("%s: the file is %s, and a document's text may be at most %s; split it into several files", name, byteSize(len(data)), byteSize(corpus.MaxBodyBytes))
	}
	if err != nil {
		return corpus.Document{}, fmt.Errorf("%s: %w", name, err)
	}
	return d, nil
}

// readFile reads a file of at most limit bytes; its errors name the file
// once and say what to do.
func readFile(name string, limit int) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fileError(name, err)
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, fmt.Errorf("%s: is a folder, not a file", name)
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, fileError(name, err)
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%s: the file is over %s, more than a document may be; split it into several files", name, byteSize(limit))
	}
	return data, nil
}

// fileError says why a file could not be read, naming it once.
func fileError(name string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file or folder; check the name and the current folder", name)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied; check the file's permissions", name)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: cannot be read: %w", name, err)
}

// badLine is the line number of the first byte of data that is not UTF-8.
func badLine(data []byte) int {
	line := 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		if r == '\n' {
			line++
		}
		i += n
	}
	return line
}

// byteSize writes a size in bytes for people: 900 bytes, 12 KiB, 1 MiB.
func byteSize(n int) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/(1<<10)), ".0") + " KiB"
	}
	return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/(1<<20)), ".0") + " MiB"
}

// docError explains a refused change to document d, read from what (a
// file, or the id given), and makes it exit status 1 or 2: what is wrong
// and what to do.
func docError(lib *library.Collection, what string, d corpus.Document, maxBody int, err error) error {
	var dup *corpus.DuplicateError
	switch {
	case errors.As(err, &dup):
		return usageError{err: fmt.Errorf("%s: %w (summitbot docs update %s FILE changes that one)", what, err, dup.ID)}
	case errors.Is(err, corpus.ErrExists):
		owner := "another document"
		if o, ok := lib.Document(d.ID); ok {
			owner = fmt.Sprintf("%q", o.Title)
		}
		return usageError{err: fmt.Errorf("%s: the id %s (its header's id: line) belongs to %s; to replace that document: summitbot docs update %s %s; to add this one beside it, remove the id: line", what, d.ID, owner, d.ID, what)}
	case errors.Is(err, corpus.ErrBodyTooBig):
		return usageError{err: fmt.Errorf("%s: the text is %s, over the limit of %s (MAX_DOCUMENT_BYTES); split it into several documents", what, byteSize(len(d.Body)), byteSize(maxBody))}
	case errors.Is(err, corpus.ErrNotFound):
		return usageError{err: fmt.Errorf("%s: no such document (summitbot docs list shows the ids)", what)}
	case errors.Is(err, corpus.ErrProtected):
		return usageError{err: fmt.Errorf("%s: %w (summitbot docs update %s FILE)", what, err, d.ID)}
	case errors.Is(err, corpus.ErrTitle), errors.Is(err, corpus.ErrEmptyBody),
		errors.Is(err, corpus.ErrInvalidUTF8), errors.Is(err, corpus.ErrDate), errors.Is(err, corpus.ErrID),
		errors.Is(err, corpus.ErrKind), errors.Is(err, corpus.ErrQuestions), errors.Is(err, corpus.ErrField),
		errors.Is(err, corpus.ErrFormat):
		return usageError{err: fmt.Errorf("%s: %w", what, err)}
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

// clip cuts s to n characters for a table.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
