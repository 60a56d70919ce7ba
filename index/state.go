package index

import (
	"sort"
	"strings"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/lang"
)

// state is what a question reads of the documents: the documents and their
// passages (terms are read from the index itself, see vocabulary). It is
// never changed once published; a write builds the next one (copying maps
// of documents, not of passages) and swaps it in, so a reader never sees
// half of a change.
type state struct {
	docs     map[string]corpus.Document
	passages map[string][]corpus.Passage // by document id
	// questions holds, by document id, each passage's questions analysed
	// (only for documents that have some).
	questions map[string][][][]string
	// questionIDF weighs the words of the passage questions (see
	// Index.weighQuestions).
	questionIDF map[string]float64
	byTitle     []corpus.Document
	npassages   int
	updated     time.Time
}

func emptyState() *state {
	return &state{docs: map[string]corpus.Document{}, passages: map[string][]corpus.Passage{}, questions: map[string][][][]string{}}
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

// questionTerms returns the analysed questions of the passage with id.
func (st *state) questionTerms(id string) [][]string {
	docID, n, ok := corpus.ParsePassageID(id)
	if !ok {
		return nil
	}
	qs := st.questions[docID]
	if n > len(qs) {
		return nil
	}
	return qs[n-1]
}

// stateEdit builds the state after a write.
type stateEdit struct {
	lang       *lang.Analyzer
	base, next *state
	titles     bool            // byTitle must be rebuilt
	changed    map[string]bool // ids put or removed
}

func (st *state) edit(lg *lang.Analyzer) *stateEdit {
	next := &state{
		docs:      make(map[string]corpus.Document, len(st.docs)+1),
		passages:  make(map[string][]corpus.Passage, len(st.passages)+1),
		questions: make(map[string][][][]string, len(st.questions)+1),
		byTitle:   st.byTitle,
		npassages: st.npassages,
		updated:   st.updated,
	}
	for id, d := range st.docs {
		next.docs[id] = d
	}
	for id, ps := range st.passages {
		next.passages[id] = ps
	}
	for id, qs := range st.questions {
		next.questions[id] = qs
	}
	return &stateEdit{lang: lg, base: st, next: next, changed: map[string]bool{}}
}

func (e *stateEdit) put(d corpus.Document) {
	e.remove(d.ID)
	ps := d.Passages()
	e.next.docs[d.ID] = d
	e.next.passages[d.ID] = ps
	if len(d.Questions) > 0 {
		qs := make([][][]string, len(ps))
		for i, p := range ps {
			for _, q := range p.Questions {
				qs[i] = append(qs[i], e.lang.Terms(q))
			}
		}
		e.next.questions[d.ID] = qs
	}
	e.next.npassages += len(ps)
	e.titles = true
	e.changed[d.ID] = true
}

func (e *stateEdit) remove(id string) {
	if _, ok := e.next.docs[id]; !ok {
		return
	}
	e.next.npassages -= len(e.next.passages[id])
	delete(e.next.docs, id)
	delete(e.next.passages, id)
	delete(e.next.questions, id)
	e.titles = true
	e.changed[id] = true
}

// done finishes the next state: documents sorted by title.
func (e *stateEdit) done() *state {
	next := e.next
	switch {
	case !e.titles:
	case len(e.changed) <= 64:
		next.byTitle = retitled(e.base.byTitle, next.docs, e.changed)
	default:
		next.byTitle = sortedByTitle(next.docs)
	}
	return next
}

// titleKey orders documents by title, case aside, then by id.
func titleKey(d corpus.Document) string { return strings.ToLower(d.Title) + "\x00" + d.ID }

// retitled is old (sorted by title) without the changed ids, with the
// changed documents that remain in docs put in their places.
func retitled(old []corpus.Document, docs map[string]corpus.Document, changed map[string]bool) []corpus.Document {
	out := make([]corpus.Document, 0, len(docs))
	for _, d := range old {
		if !changed[d.ID] {
			out = append(out, d)
		}
	}
	for id := range changed {
		d, ok := docs[id]
		if !ok {
			continue
		}
		key := titleKey(d)
		i := sort.Search(len(out), func(i int) bool { return titleKey(out[i]) >= key })
		out = append(out, corpus.Document{})
		copy(out[i+1:], out[i:])
		out[i] = d
	}
	return out
}

// sortedByTitle lists documents by title, case aside, then by id.
func sortedByTitle(docs map[string]corpus.Document) []corpus.Document {
	type keyed struct {
		key string
		doc corpus.Document
	}
	ks := make([]keyed, 0, len(docs))
	for _, d := range docs {
		ks = append(ks, keyed{titleKey(d), d})
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].key < ks[j].key })
	out := make([]corpus.Document, len(ks))
	for i, k := range ks {
		out[i] = k.doc
	}
	return out
}
