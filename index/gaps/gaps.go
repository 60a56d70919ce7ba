// Package gaps is the coverage-gaps log: the questions the bot could not
// answer and the answers people marked 👎, kept so that moderators see what
// the documents lack, grouped by what they ask, next to the button that
// fills the gap.
//
// # What is kept, and for how long
//
// Each record is one JSON line: its time, its event (refused, down,
// dismissed, answered), the question as the engine reads it (mention
// markup and control characters gone, at most MaxQuestionLen characters),
// its grouping key (reading.Question.Key), the guild it was asked in and
// the kind of channel ("server", or "DM" for a direct message: never a
// channel id), a salted hash of the user id (never the id, never a name),
// and for a 👎 the ids of the passages the answer showed. The salt is a
// random file in the data folder (gaps/salt), made at the first record:
// the hashes count distinct people and cannot be turned back into ids
// without it. Records older than the retention (DefaultRetention, 90
// days) are dropped from the file, and the file is bounded in size
// (DefaultMaxBytes): past its bound the oldest half goes.
//
// # Grouping
//
// Questions with the same key are one gap: the same analysed terms,
// typo-corrected, and the same kind of answer, so that "whens the next
// summit" and "When is the next summit?" count as one. A gap is shown by
// its most common wording, with how often it was asked (a 👎 counts once
// a person), by how many people, and when last.
//
// A moderator's Dismiss hides a gap for as long as the dismissal is kept
// (the retention). When a document is added, Recheck asks the open gaps
// again and marks answered those whose answer now cites the document; a
// gap answered that way opens again if the question is refused again
// later.
//
// # Stores
//
// The records live behind the small Store interface. FileStore keeps them
// in the data folder, with the salt. index/gaps/pggaps keeps them in
// PostgreSQL, shared by replicas, with the salt (a SaltStore).
package gaps

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/reading"
)

// Event is what a record says happened.
type Event string

// Events.
const (
	// Refused: the bot could not answer the question.
	Refused Event = "refused"
	// Down: someone marked the answer to the question 👎.
	Down Event = "down"
	// Dismissed: a moderator hid the gap.
	Dismissed Event = "dismissed"
	// Answered: a document added since answers the gap.
	Answered Event = "answered"
)

// Channel kinds, as recorded.
const (
	ChannelDM     = "DM"
	ChannelServer = "server"
)

// Record is one line of the gaps log.
type Record struct {
	Time  time.Time `json:"t"`
	Event Event     `json:"ev"`
	// Key groups the questions asking the same thing.
	Key string `json:"key"`
	// Question is the question as asked (refused, down), cleaned.
	Question string `json:"q,omitempty"`
	// Guild is the id of the server it was asked in, "" in a DM.
	Guild string `json:"guild,omitempty"`
	// Channel is ChannelServer or ChannelDM (refused, down).
	Channel string `json:"ch,omitempty"`
	// User is the salted hash of the id of who asked (refused, down) or
	// dismissed.
	User string `json:"user,omitempty"`
	// Passages are the ids of the passages the answer showed (down).
	Passages []string `json:"passages,omitempty"`
	// Doc is the document that answers the gap (answered).
	Doc string `json:"doc,omitempty"`
}

// Store keeps the records of the gaps log, bounded in size. FileStore
// keeps them in the data folder; a PostgreSQL store would keep them in a
// table (see the package comment).
type Store interface {
	// Append adds records, in order. When sync is true they are durable
	// when it returns: a moderator is told of them.
	Append(ctx context.Context, sync bool, recs ...Record) error
	// Records returns the records kept from since on, oldest first.
	Records(ctx context.Context, since time.Time) ([]Record, error)
	// Prune forgets the records older than before.
	Prune(ctx context.Context, before time.Time) error
	// Close releases what the store holds.
	Close() error
}

// SaltStore is a Store that keeps the salt of the users' hashes itself,
// shared by every process using it (PostgreSQL's, for replicas: the same
// person hashes the same on each). Other stores' salt is a file in the
// gaps folder.
type SaltStore interface {
	Store
	// Salt returns the salt, making it (random) the first time.
	Salt(ctx context.Context) ([]byte, error)
}

// Reader reads a question as the engine does, for its grouping key;
// *answer.Engine (and so *library.Library) is one.
type Reader interface {
	Read(ctx context.Context, question string) (reading.Question, error)
}

// Asker answers questions, to ask the open gaps again; *answer.Engine is
// one.
type Asker interface {
	Ask(ctx context.Context, question string, k int) (answer.Answer, error)
}

// Auditor keeps the audit log of moderators' actions; *corpus.AuditLog is
// one.
type Auditor interface {
	Append(entries ...corpus.AuditEntry) error
}

// Limits and defaults.
const (
	// DefaultRetention is how long records are kept.
	DefaultRetention = 90 * 24 * time.Hour
	// MaxQuestionLen bounds a recorded question, in characters.
	MaxQuestionLen = 300
	// maxKeyLen bounds a recorded key, in bytes.
	maxKeyLen = 400
	// maxPassages bounds the passage ids of a 👎.
	maxPassages = 5
	// MaxRecheck is how many open gaps, most asked first, Recheck asks
	// again.
	MaxRecheck = 50
	// RecheckPassages is how many passages of a re-asked gap's answer
	// may cite the new document: as many as an answer shows.
	RecheckPassages = 3
	// pruneEvery is how often Record drops expired records.
	pruneEvery = time.Hour
)

// ActionDismiss is the audit action of a dismissed gap.
const ActionDismiss = "dismiss-gap"

// DirName is the folder of the gaps log in the data folder.
const DirName = "gaps"

// ErrNotFound is returned for a gap that is no longer listed (dismissed,
// answered or expired).
var ErrNotFound = errors.New("no such open gap")

// Config configures Open.
type Config struct {
	// Dir is the data folder; the log and its salt live in Dir/gaps.
	Dir string
	// Store keeps the records; nil means a FileStore in Dir/gaps bounded
	// by MaxBytes.
	Store Store
	// MaxBytes bounds the FileStore's files together; zero means
	// DefaultMaxBytes.
	MaxBytes int64
	// Retention is how long records are kept; zero means
	// DefaultRetention.
	Retention time.Duration
	// Reader reads questions for their grouping key; nil groups by the
	// lower-cased words.
	Reader Reader
	// Audit, when set, gets an entry for each dismissed gap.
	Audit Auditor
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Log receives warnings.
	Log *slog.Logger
}

// Log is the coverage-gaps log. It is safe for concurrent use, and several
// processes may share one data folder.
type Log struct {
	store     Store
	dir       string
	retention time.Duration
	reader    Reader
	audit     Auditor
	now       func() time.Time
	log       *slog.Logger

	mu     sync.Mutex
	salt   []byte
	pruned time.Time // when expired records were last dropped
}

// Open returns the gaps log of cfg.Dir. It writes nothing: the folder,
// its salt and its file are made at the first record.
func Open(cfg Config) (*Log, error) {
	if cfg.Dir == "" {
		return nil, errors.New("gaps: no data folder")
	}
	if cfg.Retention < 0 {
		return nil, fmt.Errorf("gaps retention %v is negative", cfg.Retention)
	}
	if cfg.Retention == 0 {
		cfg.Retention = DefaultRetention
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	dir := filepath.Join(cfg.Dir, DirName)
	if cfg.Store == nil {
		fs, err := NewFileStore(dir, cfg.MaxBytes)
		if err != nil {
			return nil, err
		}
		cfg.Store = fs
	}
	return &Log{
		store: cfg.Store, dir: dir, retention: cfg.Retention, reader: cfg.Reader, audit: cfg.Audit,
		now: cfg.Now, log: cfg.Log.With("component", "gaps"),
	}, nil
}

// Close closes the store.
func (l *Log) Close() error { return l.store.Close() }

// Retention is how long records are kept.
func (l *Log) Retention() time.Duration { return l.retention }

// Ask is a question to record: one the bot could not answer (Refused), or
// whose answer was marked 👎 (Down).
type Ask struct {
	Event    Event
	Question string
	// Guild is the server it was asked in; "" for a DM.
	Guild string
	// User is the Discord id of who asked: only its salted hash is kept.
	User string
	// Passages are the ids of the passages the answer showed (Down).
	Passages []string
}

// Record records a, unless there is nothing in it to fill: an empty
// question, or small talk ("thanks!").
func (l *Log) Record(ctx context.Context, a Ask) error {
	if a.Event != Refused && a.Event != Down {
		return fmt.Errorf("gaps: cannot record a %q event", a.Event)
	}
	q, err := reading.Clean(a.Question)
	if err != nil {
		return nil // nothing asked, nothing missing
	}
	key, ok, err := l.key(ctx, q)
	if err != nil || !ok {
		return err
	}
	user, err := l.hash(a.User)
	if err != nil {
		return err
	}
	r := Record{
		Time: l.now().UTC().Truncate(time.Second), Event: a.Event, Key: key,
		Question: truncate(q, MaxQuestionLen), Guild: a.Guild, Channel: ChannelServer, User: user,
	}
	if a.Guild == "" {
		r.Channel = ChannelDM
	}
	for _, p := range a.Passages {
		if _, _, ok := corpus.ParsePassageID(p); ok && len(r.Passages) < maxPassages {
			r.Passages = append(r.Passages, p)
		}
	}
	l.maybePrune(ctx)
	if err := l.store.Append(ctx, false, r); err != nil {
		return fmt.Errorf("record a gap: %w", err)
	}
	return nil
}

// key returns the grouping key of q; false means q is not worth recording.
func (l *Log) key(ctx context.Context, q string) (string, bool, error) {
	if l.reader == nil {
		return wordsKey(q), true, nil
	}
	rq, err := l.reader.Read(ctx, q)
	switch {
	case errors.Is(err, reading.ErrBadQuestion):
		return "", false, nil
	case err != nil:
		if ctx.Err() != nil {
			return "", false, fmt.Errorf("read a gap's question: %w", err)
		}
		l.log.WarnContext(ctx, "could not read a question for its gap; grouping it by its words", "err", err)
		return wordsKey(q), true, nil
	case rq.SmallTalk:
		return "", false, nil
	}
	return truncateBytes(rq.Key(), maxKeyLen), true, nil
}

// wordsKey is the key of a question when no Reader is given: its
// lower-cased words.
func wordsKey(q string) string {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > utf8.RuneSelf)
	})
	return truncateBytes("words:"+strings.Join(words, " "), maxKeyLen)
}

// hash returns the salted hash of a user id ("" for no id), making the
// salt at first use.
func (l *Log) hash(id string) (string, error) {
	if id == "" {
		return "", nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.salt == nil {
		var (
			s   []byte
			err error
		)
		if ss, ok := l.store.(SaltStore); ok {
			s, err = ss.Salt(context.Background())
		} else {
			s, err = loadSalt(l.dir)
		}
		if err != nil {
			return "", err
		}
		l.salt = s
	}
	m := hmac.New(sha256.New, l.salt)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil))[:16], nil
}

// maybePrune drops the expired records when it has not for pruneEvery.
func (l *Log) maybePrune(ctx context.Context) {
	now := l.now()
	l.mu.Lock()
	due := now.Sub(l.pruned) >= pruneEvery
	if due {
		l.pruned = now
	}
	l.mu.Unlock()
	if due {
		if err := l.store.Prune(ctx, now.Add(-l.retention)); err != nil {
			l.log.WarnContext(ctx, "could not drop expired gaps", "err", err)
		}
	}
}

// Prune drops the records older than the retention now.
func (l *Log) Prune(ctx context.Context) error {
	now := l.now()
	l.mu.Lock()
	l.pruned = now
	l.mu.Unlock()
	return l.store.Prune(ctx, now.Add(-l.retention))
}

// Filter selects the gaps to list.
type Filter struct {
	// Since: questions asked before are not counted (the retention
	// bounds it anyway).
	Since time.Time
	// Guild, when set, keeps the questions asked in that server and in
	// DMs; "" keeps all.
	Guild string
}

// Status is where a gap stands.
type Status string

// Statuses.
const (
	StatusOpen      Status = "open"
	StatusAnswered  Status = "answered"
	StatusDismissed Status = "dismissed"
)

// Gap is a group of questions asking the same thing.
type Gap struct {
	// ID is short and stable: made from Key, for buttons.
	ID  string `json:"id"`
	Key string `json:"key"`
	// Question is the most common wording (the latest of equals).
	Question string `json:"question"`
	// Wordings is the number of distinct wordings.
	Wordings int `json:"wordings"`
	// Asked is Refused plus Down.
	Asked   int `json:"asked"`
	Refused int `json:"refused"`
	// Down counts the people who marked an answer 👎 (once each).
	Down int `json:"down"`
	// People is the number of distinct people who asked.
	People int       `json:"people"`
	First  time.Time `json:"first"`
	Last   time.Time `json:"last"`
	// Passages are the passages shown for the 👎s, most often first.
	Passages []string `json:"passages,omitempty"`
}

// Report is the list of gaps.
type Report struct {
	Since time.Time `json:"since"`
	// Open are the open gaps, most asked first.
	Open []Gap `json:"gaps"`
	// Answered and Dismissed count the gaps asked in the window that are
	// closed.
	Answered  int `json:"answered"`
	Dismissed int `json:"dismissed"`
}

// List returns the gaps of f.
func (l *Log) List(ctx context.Context, f Filter) (Report, error) {
	now := l.now()
	horizon := now.Add(-l.retention)
	recs, err := l.store.Records(ctx, horizon)
	if err != nil {
		return Report{}, fmt.Errorf("read the gaps: %w", err)
	}
	since := f.Since
	if since.Before(horizon) {
		since = horizon
	}
	return group(recs, f.Guild, since), nil
}

// Find returns the open gap with this id, among f's (since any time in
// the retention).
func (l *Log) Find(ctx context.Context, id string, f Filter) (Gap, error) {
	rep, err := l.List(ctx, Filter{Guild: f.Guild})
	if err != nil {
		return Gap{}, err
	}
	for _, g := range rep.Open {
		if g.ID == id {
			return g, nil
		}
	}
	return Gap{}, fmt.Errorf("%w: %s", ErrNotFound, id)
}

// Dismiss hides the open gap id (among f's) for as long as the dismissal
// is kept, with an audit entry for who. The dismissal is durable when it
// returns.
func (l *Log) Dismiss(ctx context.Context, id string, f Filter, who corpus.Actor) (Gap, error) {
	g, err := l.Find(ctx, id, f)
	if err != nil {
		return Gap{}, err
	}
	user, err := l.hash(who.ID)
	if err != nil {
		return Gap{}, err
	}
	now := l.now().UTC().Truncate(time.Second)
	if l.audit != nil {
		// The audit line first: nothing is done that it does not show.
		e := corpus.AuditEntry{Time: now, UserID: who.ID, User: who.Name, Via: who.Via, Action: ActionDismiss, Gap: g.ID}
		if err := l.audit.Append(e); err != nil {
			return Gap{}, fmt.Errorf("dismiss gap %s: %w", g.ID, err)
		}
	}
	if err := l.store.Append(ctx, true, Record{Time: now, Event: Dismissed, Key: g.Key, User: user}); err != nil {
		return Gap{}, fmt.Errorf("dismiss gap %s: %w", g.ID, err)
	}
	return g, nil
}

// Recheck asks the open gaps again (at most MaxRecheck, most asked first)
// and marks answered those whose answer now cites document docID, just
// added or changed. It returns them; they are durable when it returns.
func (l *Log) Recheck(ctx context.Context, eng Asker, docID string) ([]Gap, error) {
	rep, err := l.List(ctx, Filter{})
	if err != nil {
		return nil, err
	}
	var closed []Gap
	var recs []Record
	for _, g := range rep.Open[:min(len(rep.Open), MaxRecheck)] {
		a, err := eng.Ask(ctx, g.Question, RecheckPassages)
		if err != nil {
			if ctx.Err() != nil {
				break // keep what was found
			}
			l.log.WarnContext(ctx, "could not ask a gap again", "gap", g.ID, "err", err)
			continue
		}
		if !a.Answered || !cites(a, docID) {
			continue
		}
		closed = append(closed, g)
		recs = append(recs, Record{Time: l.now().UTC().Truncate(time.Second), Event: Answered, Key: g.Key, Doc: docID})
	}
	if len(recs) == 0 {
		return nil, nil
	}
	// Written even when ctx is done: the answers were found.
	if err := l.store.Append(context.WithoutCancel(ctx), true, recs...); err != nil {
		return nil, fmt.Errorf("mark %d gaps answered: %w", len(recs), err)
	}
	return closed, nil
}

// cites reports whether a passage of a comes from document docID.
func cites(a answer.Answer, docID string) bool {
	for _, h := range a.Passages[:min(len(a.Passages), RecheckPassages)] {
		if h.DocID == docID {
			return true
		}
	}
	return false
}

// truncate cuts s to at most n characters.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// truncateBytes cuts s to at most n bytes, on a character boundary.
func truncateBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
