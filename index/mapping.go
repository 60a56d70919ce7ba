package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/summitbot/summitbot/index/lang"
)

// Field names of an indexed passage. The mapping below is the single
// source of what is indexed and how.
const (
	FieldText      = "text"      // the paragraph itself: ranked, highlighted
	FieldContext   = "context"   // its section, title and previous paragraph
	FieldQuestions = "questions" // the questions written for it (corpus.ParagraphQuestions)
	FieldAliases   = "aliases"   // keys of the alias groups its text holds (lang.Key)
	fieldDocID     = "doc_id"    // exact document id
	fieldKind      = "kind"      // article or note
)

// newMapping builds the index mapping: BM25 scoring, no dynamic fields.
func newMapping() *mapping.IndexMappingImpl {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = lang.AnalyzerName
	text.Store = true
	text.IncludeTermVectors = true
	text.IncludeInAll = false

	weak := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = lang.AnalyzerName
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		return f
	}

	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		return f
	}

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(FieldText, text)
	doc.AddFieldMappingsAt(FieldContext, weak())
	doc.AddFieldMappingsAt(FieldQuestions, weak())
	doc.AddFieldMappingsAt(FieldAliases, kw())
	doc.AddFieldMappingsAt(fieldDocID, kw())
	doc.AddFieldMappingsAt(fieldKind, kw())

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = lang.AnalyzerName
	m.ScoringModel = bleveindex.BM25Scoring
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}

// mappingVersion bumps by hand when indexing changes in a way the mapping's
// JSON does not show (what goes into a field, say).
const mappingVersion = "5"

// schema is everything that decides what an index holds: the mapping, the
// analysis it names, and the alias list. Its fingerprint changes with any of
// them, and an index built under another fingerprint is rebuilt.
type schema struct {
	mapping     *mapping.IndexMappingImpl
	lang        *lang.Analyzer
	fingerprint string
}

// defaultSchema is the schema with the curated alias list.
func defaultSchema() (*schema, error) {
	lg, err := lang.Default()
	if err != nil {
		return nil, err
	}
	return newSchema(lg)
}

func newSchema(lg *lang.Analyzer) (*schema, error) {
	m := newMapping()
	data, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encode mapping: %w", err)
	}
	sum := sha256.Sum256([]byte(mappingVersion + "\n" + lg.Aliases().Fingerprint() + "\n" + string(data)))
	return &schema{mapping: m, lang: lg, fingerprint: hex.EncodeToString(sum[:])}, nil
}
