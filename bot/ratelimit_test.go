package bot

import (
	"fmt"
	"testing"
	"time"
)

// fakeClock is a clock the test moves.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestLimiter(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Date(2025, 6, 17, 12, 0, 0, 0, time.UTC)}
	l := newLimiter(6, 3, 100, clock.now) // 3 at once, then one every 10 s
	steps := []struct {
		advance  time.Duration
		user     string
		want     bool
		wantWait time.Duration
	}{
		{0, "a", true, 0},
		{0, "a", true, 0},
		{0, "a", true, 0},
		{0, "a", false, 10 * time.Second},
		{0, "b", true, 0}, // users are independent
		{4 * time.Second, "a", false, 6 * time.Second},
		{6 * time.Second, "a", true, 0},
		{0, "a", false, 10 * time.Second},
		{time.Minute, "a", true, 0},
	}
	for i, s := range steps {
		clock.t = clock.t.Add(s.advance)
		ok, wait := l.allow(s.user)
		if ok != s.want || wait != s.wantWait {
			t.Errorf("step %d (%s): allow = %v, %v; want %v, %v", i, s.user, ok, wait, s.want, s.wantWait)
		}
	}
}

func TestLimiterBounded(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Date(2025, 6, 17, 12, 0, 0, 0, time.UTC)}
	l := newLimiter(60, 2, 10, clock.now)
	for i := range 1000 {
		clock.t = clock.t.Add(time.Millisecond)
		l.allow(fmt.Sprint("user", i))
		if n := l.size(); n > 10 {
			t.Fatalf("%d users tracked, limit 10", n)
		}
	}
	// A limited user stays limited while others come and go, as long as
	// they are recent.
	l.allow("heavy")
	l.allow("heavy")
	if ok, _ := l.allow("heavy"); ok {
		t.Fatal("third request within the burst of 2 allowed")
	}
	if ok, _ := newLimiter(-1, 1, 1, clock.now).allow("x"); !ok {
		t.Error("a disabled limiter refused")
	}
}
