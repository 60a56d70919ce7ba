package answer

import (
	"fmt"
	"sync"
	"testing"
)

// TestRingKeepsTheLatest: a full ring drops its oldest key first, keeps
// what it computed, and computes nothing it holds.
func TestRingKeepsTheLatest(t *testing.T) {
	r := newRing[string, int](2)
	calls := 0
	get := func(k string, v int) int {
		return r.get(k, func() int { calls++; return v })
	}
	get("a", 1)
	get("b", 2)
	if got := get("a", 10); got != 1 || calls != 2 {
		t.Fatalf("a = %d after %d computations, want the kept 1 after 2", got, calls)
	}
	get("c", 3) // drops a, the oldest kept
	if got := get("b", 20); got != 2 {
		t.Errorf("b = %d, want the kept 2", got)
	}
	if got := get("a", 10); got != 10 {
		t.Errorf("a = %d, want 10 computed again once dropped", got)
	}
	if len(r.byKey) != 2 || len(r.order) != 2 {
		t.Errorf("holds %d keys in an order of %d, want 2 and 2", len(r.byKey), len(r.order))
	}
}

// TestRingConcurrent: many goroutines over more keys than it holds (run
// with -race).
func TestRingConcurrent(t *testing.T) {
	r := newRing[string, string](8)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				k := fmt.Sprint((g + i) % 20)
				if v := r.get(k, func() string { return "v" + k }); v != "v"+k {
					t.Errorf("%s = %s", k, v)
				}
			}
		})
	}
	wg.Wait()
	if len(r.byKey) > 8 {
		t.Errorf("holds %d keys, want at most 8", len(r.byKey))
	}
}
