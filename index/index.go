// Package index keeps corpus documents in a bleve index: the mapping,
// indexing and reconciling with the documents, and candidate retrieval with
// the features read from postings (per-field BM25 of each query clause,
// matched spans). It knows bleve and nothing of questions: reading a
// question and ranking its candidates happen above it (index/reading,
// index/answer).
package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/lang"
)

// Index is a searchable view of a set of documents. It is safe for
// concurrent use: questions are answered while documents are synced.
type Index struct {
	bi    bleve.Index
	path  string // "" for an in-memory index
	lang  *lang.Analyzer
	mapFP string

	closeOnce sync.Once

	writeMu sync.Mutex // serialises writes; guards man
	man     manifest

	mu       sync.RWMutex // guards state and lastSync
	state    *state
	lastSync SyncReport
}

// manifest records what the index holds: per document, the hash of the
// content indexed and its number of passages.
type manifest struct {
	Mapping string                 `json:"mapping"`
	Updated time.Time              `json:"updated"`
	Docs    map[string]manifestDoc `json:"docs"`
}

type manifestDoc struct {
	Hash     string `json:"hash"`
	Passages int    `json:"passages"`
}

var manifestKey = []byte("summitbot:manifest")

// IndexDirName is the folder, inside the data folder, that holds the index.
const IndexDirName = "index.bleve"

// batchPassages is how many passages go into one bleve batch.
const batchPassages = 1000

// Open opens the persistent index in dataDir (creating it when missing, and
// rebuilding it when it was built with another mapping or cannot be read),
// then reconciles it with docs.
func Open(ctx context.Context, dataDir string, docs []corpus.Document) (*Index, error) {
	path := filepath.Join(dataDir, IndexDirName)
	sc, err := defaultSchema()
	if err != nil {
		return nil, err
	}
	bi, err := bleve.OpenUsing(path, map[string]interface{}{"bolt_timeout": "2s"})
	if err != nil {
		bi = nil // bleve returns a typed nil
	}
	switch {
	case err == nil:
		if got := readManifest(bi).Mapping; got != sc.fingerprint {
			if cerr := bi.Close(); cerr != nil {
				return nil, fmt.Errorf("close outdated index %s: %w", path, cerr)
			}
			bi = nil
		}
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist):
	case strings.Contains(err.Error(), "timeout"):
		return nil, fmt.Errorf("open index %s: another process is using it: %w", path, err)
	default:
		// Unreadable: it is derived data, rebuild it.
	}
	if bi == nil {
		if err := os.RemoveAll(path); err != nil {
			return nil, fmt.Errorf("remove old index %s: %w", path, err)
		}
		if err := os.MkdirAll(dataDir, 0o755); err != nil {
			return nil, fmt.Errorf("create data folder %s: %w", dataDir, err)
		}
		bi, err = bleve.NewUsing(path, sc.mapping, scorch.Name, scorch.Name, nil)
		if err != nil {
			return nil, fmt.Errorf("create index %s: %w", path, err)
		}
	}
	return open(ctx, bi, path, sc, docs)
}

// OpenMem builds an in-memory index of docs (scorch, so BM25 applies).
func OpenMem(ctx context.Context, docs []corpus.Document) (*Index, error) {
	sc, err := defaultSchema()
	if err != nil {
		return nil, err
	}
	bi, err := bleve.NewUsing("", sc.mapping, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create in-memory index: %w", err)
	}
	return open(ctx, bi, "", sc, docs)
}

func open(ctx context.Context, bi bleve.Index, path string, sc *schema, docs []corpus.Document) (*Index, error) {
	ix := &Index{bi: bi, path: path, state: emptyState(), lang: sc.lang, mapFP: sc.fingerprint}
	ix.man = readManifest(bi)
	if ix.man.Mapping != ix.mapFP || ix.man.Docs == nil {
		ix.man = manifest{Mapping: ix.mapFP, Docs: map[string]manifestDoc{}}
	}
	if _, err := ix.Sync(ctx, docs); err != nil {
		_ = bi.Close()
		return nil, err
	}
	return ix, nil
}

// Close releases the index; closing it again does nothing.
func (ix *Index) Close() error {
	var err error
	ix.closeOnce.Do(func() { err = ix.bi.Close() })
	if err != nil {
		return fmt.Errorf("close index %s: %w", ix.path, err)
	}
	return nil
}

// SyncReport counts what a Sync, Put or Delete changed.
type SyncReport struct {
	Added, Updated, Removed, Unchanged int
	Passages                           int // passages written
}

// Changed reports whether the index changed.
func (r SyncReport) Changed() bool { return r.Added+r.Updated+r.Removed > 0 }

// Sync makes the index hold exactly docs: documents missing from the index
// are indexed, changed ones re-indexed, others' passages deleted. Questions
// answered meanwhile see each document whole, before or after its change.
func (ix *Index) Sync(ctx context.Context, docs []corpus.Document) (SyncReport, error) {
	want := make(map[string]bool, len(docs))
	for _, d := range docs {
		if want[d.ID] {
			return SyncReport{}, fmt.Errorf("sync index: %w: two documents with id %q", corpus.ErrID, d.ID)
		}
		want[d.ID] = true
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	var gone []string
	for id := range ix.man.Docs {
		if !want[id] {
			gone = append(gone, id)
		}
	}
	return ix.write(ctx, docs, gone)
}

// Put indexes documents, new or changed; unchanged ones are left as they are.
func (ix *Index) Put(ctx context.Context, docs ...corpus.Document) (SyncReport, error) {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	return ix.write(ctx, docs, nil)
}

// Delete removes documents from the index; unknown ids are ignored.
func (ix *Index) Delete(ctx context.Context, ids ...string) (SyncReport, error) {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	return ix.write(ctx, nil, ids)
}

// write indexes puts (those whose hash changed) and deletes dels, in
// batches that each carry the manifest as it stands after them, then
// publishes the new state. The caller holds writeMu.
func (ix *Index) write(ctx context.Context, puts []corpus.Document, dels []string) (rep SyncReport, err error) {
	// The manifest in memory must only ever say what bleve holds: when a
	// write stops between batches (cancelled, or a batch failed), read
	// back the one the last batch stored.
	defer func() {
		if err != nil {
			ix.man = readManifest(ix.bi)
			if ix.man.Mapping != ix.mapFP || ix.man.Docs == nil {
				ix.man = manifest{Mapping: ix.mapFP, Docs: map[string]manifestDoc{}}
			}
		}
	}()
	st := ix.current()
	next := st.edit(ix.lang)
	b := ix.bi.NewBatch()
	pending := 0
	flush := func() error {
		if pending == 0 {
			return nil
		}
		ix.man.Updated = time.Now().UTC()
		data, err := json.Marshal(ix.man)
		if err != nil {
			return fmt.Errorf("encode manifest: %w", err)
		}
		b.SetInternal(manifestKey, data)
		if err := ix.bi.Batch(b); err != nil {
			return fmt.Errorf("index batch in %s: %w", ix.path, err)
		}
		// A new batch, not b.Reset(): scorch's Batch leaves a goroutine
		// ranging over the batch's map with no synchronisation after it
		// returns, and Reset writes that map (a data race under -race).
		b = ix.bi.NewBatch()
		pending = 0
		return nil
	}
	for _, id := range dels {
		old, ok := ix.man.Docs[id]
		if !ok {
			continue
		}
		for n := 1; n <= old.Passages; n++ {
			b.Delete(corpus.PassageID(id, n))
		}
		delete(ix.man.Docs, id)
		next.remove(id)
		rep.Removed++
		pending += max(old.Passages, 1)
	}
	// In id order, so that batches are reproducible.
	sorted := append([]corpus.Document(nil), puts...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	hashes := hashAll(sorted)
	var changed []int // of sorted, those to index
	for i, d := range sorted {
		old, had := ix.man.Docs[d.ID]
		if had && old.Hash == hashes[i] {
			rep.Unchanged++
			if _, ok := st.docs[d.ID]; !ok {
				next.put(d) // indexed by an earlier run: only the state lacks it
			}
			continue
		}
		changed = append(changed, i)
	}
	// What bleve indexes for each passage (analysed for alias keys) is
	// built ahead, a window of documents at a time on every core; the
	// documents then go into batches in order, as before.
	const window = 256
	var prepared [][]map[string]interface{}
	for w, i := range changed {
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("index documents: %w", err)
		}
		if w%window == 0 {
			prepared = ix.passageDocs(sorted, changed[w:min(w+window, len(changed))])
		}
		d, hash, docs := sorted[i], hashes[i], prepared[w%window]
		old, had := ix.man.Docs[d.ID]
		ps := d.Passages()
		for n := len(ps) + 1; n <= old.Passages; n++ {
			b.Delete(corpus.PassageID(d.ID, n))
		}
		for i, p := range ps {
			if err := b.Index(p.ID(), docs[i]); err != nil {
				return rep, fmt.Errorf("index passage %s: %w", p.ID(), err)
			}
		}
		ix.man.Docs[d.ID] = manifestDoc{Hash: hash, Passages: len(ps)}
		next.put(d)
		if had {
			rep.Updated++
		} else {
			rep.Added++
		}
		rep.Passages += len(ps)
		pending += max(len(ps), 1)
		if pending >= batchPassages {
			if err := flush(); err != nil {
				return rep, err
			}
		}
	}
	if err := flush(); err != nil {
		return rep, err
	}
	next.next.updated = ix.man.Updated
	pub := next.done()
	if err := ix.weighQuestions(pub); err != nil {
		return rep, err
	}
	ix.mu.Lock()
	ix.state = pub
	ix.lastSync = rep
	ix.mu.Unlock()
	return rep, nil
}

// hashAll returns the hash of each document, hashing on every core: at
// Open every document is hashed to find what changed.
func hashAll(docs []corpus.Document) []string {
	out := make([]string, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs)/64+1)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				out[i] = docs[i].Hash()
			}
		})
	}
	wg.Wait()
	return out
}

// passageDocs returns, for each of docs[at[i]], what bleve indexes for its
// passages, building them on every core.
func (ix *Index) passageDocs(docs []corpus.Document, at []int) [][]map[string]interface{} {
	out := make([][]map[string]interface{}, len(at))
	workers := min(runtime.GOMAXPROCS(0), len(at))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for j := w; j < len(at); j += workers {
				d := docs[at[j]]
				ps := d.Passages()
				out[j] = make([]map[string]interface{}, len(ps))
				for i, p := range ps {
					prev := ""
					if i > 0 {
						prev = ps[i-1].Text
					}
					out[j][i] = ix.passageDoc(d, p, prev)
				}
			}
		})
	}
	wg.Wait()
	return out
}

// passageDoc is what bleve indexes for one passage.
func (ix *Index) passageDoc(d corpus.Document, p corpus.Passage, prev string) map[string]interface{} {
	ctx := strings.TrimSpace(strings.Join([]string{p.Section, d.Title, prev}, "\n"))
	doc := map[string]interface{}{
		FieldText:    p.Text,
		FieldContext: ctx,
		fieldDocID:   d.ID,
		fieldKind:    d.Kind,
		FieldAliases: ix.lang.Aliases().Keys(p.Text, ix.lang.Terms(p.Text)),
	}
	if len(p.Questions) > 0 {
		doc[FieldQuestions] = strings.Join(p.Questions, "\n")
	}
	return doc
}

// weighQuestions gives st the weight (text IDF, as the index now counts
// it) of every word of its passage questions, so that comparing a question
// with them needs no postings read at question time.
func (ix *Index) weighQuestions(st *state) error {
	words := map[string]bool{}
	for _, qs := range st.questions {
		for _, pq := range qs {
			for _, q := range pq {
				for _, t := range q {
					words[t] = true
				}
			}
		}
	}
	st.questionIDF = make(map[string]float64, len(words))
	if len(words) == 0 {
		return nil
	}
	adv, err := ix.bi.Advanced()
	if err != nil {
		return fmt.Errorf("read index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("read index: %w", err)
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return fmt.Errorf("count passages: %w", err)
	}
	for t := range words {
		tfr, err := r.TermFieldReader(context.Background(), []byte(t), FieldText, false, false, false)
		if err != nil {
			return fmt.Errorf("read postings of %s: %w", t, err)
		}
		df := tfr.Count()
		_ = tfr.Close()
		st.questionIDF[t] = idf(n, df)
	}
	return nil
}

// idf is BM25's inverse document frequency of a term in df of n passages.
func idf(n, df uint64) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

func readManifest(bi bleve.Index) manifest {
	var man manifest
	data, err := bi.GetInternal(manifestKey)
	if err != nil || len(data) == 0 {
		return man
	}
	if json.Unmarshal(data, &man) != nil {
		return manifest{}
	}
	return man
}

func (ix *Index) current() *state {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.state
}

// LastSync reports what the latest Sync (or the one Open ran) changed.
func (ix *Index) LastSync() SyncReport {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.lastSync
}

// Documents returns every indexed document, sorted by title.
func (ix *Index) Documents() []corpus.Document {
	st := ix.current()
	return append([]corpus.Document(nil), st.byTitle...)
}

// Document returns the indexed document with the given id.
func (ix *Index) Document(id string) (corpus.Document, bool) {
	d, ok := ix.current().docs[id]
	return d, ok
}

// Lang returns the analysis the index was built with: questions must be
// read with it.
func (ix *Index) Lang() *lang.Analyzer { return ix.lang }

// Stats tells how much the index holds and when it last changed.
func (ix *Index) Stats() Stats {
	st := ix.current()
	return Stats{Documents: len(st.docs), Passages: st.npassages, Updated: st.updated}
}
