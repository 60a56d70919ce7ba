package index

import (
	"sort"
	"strings"
	"time"

	"github.com/summitbot/summitbot/corpus"
)

// state is what a question reads: the documents, their passages and the
// vocabulary. It is never changed once published; a write builds the next
// one (copying maps of documents, not of passages or terms when it can) and
// swaps it in, so a reader never sees half of a change.
type state struct {
	docs      map[string]corpus.Document
	passages  map[string][]corpus.Passage // by document id
	byTitle   []corpus.Document
	npassages int
	vocab     *vocabulary
	updated   time.Time
}

func emptyState() *state {
	return &state{docs: map[string]corpus.Document{}, passages: map[string][]corpus.Passage{}}
}

// passage returns the passage with id "docID#N".
func (st *state) passage(id string) (corpus.Passage, bool) {
	docID, n, ok := corpus.ParsePassageID(id)
	if !ok {
		return corpus.Passage{}, false
	}
	ps := st.passages[docID]
	if n > len(ps) {
		return corpus.Passage{}, false
	}
	return ps[n-1], true
}

// vocabReloadPassages is the size of change above which the vocabulary is
// read again from the index rather than patched.
const vocabReloadPassages = 2000

// stateEdit builds the state after a write.
type stateEdit struct {
	base, next *state
	added      []corpus.Passage // passages written, for the vocabulary
	removed    []corpus.Passage // passages deleted or replaced
	titles     bool             // byTitle must be rebuilt
}

func (st *state) edit() *stateEdit {
	next := &state{
		docs:      make(map[string]corpus.Document, len(st.docs)+1),
		passages:  make(map[string][]corpus.Passage, len(st.passages)+1),
		byTitle:   st.byTitle,
		npassages: st.npassages,
		vocab:     st.vocab,
		updated:   st.updated,
	}
	for id, d := range st.docs {
		next.docs[id] = d
	}
	for id, ps := range st.passages {
		next.passages[id] = ps
	}
	return &stateEdit{base: st, next: next}
}

func (e *stateEdit) put(d corpus.Document) {
	e.remove(d.ID)
	ps := d.Passages()
	e.next.docs[d.ID] = d
	e.next.passages[d.ID] = ps
	e.next.npassages += len(ps)
	e.added = append(e.added, ps...)
	e.titles = true
}

func (e *stateEdit) remove(id string) {
	if _, ok := e.next.docs[id]; !ok {
		return
	}
	old := e.next.passages[id]
	e.removed = append(e.removed, old...)
	e.next.npassages -= len(old)
	delete(e.next.docs, id)
	delete(e.next.passages, id)
	e.titles = true
}

// done finishes the next state: documents sorted by title, and the
// vocabulary patched with the passages written and deleted, or read again
// from the index after a large change.
func (e *stateEdit) done(ix *Index) (*state, error) {
	next := e.next
	if e.titles {
		next.byTitle = make([]corpus.Document, 0, len(next.docs))
		for _, d := range next.docs {
			next.byTitle = append(next.byTitle, d)
		}
		sort.Slice(next.byTitle, func(i, j int) bool {
			a, b := strings.ToLower(next.byTitle[i].Title), strings.ToLower(next.byTitle[j].Title)
			if a != b {
				return a < b
			}
			return next.byTitle[i].ID < next.byTitle[j].ID
		})
	}
	switch {
	case next.vocab == nil || len(e.added)+len(e.removed) > vocabReloadPassages:
		v, err := loadVocabulary(ix.bi, ix.common)
		if err != nil {
			return nil, err
		}
		next.vocab = v
	case len(e.added)+len(e.removed) > 0:
		next.vocab = next.vocab.patched(ix, next, e.added, e.removed)
	}
	return next, nil
}

// passageOf returns the passage with id, or the zero passage.
func passageOf(st *state, id string) corpus.Passage {
	p, _ := st.passage(id)
	return p
}
