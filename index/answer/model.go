package answer

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
)

//go:embed model.json
var defaultModel []byte

// ModelVersion is the version of the model file's format.
const ModelVersion = 1

// Model holds the fitted weights of the engine's three decisions: how to
// rank candidate passages, whether the documents answer at all, and which
// sentence of the best passage is the direct answer; and which passages
// are worth showing. It is fitted from question sets by a command anyone
// can rerun (see index/eval: `summitbot train`); no weight is set by hand.
type Model struct {
	Version int `json:"version"`
	// Rank scores a candidate passage: higher is better.
	Rank Linear `json:"rank"`
	// Refuse gives the log-odds that the documents answer the question;
	// the engine answers when the probability reaches Threshold.
	Refuse Linear `json:"refuse"`
	// FollowUpRefuse gives the log-odds that the documents answer a
	// follow-up read with context, from Refuse's log-odds and how the
	// turn leans on the last (followRefuseFeatures), fitted on
	// conversations; empty when none were fitted, and Refuse decides.
	FollowUpRefuse Linear `json:"follow_up_refuse,omitzero"`
	// Sentence scores the sentences of the best passage.
	Sentence Linear `json:"sentence"`
	// Show: a passage after the first is shown when its rank score is
	// within Drop of the first's.
	Show Show `json:"show"`
	// FollowUp weighs what a follow-up's candidates owe to the last turn,
	// fitted on conversations.
	FollowUp FollowUp `json:"follow_up"`
	// Fit says how the weights were fitted, for the record.
	Fit FitRecord `json:"fit"`
	// Precedents are the training questions the Refuse model compares a
	// question with.
	Precedents Precedents `json:"precedents"`
}

// Linear is a linear model over named features.
type Linear struct {
	Features  []string  `json:"features"`
	Weights   []float64 `json:"weights"`
	Threshold float64   `json:"threshold,omitempty"`
}

// Show bounds the passages shown after the first.
type Show struct {
	Drop float64 `json:"drop"`
}

// FollowUp is added to a follow-up's rank scores (reading.FollowUp's Doc
// and Prev): SameDocument to the passages of the document that answered
// the last turn, LastAnswer to the passage that did, Corrected to that
// passage instead when the turn corrects it ("no, I meant …"), and Next
// to the passage after it when the turn asks for more and nothing else
// ("go on").
type FollowUp struct {
	SameDocument float64 `json:"same_document"`
	LastAnswer   float64 `json:"last_answer"`
	Corrected    float64 `json:"corrected"`
	Next         float64 `json:"next"`
}

// FitRecord tells how a model was fitted.
type FitRecord struct {
	Command string             `json:"command"`
	Train   []string           `json:"train"`
	Dev     []string           `json:"dev"`
	Chosen  map[string]float64 `json:"chosen"` // the settings dev chose
	Dev1    float64            `json:"dev_top1"`
	// Conversations are the sets FollowUp was fitted on.
	Conversations []string `json:"conversations,omitempty"`
}

// DefaultModel returns the fitted model embedded in the binary (model.json).
func DefaultModel() (Model, error) {
	return ParseModel(defaultModel)
}

// ParseModel reads a model file and checks it fits this engine: the same
// format version and the features the engine computes, in order.
func ParseModel(data []byte) (Model, error) {
	var m Model
	if err := json.Unmarshal(data, &m); err != nil {
		return Model{}, fmt.Errorf("read model: %w", err)
	}
	if m.Version != ModelVersion {
		return Model{}, fmt.Errorf("read model: version %d, this engine reads %d (refit with summitbot train)", m.Version, ModelVersion)
	}
	for _, c := range []struct {
		name string
		l    Linear
		want []string
	}{{"rank", m.Rank, rankFeatures[:]}, {"refuse", m.Refuse, refuseFeatures[:]}, {"sentence", m.Sentence, sentenceFeatures[:]}} {
		if !slices.Equal(c.l.Features, c.want) || len(c.l.Weights) != len(c.want) {
			return Model{}, fmt.Errorf("read model: the %s features are %v, this engine computes %v (refit with summitbot train)", c.name, c.l.Features, c.want)
		}
	}
	if f := m.FollowUpRefuse; len(f.Weights) > 0 && (!slices.Equal(f.Features, followRefuseFeatures[:]) || len(f.Weights) != len(f.Features)) {
		return Model{}, fmt.Errorf("read model: the follow_up_refuse features are %v, this engine computes %v (refit with summitbot train)", f.Features, followRefuseFeatures[:])
	}
	return m, nil
}

// Encode writes the model as indented JSON.
func (m Model) Encode() ([]byte, error) {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode model: %w", err)
	}
	return append(data, '\n'), nil
}

// score is the linear model's value for x.
func (l Linear) score(x []float64) float64 {
	s := 0.0
	for i, w := range l.Weights {
		s += w * x[i]
	}
	return s
}

// untrained returns a model that weighs every feature 0: what the fit
// starts from, and what the engine uses to compute features before one
// exists.
func untrained() Model {
	zero := func(names []string) Linear {
		return Linear{Features: slices.Clone(names), Weights: make([]float64, len(names))}
	}
	return Model{Version: ModelVersion, Rank: zero(rankFeatures[:]), Refuse: zero(refuseFeatures[:]), Sentence: zero(sentenceFeatures[:])}
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
