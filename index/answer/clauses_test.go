package answer

import (
	"testing"

	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/reading"
)

// TestManyClauses: a question read into more clauses than one search
// takes (many corrections, near words) is answered; its candidates'
// clauses are read back from the same clauses the search ran.
func TestManyClauses(t *testing.T) {
	ix := corpusIndex(t)
	e, err := Default(ix)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := ix.Snapshot(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	q := reading.Question{Raw: "many terms", Text: "many terms"}
	seen := map[string]bool{}
	for _, d := range ix.Documents() {
		for _, p := range d.Passages() {
			for _, term := range e.lang.Terms(p.Text) {
				if !seen[term] {
					seen[term] = true
					q.Terms = append(q.Terms, reading.Term{Text: term, From: term, Weight: 1})
					q.Asked = append(q.Asked, term)
				}
			}
		}
	}
	if n := len(e.clauses(snap, q)); n > index.MaxClauses {
		t.Fatalf("%d clauses for %d terms, the search takes %d", n, len(q.Terms), index.MaxClauses)
	}
	r, err := e.gather(t.Context(), snap, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.cands) == 0 {
		t.Error("no candidates")
	}
}
