package gaps

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"time"
)

// IDLen is the length of a gap's id: hexadecimal digits of its key's hash.
const IDLen = 12

// GapID returns the id of the gap with this key.
func GapID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])[:IDLen]
}

// ValidID reports whether s can be a gap id.
func ValidID(s string) bool {
	if len(s) != IDLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// builder gathers one gap's questions.
type builder struct {
	gap      Gap
	wordings map[string]*wording
	people   map[string]bool
	downBy   map[string]bool
	passages map[string]int
	status   Status
}

type wording struct {
	n    int
	last time.Time
}

// group turns records (oldest first) into the report of the questions
// asked from since on in guild (or anywhere when guild is ""; DMs always).
func group(recs []Record, guild string, since time.Time) Report {
	dismissed := map[string]bool{}
	answered := map[string]time.Time{}
	for _, r := range recs {
		switch r.Event {
		case Dismissed:
			dismissed[r.Key] = true
		case Answered:
			if r.Time.After(answered[r.Key]) {
				answered[r.Key] = r.Time
			}
		}
	}
	byKey := map[string]*builder{}
	for _, r := range recs {
		if r.Event != Refused && r.Event != Down || r.Time.Before(since) || r.Key == "" {
			continue
		}
		if guild != "" && r.Guild != guild && r.Guild != "" {
			continue
		}
		b := byKey[r.Key]
		if b == nil {
			b = &builder{
				gap:      Gap{ID: GapID(r.Key), Key: r.Key},
				wordings: map[string]*wording{}, people: map[string]bool{}, downBy: map[string]bool{}, passages: map[string]int{},
				status: StatusOpen,
			}
			byKey[r.Key] = b
		}
		switch {
		case dismissed[r.Key]:
			b.status = StatusDismissed
			continue
		case !r.Time.After(answered[r.Key]):
			if b.status == StatusOpen && b.gap.Asked == 0 {
				b.status = StatusAnswered
			}
			continue // asked before it was answered
		}
		b.add(r)
	}
	rep := Report{Since: since, Open: []Gap{}}
	for _, b := range byKey {
		switch {
		case b.gap.Asked > 0:
			rep.Open = append(rep.Open, b.finish())
		case b.status == StatusDismissed:
			rep.Dismissed++
		case b.status == StatusAnswered:
			rep.Answered++
		}
	}
	sort.Slice(rep.Open, func(i, j int) bool {
		a, b := rep.Open[i], rep.Open[j]
		switch {
		case a.Asked != b.Asked:
			return a.Asked > b.Asked
		case a.People != b.People:
			return a.People > b.People
		case !a.Last.Equal(b.Last):
			return a.Last.After(b.Last)
		}
		return a.Key < b.Key
	})
	return rep
}

// add counts one question of the gap, asked after it was last answered.
func (b *builder) add(r Record) {
	g := &b.gap
	if r.Event == Down {
		if r.User != "" && b.downBy[r.User] {
			return // a 👎 counts once a person
		}
		b.downBy[r.User] = true
		g.Down++
		for _, p := range r.Passages {
			b.passages[p]++
		}
	} else {
		g.Refused++
	}
	g.Asked++
	if r.User != "" {
		b.people[r.User] = true
	}
	if g.First.IsZero() || r.Time.Before(g.First) {
		g.First = r.Time
	}
	if r.Time.After(g.Last) {
		g.Last = r.Time
	}
	w := b.wordings[r.Question]
	if w == nil {
		w = &wording{}
		b.wordings[r.Question] = w
	}
	w.n++
	if !r.Time.Before(w.last) {
		w.last = r.Time
	}
}

// finish returns the gap with its wording, people and passages.
func (b *builder) finish() Gap {
	g := b.gap
	g.People = len(b.people)
	g.Wordings = len(b.wordings)
	var best *wording
	for q, w := range b.wordings {
		if best == nil || w.n > best.n || w.n == best.n && (w.last.After(best.last) || w.last.Equal(best.last) && q < g.Question) {
			best, g.Question = w, q
		}
	}
	for p := range b.passages {
		g.Passages = append(g.Passages, p)
	}
	sort.Slice(g.Passages, func(i, j int) bool {
		a, c := g.Passages[i], g.Passages[j]
		if b.passages[a] != b.passages[c] {
			return b.passages[a] > b.passages[c]
		}
		return a < c
	})
	g.Passages = g.Passages[:min(len(g.Passages), RecheckPassages)]
	return g
}
