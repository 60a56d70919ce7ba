package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection keeps data flowing one way: corpus → index →
// bot and cmd. It fails if a lower package imports a higher one.
func TestDependencyDirection(t *testing.T) {
	const mod = "github.com/summitbot/summitbot/"
	tests := []struct {
		pkg       string
		direct    bool // only the package's own imports, not all it depends on
		forbidden []string
	}{
		{"corpus", false, []string{mod + "index", mod + "bot", mod + "cmd", "github.com/blevesearch/", "github.com/bwmarrin/discordgo"}},
		{"index", false, []string{mod + "bot", mod + "cmd", "github.com/bwmarrin/discordgo"}},
		// bot asks the engine through index's types and never reaches into bleve.
		{"bot", true, []string{mod + "cmd", "github.com/blevesearch/"}},
	}
	for _, tt := range tests {
		t.Run(tt.pkg, func(t *testing.T) {
			args := []string{"list", "-deps", "../../" + tt.pkg + "/..."}
			if tt.direct {
				args = []string{"list", "-f", `{{join .Imports "\n"}}`, "../../" + tt.pkg + "/..."}
			}
			out, err := exec.Command("go", args...).CombinedOutput()
			if err != nil {
				t.Fatalf("go list -deps %s: %v\n%s", tt.pkg, err, out)
			}
			for _, dep := range strings.Fields(string(out)) {
				for _, f := range tt.forbidden {
					if strings.HasPrefix(dep, f) && !strings.HasPrefix(dep, mod+tt.pkg) {
						t.Errorf("%s depends on %s", tt.pkg, dep)
					}
				}
			}
		})
	}
}
