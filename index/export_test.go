package index

import "github.com/blevesearch/bleve/v2"

// SetBound scales the pruned search's bounds (1 is right; less weakens
// them), for tests.
func SetBound(s *Snapshot, b float64) { s.bound = b }

// Scored is how many passages the pruned search scored in full.
func Scored(s *Snapshot) int { return s.scored }

// BleveForTest returns the bleve index under ix.
func BleveForTest(ix *Index) bleve.Index { return ix.bi }
