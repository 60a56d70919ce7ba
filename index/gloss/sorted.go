package gloss

import "strings"

// sorted is a dictionary file read in place: headword<TAB>senses lines,
// sorted by headword (bytewise, as scripts/glossdata writes them), after
// "#" comment lines. Lookups search it by bisection, so the dictionary
// costs nothing to load and no memory beyond the embedded file.
type sorted string

// newSorted returns the lines of data after its leading comments.
func newSorted(data string) sorted {
	for strings.HasPrefix(data, "#") {
		i := strings.IndexByte(data, '\n')
		if i < 0 {
			return ""
		}
		data = data[i+1:]
	}
	return sorted(data)
}

// find returns the senses of headword key.
func (d sorted) find(key string) ([]string, bool) {
	head, senses, _ := strings.Cut(d.firstLine(key), "\t")
	if head != key {
		return nil, false
	}
	return strings.Split(senses, "|"), true
}

// span reports whether key is a headword, and whether a longer headword
// begins with it: all such follow key's place in the bytewise order.
func (d sorted) span(key string) (head, longer bool) {
	s := string(d)
	for line := range strings.Lines(s[d.lowerBound(key):]) {
		h, _, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if h == key {
			head = true
			continue
		}
		return head, strings.HasPrefix(h, key)
	}
	return head, false
}

// lowerBound returns the offset of the first line whose headword is not
// below key (len(d) when there is none), by bisection.
func (d sorted) lowerBound(key string) int {
	s := string(d)
	lo, hi := 0, len(s)
	for lo < hi {
		mid := (lo + hi) / 2
		start := lo + strings.LastIndexByte(s[lo:mid], '\n') + 1
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s) - start
		}
		if h, _, _ := strings.Cut(s[start:start+end], "\t"); key <= h {
			hi = start
		} else {
			lo = start + end + 1
		}
	}
	return lo
}

// firstLine returns the line lowerBound finds, without its newline.
func (d sorted) firstLine(key string) string {
	rest := string(d)[d.lowerBound(key):]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

// each calls f with every headword and its senses, in order.
func (d sorted) each(f func(head, senses string)) {
	for line := range strings.Lines(string(d)) {
		head, senses, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		f(head, senses)
	}
}
