package bot

import (
	"strconv"
	"strings"

	"github.com/summitbot/summitbot/corpus"
)

// Custom id prefixes; the package comment documents the formats.
const (
	idMore     = "more"
	idSource   = "src"
	idFeedback = "fb"
	idPage     = "page"
)

// Feedback votes as they appear in custom ids and logs.
const (
	voteUp   = "up"
	voteDown = "down"
)

// customID is a decoded custom id: what a button asks for.
type customID struct {
	Kind    string // idMore, idSource, idFeedback or idPage
	N       int    // idMore: passages shown; idPage: page number
	Passage string // idSource: docID#N
	Vote    string // idFeedback: voteUp or voteDown
	Next    bool   // idPage: the Next button (else Previous)
}

// String encodes c. The result is at most maxCustomID characters, or ""
// when c cannot be encoded within the limit (a passage id that is too long).
func (c customID) String() string {
	var s string
	switch c.Kind {
	case idMore:
		s = idMore + ":" + strconv.Itoa(c.N)
	case idSource:
		s = idSource + ":" + c.Passage
	case idFeedback:
		s = idFeedback + ":" + c.Vote
	case idPage:
		dir := "p"
		if c.Next {
			dir = "n"
		}
		s = idPage + ":" + strconv.Itoa(c.N) + ":" + dir
	}
	if len(s) > maxCustomID {
		return ""
	}
	return s
}

// parseCustomID decodes a custom id made by customID.String.
func parseCustomID(s string) (customID, bool) {
	kind, rest, _ := strings.Cut(s, ":")
	switch kind {
	case idMore:
		n, err := strconv.Atoi(rest)
		if err != nil || n < 0 {
			return customID{}, false
		}
		return customID{Kind: idMore, N: n}, true
	case idSource:
		if _, _, ok := corpus.ParsePassageID(rest); !ok {
			return customID{}, false
		}
		return customID{Kind: idSource, Passage: rest}, true
	case idFeedback:
		if rest != voteUp && rest != voteDown {
			return customID{}, false
		}
		return customID{Kind: idFeedback, Vote: rest}, true
	case idPage:
		num, dir, _ := strings.Cut(rest, ":")
		n, err := strconv.Atoi(num)
		if err != nil || n < 0 || dir != "p" && dir != "n" {
			return customID{}, false
		}
		return customID{Kind: idPage, N: n, Next: dir == "n"}, true
	}
	return customID{}, false
}
