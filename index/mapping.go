package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/summitbot/summitbot/corpus"
)

// Field names of an indexed passage. The mapping below is the single
// source of what is indexed and how.
const (
	fieldText    = "text"    // the paragraph itself: ranked, highlighted
	fieldContext = "context" // its section, title and previous paragraph: ranked lower
	fieldDocID   = "doc_id"  // exact document id
	fieldKind    = "kind"    // article or note
	fieldAliases = "aliases" // keys of the alias groups the text holds
)

// analyzerName is the analysis of text and questions alike: Unicode words,
// English possessives removed, lower case, English stop words removed,
// Porter stems.
const analyzerName = en.AnalyzerName

// newMapping builds the index mapping: BM25 scoring, no dynamic fields.
func newMapping() *mapping.IndexMappingImpl {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = analyzerName
	text.Store = true
	text.IncludeTermVectors = true
	text.IncludeInAll = false

	context := bleve.NewTextFieldMapping()
	context.Analyzer = analyzerName
	context.Store = false
	context.IncludeTermVectors = false
	context.IncludeInAll = false

	kw := bleve.NewKeywordFieldMapping()
	kw.Analyzer = keyword.Name
	kw.Store = false
	kw.IncludeTermVectors = false
	kw.IncludeInAll = false

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldText, text)
	doc.AddFieldMappingsAt(fieldContext, context)
	doc.AddFieldMappingsAt(fieldDocID, kw)
	doc.AddFieldMappingsAt(fieldKind, kw)
	// The alias keys are stored too: ranking reads a hit's groups back
	// instead of analysing its text again.
	groups := bleve.NewKeywordFieldMapping()
	groups.Analyzer = keyword.Name
	groups.Store = true
	groups.IncludeTermVectors = false
	groups.IncludeInAll = false
	doc.AddFieldMappingsAt(fieldAliases, groups)

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerName
	m.ScoringModel = bleveindex.BM25Scoring
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}

// mappingVersion bumps by hand when indexing changes in a way the mapping's
// JSON does not show (what goes into a field, say).
const mappingVersion = "4"

// schema is everything that decides what an index holds: the mapping, the
// analyzer it names, and the alias list. Its fingerprint changes with any of
// them, and an index built under another fingerprint is rebuilt.
type schema struct {
	mapping     *mapping.IndexMappingImpl
	analyzer    analysis.Analyzer
	aliases     *aliases
	fingerprint string
}

func newSchema() (*schema, error) {
	m := newMapping()
	a := m.AnalyzerNamed(analyzerName)
	if a == nil {
		return nil, fmt.Errorf("analyzer %q not registered", analyzerName)
	}
	groups, err := corpus.DefaultAliases()
	if err != nil {
		return nil, fmt.Errorf("load aliases: %w", err)
	}
	al := newAliases(groups, a)
	data, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encode mapping: %w", err)
	}
	sum := sha256.Sum256([]byte(mappingVersion + "\n" + al.fp + "\n" + string(data)))
	return &schema{mapping: m, analyzer: a, aliases: al, fingerprint: hex.EncodeToString(sum[:])}, nil
}
