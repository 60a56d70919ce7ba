package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection keeps data flowing one way: corpus (and
// corpus/pgstore, its PostgreSQL storage) → index/lang →
// index (bleve) and index/reading → index/answer → index/library,
// index/gaps and index/eval → bot and cmd. It fails if a package imports one it must not.
func TestDependencyDirection(t *testing.T) {
	const mod = "github.com/summitbot/summitbot/"
	var (
		higher  = []string{mod + "bot", mod + "cmd"}
		bleve   = "github.com/blevesearch/"
		discord = "github.com/bwmarrin/discordgo"
	)
	tests := []struct {
		pkg       string
		direct    bool // only the package's own imports, not all it depends on
		forbidden []string
		allowed   []string // exceptions to forbidden, by prefix
	}{
		{"corpus", false, append(higher, mod+"index", bleve, discord, "github.com/jackc/"), nil},
		// PostgreSQL's store is a corpus.Storage: it knows the corpus
		// format and pgx, nothing of indexes or Discord.
		{"corpus/pgstore", false, append(higher, mod+"index", bleve, discord), nil},
		{"corpus/pgstore/pgtest", false, append(higher, mod+"index", mod+"corpus", bleve, discord), nil},
		// The shared analysis: bleve's analysers, nothing of its index.
		{"index/lang", true, append(higher, mod+"index/", bleve, discord), []string{bleve + "bleve/v2/analysis", bleve + "bleve/v2/registry"}},
		// The foreign dictionaries: bleve's Russian stemmer, no index.
		{"index/gloss", true, append(higher, mod+"index", bleve, discord), []string{bleve + "bleve/v2/analysis"}},
		// The bleve room knows nothing of questions or answers.
		{"index", true, append(higher, mod+"index/reading", mod+"index/answer", mod+"index/library", mod+"index/eval", discord), nil},
		// Reading a question needs no index: neither ours nor bleve's
		// (its analysers come with bleve's registry, and what that
		// pulls in, but no index, query or search).
		{"index/reading", false, append(higher, mod+"index/answer", mod+"index/library", mod+"index/eval", bleve+"bleve/v2/index/", bleve+"bleve/v2/search/query", bleve+"bleve/v2/search/searcher", discord), nil},
		// The bot's own words in each language: a leaf beside reading,
		// which it asks for the question's language.
		{"index/catalog", true, append(higher, mod+"index/lang", mod+"index/answer", mod+"index/library", mod+"index/eval", mod+"index/gaps", discord, bleve), nil},
		{"index/answer", true, append(higher, mod+"index/library", mod+"index/eval", discord, bleve), nil},
		{"index/library", true, append(higher, mod+"index/eval", discord, bleve), nil},
		{"index/eval", true, append(higher, mod+"index/library", discord), nil},
		// The gaps log reads questions and asks them through the engine's
		// types, never bleve.
		{"index/gaps", true, append(higher, mod+"index/library", mod+"index/eval", discord, bleve), nil},
		{"index/gaps/pggaps", true, append(higher, mod+"index/library", mod+"index/eval", mod+"index/answer", discord, bleve), nil},
		// bot asks the engine through answer's types and never reaches into bleve.
		{"bot", true, []string{mod + "cmd", bleve, mod + "index/eval"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.pkg, func(t *testing.T) {
			args := []string{"list", "-deps", "../../" + tt.pkg}
			if tt.direct {
				args = []string{"list", "-f", `{{join .Imports "\n"}}`, "../../" + tt.pkg}
			}
			out, err := exec.Command("go", args...).CombinedOutput()
			if err != nil {
				t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
			}
			for _, dep := range strings.Fields(string(out)) {
				if dep == mod+tt.pkg {
					continue
				}
				if tt.pkg == "index/reading" && (dep == mod+"index" || dep == bleve+"bleve/v2") {
					t.Errorf("%s depends on %s", tt.pkg, dep)
				}
				for _, f := range tt.forbidden {
					if !strings.HasPrefix(dep, f) {
						continue
					}
					ok := false
					for _, a := range tt.allowed {
						ok = ok || strings.HasPrefix(dep, a)
					}
					if !ok {
						t.Errorf("%s depends on %s", tt.pkg, dep)
					}
				}
			}
		})
	}
}
