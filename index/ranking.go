package index

// ranking holds the weights of ranking and refusal, tuned on the dev
// questions and our own set (index/testdata). An Index uses
// defaultRanking; tests may try others.
type ranking struct {
	// ContextBoost weighs a match in a passage's context (section, title,
	// previous paragraph) against a match in its own text.
	ContextBoost float64
	// ContextCoverage is how much a term found only in the context counts
	// towards coverage.
	ContextCoverage float64
	// MinCoverage is the share of the question's weight the best passage
	// must hold for the question to count as answered.
	MinCoverage float64
	// CoverageWeight mixes the two halves of a passage's score: bleve's
	// BM25 score, relative to the best hit's, and the passage's coverage of
	// the question (which credits aliases and context).
	CoverageWeight float64
	// MaxUnknownShare refuses a question when words the documents do not
	// hold (not even as a misspelling or an alias) carry more than this
	// share of its weight.
	MaxUnknownShare float64
	// RefuseUnknownNames refuses a question that gives, capitalised, a
	// name no document holds ("What did Xi say about Taiwan?").
	RefuseUnknownNames bool
	// RefuseUnsaid refuses a question about what someone said ("What did
	// Mirziyoyev say ...?") when no passage shown quotes or reports them.
	RefuseUnsaid bool
	// RefuseUnknownActs refuses a question about an act ("Who designed
	// ...?", "How many people live ...?") whose verb no document holds.
	RefuseUnknownActs bool
	// MinRelScore drops passages scoring below this share of the best one.
	MinRelScore float64
	// A news article, the primary source, is cited first when one of its
	// passages holds at least PrimaryCoverage of the best passage's
	// coverage and PrimaryScore of its score.
	PrimaryCoverage, PrimaryScore float64
	// AliasBoost weighs a match through an alias group against a match of
	// one of the question's own terms.
	AliasBoost float64
	// AliasCoverage is how much a question term counts as held when the
	// passage holds another expression of its alias group.
	AliasCoverage float64
	// SplitNameCoverage caps how much a question term counts when it is
	// part of a name the question gives in several words ("the president
	// of Uzbekistan") and the passage holds the words but not the name.
	SplitNameCoverage float64
	// TypeBoost favours a passage (and a sentence) that holds an answer of
	// the kind the question asks for: a date for "when", a number for "how
	// many", a person or country for "who".
	TypeBoost float64
	// ListBoost favours, for a question asking for several answers
	// ("Which countries ...?"), a passage naming at least listAnswers of
	// them.
	ListBoost float64
	// SentenceListBoost is ListBoost when choosing the direct answer: for
	// "Which countries ...?" the sentence that lists them answers.
	SentenceListBoost float64
	// SentenceTypeBoost is the same preference when choosing the direct
	// answer among a passage's sentences, where it matters more: a
	// sentence that names no place does not answer "where".
	SentenceTypeBoost float64
}

func defaultRanking() ranking {
	return ranking{
		ContextBoost:       0.1,
		ContextCoverage:    0.6,
		MinCoverage:        0.4,
		MinRelScore:        0.35,
		MaxUnknownShare:    0.55,
		RefuseUnknownNames: true,
		RefuseUnknownActs:  true,
		RefuseUnsaid:       true,
		CoverageWeight:     0.6,
		PrimaryCoverage:    0.9,
		PrimaryScore:       0.4,
		AliasBoost:         1.2,
		AliasCoverage:      0.9,
		SplitNameCoverage:  0.5,
		TypeBoost:          1.5,
		ListBoost:          1.2,
		SentenceListBoost:  2,
		SentenceTypeBoost:  2,
	}
}
