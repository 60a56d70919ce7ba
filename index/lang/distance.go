package lang

// MaxEdits is how many edits a word of this many letters may be away from
// a known word and still count as a misspelling of it.
func MaxEdits(runes int) int {
	switch {
	case runes < 5:
		return 0
	case runes < 8:
		return 1
	default:
		return 2
	}
}

// Editor computes edit distances, reusing its rows from one to the next.
// The zero value is ready to use; it is not safe for concurrent use.
type Editor struct {
	prev2, prev, cur []int
}

// Distance is the Damerau (optimal string alignment) distance of a and b,
// or any value above limit once it is certain to exceed it; it allocates
// nothing once its rows are long enough.
func (e *Editor) Distance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if n := len(b) + 1; cap(e.cur) < n {
		e.prev2, e.prev, e.cur = make([]int, n, 2*n), make([]int, n, 2*n), make([]int, n, 2*n)
	}
	prev2, prev, cur := e.prev2[:len(b)+1], e.prev[:len(b)+1], e.cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			c := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				c = min(c, prev2[j-2]+1)
			}
			cur[j] = c
			rowMin = min(rowMin, c)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
