package index

import (
	"os"
	"strings"
	"testing"
)

// TestExplain prints how questions are read and ranked, for tuning:
// EXPLAIN="question one|question two" go test ./index -run Explain -v
func TestExplain(t *testing.T) {
	qs := os.Getenv("EXPLAIN")
	if qs == "" {
		t.Skip("set EXPLAIN to questions separated by |")
	}
	ix := memIndex(t, defaultDocs(t))
	st := ix.current()
	v, err := ix.vocabulary(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer v.close()
	for _, q := range strings.Split(qs, "|") {
		q = ix.respell(v, q)
		qterms := ix.questionTerms(withoutTypeWords(q))
		terms, unknown := ix.resolve(v, qterms)
		groups := ix.questionGroups(withoutTypeWords(q))
		k := questionKind(q)
		t.Logf("%q: kind %v %q %q, terms %v, unknown %v (share %.2f), alias groups %v",
			q, k.t, k.noun, k.sub, terms, unknown, ix.unknownShare(v, qterms, unheld(unknown, groups)), groups)
		scored, err := ix.ranked(t.Context(), st, v, terms, qterms, groups, k)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range scored {
			if i == 6 {
				break
			}
			t.Logf("  %.3f cov %.2f typed %-5v %s: %.80s", s.score, s.coverage, s.typed, s.hit.ID, s.hit.Text)
		}
	}
}
