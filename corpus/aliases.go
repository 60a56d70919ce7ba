package corpus

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed aliases.txt
var defaultAliases string

//go:embed aliases-foreign.txt
var foreignAliases string

// Alias is one expression of an alias group: words matched after analysis,
// or, when Exact, one case-sensitive word (such as "US", which analysis
// would drop as the pronoun "us").
type Alias struct {
	Text  string
	Exact bool
}

// AliasGroup is a set of expressions that mean the same thing, and the
// kind of thing they name.
type AliasGroup struct {
	Kind  string // people, countries, places, organisations, roles, words
	Names []Alias
}

// Alias kinds, set by "[kind]" lines.
const (
	AliasPeople        = "people"
	AliasCountries     = "countries"
	AliasPlaces        = "places"
	AliasOrganisations = "organisations"
	AliasRoles         = "roles"
	AliasWords         = "words"
)

// DefaultAliases returns the curated alias list, corpus/aliases.txt.
func DefaultAliases() ([]AliasGroup, error) {
	return ParseAliases(defaultAliases)
}

// DefaultForeignAliases returns the Russian, Chinese and Kazakh spellings
// of the corpus's names, corpus/aliases-foreign.txt: alias groups in the
// same format, each led by its English expression.
func DefaultForeignAliases() ([]AliasGroup, error) {
	return ParseAliases(foreignAliases)
}

// ParseAliases reads an alias list: one group per line, expressions
// separated by "|", an expression in double quotes matched exactly; a line
// "[kind]" sets the kind of the groups after it; blank lines and lines
// starting with "#" are skipped.
func ParseAliases(text string) ([]AliasGroup, error) {
	var groups []AliasGroup
	kind := AliasWords
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			kind = line[1 : len(line)-1]
			switch kind {
			case AliasPeople, AliasCountries, AliasPlaces, AliasOrganisations, AliasRoles, AliasWords:
			default:
				return nil, fmt.Errorf("aliases line %d: unknown kind %q", n+1, kind)
			}
			continue
		}
		g := AliasGroup{Kind: kind}
		for _, e := range strings.Split(line, "|") {
			e = strings.TrimSpace(e)
			exact := len(e) >= 2 && strings.HasPrefix(e, `"`) && strings.HasSuffix(e, `"`)
			if exact {
				e = e[1 : len(e)-1]
			}
			if e == "" || strings.Contains(e, `"`) {
				return nil, fmt.Errorf("aliases line %d: empty or badly quoted expression", n+1)
			}
			g.Names = append(g.Names, Alias{Text: e, Exact: exact})
		}
		if len(g.Names) < 2 {
			return nil, fmt.Errorf("aliases line %d: a group needs two expressions or more", n+1)
		}
		groups = append(groups, g)
	}
	return groups, nil
}
