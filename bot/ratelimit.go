package bot

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter is a token bucket per user, kept in a map of bounded size: when
// it is full, users whose bucket has refilled are forgotten first (they
// lose nothing), then the least recently seen.
type limiter struct {
	limit rate.Limit
	burst int
	max   int
	now   func() time.Time

	mu    sync.Mutex
	users map[string]*userBucket
}

type userBucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// newLimiter allows each user burst requests at once and perMinute a minute
// after that, tracking at most maxUsers users. perMinute <= 0 turns the
// limit off.
func newLimiter(perMinute float64, burst, maxUsers int, now func() time.Time) *limiter {
	return &limiter{
		limit: rate.Limit(perMinute / 60),
		burst: burst,
		max:   maxUsers,
		now:   now,
		users: make(map[string]*userBucket),
	}
}

// allow takes a token from user's bucket. When there is none it reports
// false and how long until there is one.
func (l *limiter) allow(user string) (bool, time.Duration) {
	if l.limit <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	u, ok := l.users[user]
	if !ok {
		if len(l.users) >= l.max {
			l.evict(now)
		}
		u = &userBucket{lim: rate.NewLimiter(l.limit, l.burst)}
		l.users[user] = u
	}
	u.seen = now
	r := u.lim.ReserveN(now, 1)
	if !r.OK() {
		return false, time.Minute
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, max(d.Round(time.Millisecond), time.Millisecond)
	}
	return true, 0
}

// evict makes room for one more user. l.mu is held.
func (l *limiter) evict(now time.Time) {
	refill := time.Duration(float64(l.burst) / float64(l.limit) * float64(time.Second))
	var oldest string
	var oldestSeen time.Time
	for id, u := range l.users {
		if now.Sub(u.seen) >= refill {
			delete(l.users, id)
			continue
		}
		if oldest == "" || u.seen.Before(oldestSeen) {
			oldest, oldestSeen = id, u.seen
		}
	}
	if len(l.users) >= l.max && oldest != "" {
		delete(l.users, oldest)
	}
}

// size is the number of users tracked.
func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.users)
}
