package index

import "time"

// Stats describes what an index holds, for /about and the terminal.
type Stats struct {
	Documents int       `json:"documents"`
	Passages  int       `json:"passages"`
	Updated   time.Time `json:"updated"` // last change of the indexed documents
}
