package index

import (
	"context"
	"fmt"
	"math"
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/lang"
)

// Snapshot is one consistent view of the index, for one question: which
// terms it holds and in how many passages, its candidates for a query, and
// the documents they come from. It reads bleve's live counts (deleted
// passages excluded) and keeps what it read for its lifetime; nothing about
// the vocabulary is loaded at start or kept between questions. Close it
// when done. It is not safe for concurrent use.
type Snapshot struct {
	ctx   context.Context
	r     bleveindex.IndexReader
	m     mapping.IndexMapping
	st    *state
	npass uint64
	df    map[fieldTerm]uint64
	// text holds the text postings readers opened for counts, unread: the
	// search takes those of its terms instead of opening them again.
	text map[string]bleveindex.TermFieldReader
	avg  map[string]float64 // average field length, as bleve's BM25 reads it
	// bound scales the pruned search's bounds on clause scores: 1, but
	// for the test that shows a weakened bound fails.
	bound float64
	// scored counts the passages the pruned search scored in full.
	scored int
}

type fieldTerm struct{ field, term string }

// Snapshot opens a view of the index; close it when done.
func (ix *Index) Snapshot(ctx context.Context) (*Snapshot, error) {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	n, err := r.DocCount()
	if err != nil {
		_ = r.Close()
		return nil, fmt.Errorf("count passages: %w", err)
	}
	return &Snapshot{ctx: ctx, r: r, m: ix.bi.Mapping(), st: ix.current(), npass: n, df: map[fieldTerm]uint64{},
		text: map[string]bleveindex.TermFieldReader{}, avg: map[string]float64{}, bound: 1}, nil
}

// Close releases the snapshot.
func (s *Snapshot) Close() {
	for _, tfr := range s.text {
		_ = tfr.Close()
	}
	_ = s.r.Close()
}

// Passages is how many passages the snapshot holds.
func (s *Snapshot) Passages() uint64 { return s.npass }

// takeText returns the unread text postings reader of term that counting
// opened, if any; the caller closes it.
func (s *Snapshot) takeText(term string) (bleveindex.TermFieldReader, bool) {
	tfr, ok := s.text[term]
	delete(s.text, term)
	return tfr, ok
}

// DF is the number of live passages whose field holds term. For the text
// field, the reader it opens (with frequencies and norms, as the search
// reads them) is kept for the search.
func (s *Snapshot) DF(field, term string) uint64 {
	k := fieldTerm{field, term}
	if n, ok := s.df[k]; ok {
		return n
	}
	var n uint64
	keep := field == FieldText
	tfr, err := s.r.TermFieldReader(s.ctx, []byte(term), field, keep, keep, false)
	if err == nil {
		n = tfr.Count()
		if keep {
			s.text[term] = tfr
		} else {
			_ = tfr.Close()
		}
	}
	s.df[k] = n
	return n
}

// Known reports whether any passage holds term in its text, its questions
// or its context.
func (s *Snapshot) Known(term string) bool {
	return s.DF(FieldText, term) > 0 || s.DF(FieldQuestions, term) > 0 || s.DF(FieldContext, term) > 0
}

// InText reports whether any passage's own text holds term.
func (s *Snapshot) InText(term string) bool { return s.DF(FieldText, term) > 0 }

// IDF weighs a term by how rare it is among passages' texts, as BM25 does;
// a term no text holds weighs most.
func (s *Snapshot) IDF(term string) float64 { return s.idfOf(s.DF(FieldText, term)) }

// MaxIDF is the weight of a term no passage holds.
func (s *Snapshot) MaxIDF() float64 { return s.idfOf(0) }

func (s *Snapshot) idfOf(df uint64) float64 { return idf(s.npass, df) }

// QuestionIDF weighs a word of a passage question: its IDF as the index
// counted it at its last change, read from memory.
func (s *Snapshot) QuestionIDF(term string) float64 {
	if w, ok := s.st.questionIDF[term]; ok {
		return w
	}
	return s.MaxIDF()
}

// Corrections returns the text terms closest to an unknown term, within
// lang.MaxEdits (transpositions count one), sharing its first letter when
// it is short; more than one when they tie, none when it is known. bleve
// walks its term dictionary with an automaton, so this costs little
// however large the vocabulary.
func (s *Snapshot) Corrections(term string) []string {
	r := []rune(term)
	k := lang.MaxEdits(len(r))
	if k == 0 || s.Known(term) {
		return nil
	}
	fuzzy, ok := s.r.(bleveindex.IndexReaderFuzzy)
	if !ok {
		return nil
	}
	prefix := ""
	if len(r) < 6 {
		_, size := utf8.DecodeRuneInString(term)
		prefix = term[:size]
	}
	dict, err := fuzzy.FieldDictFuzzy(FieldText, term, k, prefix)
	if err != nil {
		return nil
	}
	defer dict.Close()
	var candidates []string
	for {
		e, err := dict.Next()
		if err != nil || e == nil {
			break
		}
		candidates = append(candidates, e.Term)
	}
	var ed lang.Editor
	best, out := k+1, []string(nil)
	for _, c := range candidates {
		if c == term || !s.InText(c) {
			continue // a term of deleted passages only
		}
		d := ed.Distance(r, []rune(c), best)
		switch {
		case d < best:
			best, out = d, []string{c}
		case d == best && d <= k && !slices.Contains(out, c):
			out = append(out, c)
		}
	}
	if best > k {
		return nil
	}
	return out
}

// Passage returns the passage with id "docID#N" and its document.
func (s *Snapshot) Passage(id string) (corpus.Passage, corpus.Document, bool) {
	p, ok := s.st.passage(id)
	if !ok {
		return corpus.Passage{}, corpus.Document{}, false
	}
	return p, s.st.docs[p.DocID], true
}

// QuestionTerms returns the analysed questions written for passage id.
func (s *Snapshot) QuestionTerms(id string) [][]string { return s.st.questionTerms(id) }

// avgLength is the average length of field, as bleve's BM25 reads it.
func (s *Snapshot) avgLength(field string) (float64, error) {
	if a, ok := s.avg[field]; ok {
		return a, nil
	}
	bm25, ok := s.r.(bleveindex.BM25Reader)
	if !ok || s.npass == 0 {
		return 0, nil
	}
	card, err := bm25.FieldCardinality(field)
	if err != nil {
		return 0, fmt.Errorf("read field %s: %w", field, err)
	}
	a := math.Ceil(float64(card) / float64(s.npass))
	s.avg[field] = a
	return a, nil
}
