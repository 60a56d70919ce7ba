package gaps

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// fullLog returns a log whose files are filled to their default bound.
func fullLog(b *testing.B) *Log {
	b.Helper()
	c := newClock()
	l, err := Open(Config{Dir: b.TempDir(), Now: c.now})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = l.Close() })
	for i := 0; i < 40_000; i++ {
		q := fmt.Sprintf("question %d about the %s summit", i%3000, strings.Repeat("second ", i%20))
		if err := l.Record(b.Context(), Ask{Event: Refused, Question: q, Guild: "300", User: fmt.Sprint(i % 700)}); err != nil {
			b.Fatal(err)
		}
		c.advance(time.Second)
	}
	return l
}

// BenchmarkRecord is the cost a refused question adds to its reply (the
// grouping key aside, which the engine's reading gives).
func BenchmarkRecord(b *testing.B) {
	l := fullLog(b)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := l.Record(b.Context(), Ask{Event: Refused, Question: fmt.Sprint("how tall is tower ", i%100), Guild: "300", User: "42"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkList is what /doc gaps and each of its pages read: the whole
// log, at its bound, grouped.
func BenchmarkList(b *testing.B) {
	l := fullLog(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := l.List(b.Context(), Filter{Guild: "300"}); err != nil {
			b.Fatal(err)
		}
	}
}
