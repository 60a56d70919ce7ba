package eval

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/answer"
)

// Plain is what a user would build with plain bleve, the yardstick of
// every set: one bleve document per paragraph, its text analysed with the
// English analyzer and scored with BM25, and one match query of the
// question over it. No aliases, typo correction, passage questions,
// re-ranking, refusal or composition; it "refuses" only when nothing
// matches.
type Plain struct {
	bi    bleve.Index
	texts map[string]corpus.Passage
}

// NewPlain indexes docs' paragraphs in memory.
func NewPlain(docs []corpus.Document) (*Plain, error) {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = en.AnalyzerName
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("text", text)
	m := bleve.NewIndexMapping()
	m.DefaultMapping = dm
	m.DefaultAnalyzer = en.AnalyzerName
	m.ScoringModel = bleveindex.BM25Scoring
	bi, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create plain bleve index: %w", err)
	}
	p := &Plain{bi: bi, texts: map[string]corpus.Passage{}}
	b := bi.NewBatch()
	for _, d := range docs {
		for _, ps := range d.Passages() {
			p.texts[ps.ID()] = ps
			if err := b.Index(ps.ID(), map[string]interface{}{"text": ps.Text}); err != nil {
				return nil, fmt.Errorf("index %s: %w", ps.ID(), err)
			}
		}
	}
	if err := bi.Batch(b); err != nil {
		return nil, fmt.Errorf("index plain bleve: %w", err)
	}
	return p, nil
}

// Ask runs the match query and returns the best k paragraphs.
func (p *Plain) Ask(ctx context.Context, question string, k int) (answer.Answer, error) {
	q := bleve.NewMatchQuery(question)
	q.SetField("text")
	res, err := p.bi.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, k, 0, false))
	if err != nil {
		return answer.Answer{}, fmt.Errorf("plain bleve search: %w", err)
	}
	ans := answer.Answer{Question: question, Passages: []answer.Hit{}}
	for _, h := range res.Hits {
		ps := p.texts[h.ID]
		ans.Passages = append(ans.Passages, answer.Hit{ID: h.ID, DocID: ps.DocID, Paragraph: ps.N, Text: ps.Text, Score: h.Score})
	}
	ans.Answered = len(ans.Passages) > 0
	return ans, nil
}

// Close releases the index.
func (p *Plain) Close() error { return p.bi.Close() }
