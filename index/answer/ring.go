package answer

import "sync"

// ring keeps the values computed lately for at most size keys, dropping
// the oldest first; it is safe for concurrent use. What it keeps must
// never change once computed: callers share it.
type ring[K comparable, V any] struct {
	mu    sync.Mutex
	byKey map[K]V
	order []K // keys, oldest first, as a ring
	next  int
	size  int
}

func newRing[K comparable, V any](size int) *ring[K, V] {
	return &ring[K, V]{byKey: make(map[K]V, size), size: size}
}

// get returns the value kept for k, computing it with compute if none is.
// Two callers may compute the same value at once; the first kept wins.
func (c *ring[K, V]) get(k K, compute func() V) V {
	c.mu.Lock()
	v, ok := c.byKey[k]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = compute()
	c.mu.Lock()
	defer c.mu.Unlock()
	if kept, ok := c.byKey[k]; ok {
		return kept
	}
	if len(c.order) < c.size {
		c.order = append(c.order, k)
	} else {
		delete(c.byKey, c.order[c.next])
		c.order[c.next] = k
		c.next = (c.next + 1) % c.size
	}
	c.byKey[k] = v
	return v
}
