package gloss

import "testing"

// TestSortedSpan checks the lookup segmentation prunes by: whether a
// key is a headword, and whether a longer one begins with it, at the
// start, middle and end of the list and between its lines.
func TestSortedSpan(t *testing.T) {
	d := newSorted("# comment\nab\tx\nabc\ty\nabd\tz\nb\tw\nbcd\tv\n")
	for _, c := range []struct {
		key          string
		head, longer bool
	}{
		{"a", false, true},
		{"ab", true, true},
		{"abc", true, false},
		{"abcd", false, false},
		{"abe", false, false},
		{"b", true, true},
		{"bc", false, true},
		{"bcd", true, false},
		{"c", false, false},
		{"", false, true},
	} {
		head, longer := d.span(c.key)
		if head != c.head || longer != c.longer {
			t.Errorf("span(%q) = %v, %v, want %v, %v", c.key, head, longer, c.head, c.longer)
		}
	}
}
