package bot

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/gaps"
)

// Custom id prefixes; the package comment documents the formats.
const (
	idMore     = "more"
	idSource   = "src"
	idFeedback = "fb"
	idPage     = "page"

	// Moderation: buttons, then modals.
	idRemove          = "rm"   // confirm the removal of a document
	idKeep            = "keep" // cancel the removal of a document
	idDocs            = "docs" // a /doc list page
	idAdd             = "add"  // the modal adding a document
	idUpdate          = "upd"  // the modal updating a document
	idQuestions       = "pq"   // the button opening a document's passage questions
	idQuestionsSubmit = "pqs"  // the modal editing them

	// Coverage gaps: buttons of /doc gaps.
	idGaps       = "gaps" // a /doc gaps page
	idGapAdd     = "gadd" // "Add a document" for a gap: the add modal
	idGapDismiss = "gdis" // "Dismiss" a gap

	// Conversations: the Follow up button, and the modal it opens.
	idFollowUp       = "fu"  // the button: the question as read
	idFollowUpSubmit = "fuq" // the modal: the question as read
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
	Next    bool   // idPage, idDocs: the Next button (else Previous)
	Doc     string // idRemove, idKeep, idUpdate, idQuestions, idQuestionsSubmit: the document id
	Gap     string // idGapAdd, idGapDismiss: the gap id (gaps.ValidID)
	Days    int    // idGaps, idGapDismiss: the days /doc gaps looks back
	// Question is, for idFollowUp and idFollowUpSubmit, the question the
	// follow-up builds on, as read: cut to fit the id (cutForID).
	Question string
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
	case idPage, idDocs:
		dir := "p"
		if c.Next {
			dir = "n"
		}
		s = c.Kind + ":" + strconv.Itoa(c.N) + ":" + dir
	case idRemove, idKeep, idUpdate, idQuestions, idQuestionsSubmit:
		if !validDocID(c.Doc) {
			return ""
		}
		s = c.Kind + ":" + c.Doc
	case idAdd:
		s = idAdd
	case idGaps:
		if !validGapDays(c.Days) || c.N < 0 {
			return ""
		}
		dir := "p"
		if c.Next {
			dir = "n"
		}
		s = idGaps + ":" + strconv.Itoa(c.Days) + ":" + strconv.Itoa(c.N) + ":" + dir
	case idGapAdd:
		if !gaps.ValidID(c.Gap) {
			return ""
		}
		s = idGapAdd + ":" + c.Gap
	case idGapDismiss:
		if !gaps.ValidID(c.Gap) || !validGapDays(c.Days) || c.N < 0 {
			return ""
		}
		s = idGapDismiss + ":" + c.Gap + ":" + strconv.Itoa(c.Days) + ":" + strconv.Itoa(c.N)
	case idFollowUp, idFollowUpSubmit:
		s = c.Kind + ":" + cutForID(c.Question, maxCustomID-len(c.Kind)-1)
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
	case idPage, idDocs:
		num, dir, _ := strings.Cut(rest, ":")
		n, err := strconv.Atoi(num)
		if err != nil || n < 0 || dir != "p" && dir != "n" {
			return customID{}, false
		}
		return customID{Kind: kind, N: n, Next: dir == "n"}, true
	case idRemove, idKeep, idUpdate, idQuestions, idQuestionsSubmit:
		if !validDocID(rest) {
			return customID{}, false
		}
		return customID{Kind: kind, Doc: rest}, true
	case idAdd:
		if rest != "" || strings.Contains(s, ":") {
			return customID{}, false
		}
		return customID{Kind: idAdd}, true
	case idGaps:
		parts := strings.Split(rest, ":")
		if len(parts) != 3 || parts[2] != "p" && parts[2] != "n" {
			return customID{}, false
		}
		days, err1 := strconv.Atoi(parts[0])
		n, err2 := strconv.Atoi(parts[1])
		if err1 != nil || err2 != nil || !validGapDays(days) || n < 0 {
			return customID{}, false
		}
		return customID{Kind: idGaps, Days: days, N: n, Next: parts[2] == "n"}, true
	case idGapAdd:
		if !gaps.ValidID(rest) {
			return customID{}, false
		}
		return customID{Kind: idGapAdd, Gap: rest}, true
	case idGapDismiss:
		parts := strings.Split(rest, ":")
		if len(parts) != 3 || !gaps.ValidID(parts[0]) {
			return customID{}, false
		}
		days, err1 := strconv.Atoi(parts[1])
		n, err2 := strconv.Atoi(parts[2])
		if err1 != nil || err2 != nil || !validGapDays(days) || n < 0 {
			return customID{}, false
		}
		return customID{Kind: idGapDismiss, Gap: parts[0], Days: days, N: n}, true
	case idFollowUp, idFollowUpSubmit:
		if !utf8.ValidString(rest) || strings.TrimSpace(rest) == "" {
			return customID{}, false
		}
		return customID{Kind: kind, Question: rest}, true
	}
	return customID{}, false
}

// cutForID cuts a question to at most n bytes, at a word boundary where
// there is one, for a custom id.
func cutForID(q string, n int) string {
	q = strings.Join(strings.Fields(q), " ")
	if len(q) <= n {
		return q
	}
	cut := q[:n]
	for !utf8.ValidString(cut) {
		cut = cut[:len(cut)-1]
	}
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut
}

// validDocID reports whether id can be a document id as the corpus makes
// them: 1 to corpus.MaxIDLen lowercase ASCII letters, digits and dashes. It
// keeps custom ids within maxCustomID by construction.
func validDocID(id string) bool {
	if id == "" || len(id) > corpus.MaxIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
