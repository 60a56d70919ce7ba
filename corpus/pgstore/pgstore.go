// Package pgstore keeps moderators' documents and their audit log in
// PostgreSQL, shared by every replica of the bot: a corpus.Storage. One
// transaction writes a change's documents, their audit rows and a new
// revision, and notifies every listening replica (LISTEN/NOTIFY); a
// replica that lost its connection reconnects with backoff and is told to
// reconcile in full. The schema is created and migrated at Open, under an
// advisory lock, so replicas starting together do it once.
package pgstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/summitbot/summitbot/corpus"
)

// Channel is the notification channel a change is announced on; its
// payload is the new revision.
const Channel = "summitbot_documents"

// lockKey is the advisory lock that serialises migrations and changes
// (the first bytes of "summitbt").
const lockKey int64 = 0x73756d6d6974627

// opTimeout bounds a connection attempt, and a read or a change asked for
// without a deadline.
const opTimeout = 5 * time.Second

// Reconnection backoff of the listener.
const (
	minBackoff = 100 * time.Millisecond
	maxBackoff = 2 * time.Second
)

// Store is a corpus.Storage in PostgreSQL. Close it when done.
type Store struct {
	pool *pgxpool.Pool
	log  *slog.Logger

	changed chan struct{}
	cancel  context.CancelFunc
	done    chan struct{}

	mu       sync.Mutex // guards the snapshot
	revision int64      // of docs; -1 before the first load
	docs     map[string]corpus.Document
}

// Config configures Open.
type Config struct {
	// URL is the connection string (DATABASE_URL), e.g.
	// postgres://user@host:5432/db?sslmode=disable.
	URL string
	// Listen starts the listener that makes Changed receive (a serving
	// bot); without it Changed is nil (a one-off command).
	Listen bool
	// Log receives the listener's reconnections and unreadable rows.
	Log *slog.Logger
}

// Open connects to the database, creates or migrates the schema and, with
// cfg.Listen, starts listening for changes.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	pcfg, err := pgxpool.ParseConfig(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", redact(err))
	}
	pcfg.MaxConns = 4
	if pcfg.ConnConfig.ConnectTimeout == 0 {
		// A server that does not answer (a host gone, a partition) is
		// reported, not waited for: a moderator's change is refused.
		pcfg.ConnConfig.ConnectTimeout = opTimeout
	}
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return nil, fmt.Errorf("connect to PostgreSQL: %w", redact(err))
	}
	s := &Store{pool: pool, log: log.With("component", "pgstore"), revision: -1}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	if cfg.Listen {
		lctx, cancel := context.WithCancel(context.Background())
		s.changed, s.cancel, s.done = make(chan struct{}, 1), cancel, make(chan struct{})
		go func() {
			defer close(s.done)
			s.listen(lctx, pcfg.ConnConfig)
		}()
	}
	return s, nil
}

// Close stops the listener and closes the connections.
func (s *Store) Close() error {
	if s.cancel != nil {
		s.cancel()
		<-s.done
	}
	s.pool.Close()
	return nil
}

// redact drops the connection string from a parse error (it may hold a
// password).
func redact(err error) error {
	var pe *pgconn.ParseConfigError
	if errors.As(err, &pe) {
		return errors.New("cannot be parsed as a PostgreSQL URL (postgres://user@host:5432/database?sslmode=disable)")
	}
	return err
}

// unavailable marks an error of the database's connection as
// corpus.ErrUnavailable, keeping it in the chain for the log.
func unavailable(op string, err error) error {
	if err == nil {
		return nil
	}
	var connErr *pgconn.ConnectError
	if errors.As(err, &connErr) {
		return fmt.Errorf("%s: %w (%w)", op, corpus.ErrUnavailable, err)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && !isShutdown(pgErr) {
		return fmt.Errorf("%s: %w", op, err)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", op, err)
	}
	return fmt.Errorf("%s: %w (%w)", op, corpus.ErrUnavailable, err)
}

// isShutdown reports whether a server error means the server is going
// away (admin shutdown, crash, cannot connect now): the class 57P and 08.
func isShutdown(e *pgconn.PgError) bool {
	return len(e.Code) == 5 && (e.Code[:3] == "57P" || e.Code[:2] == "08")
}

// Changed receives after a notification of a change and after every
// (re)connection of the listener; nil without Config.Listen.
func (s *Store) Changed() <-chan struct{} { return s.changed }

// signal makes Changed receive, without blocking.
func (s *Store) signal() {
	select {
	case s.changed <- struct{}{}:
	default:
	}
}

// listen holds a connection listening on Channel, reconnecting with
// backoff when it is lost, until ctx is done.
func (s *Store) listen(ctx context.Context, cfg *pgx.ConnConfig) {
	backoff := minBackoff
	for ctx.Err() == nil {
		err := s.listenOnce(ctx, cfg, func() { backoff = minBackoff })
		if ctx.Err() != nil {
			return
		}
		s.log.Warn("listening for document changes failed; reconnecting", "in", backoff, "err", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, maxBackoff)
	}
}

// listenOnce connects, listens and signals each notification; connected
// is called once listening. It returns when the connection fails.
func (s *Store) listenOnce(ctx context.Context, cfg *pgx.ConnConfig, connected func()) error {
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	conn, err := pgx.ConnectConfig(cctx, cfg)
	cancel()
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		return err
	}
	connected()
	// Anything may have changed while not listening: reconcile in full.
	s.signal()
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		s.signal()
	}
}

// Load returns the stored documents; the version is the revision, bumped
// by every change. Documents are read again only when it moved.
func (s *Store) Load(ctx context.Context) (map[string]corpus.Document, string, error) {
	ctx, cancel := bounded(ctx)
	defer cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.load(ctx, s.pool); err != nil {
		return nil, "", err
	}
	return s.docs, strconv.FormatInt(s.revision, 10), nil
}

// bounded gives ctx a deadline of opTimeout when it has none: a database
// that stopped answering is reported, not waited for.
func bounded(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, opTimeout)
}

// querier is a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// load brings the snapshot up to the stored revision. The caller holds mu.
func (s *Store) load(ctx context.Context, q querier) error {
	var rev int64
	if err := q.QueryRow(ctx, "SELECT n FROM summitbot_revision").Scan(&rev); err != nil {
		return unavailable("read the documents' revision", err)
	}
	if rev == s.revision {
		return nil
	}
	// A revision and its documents, read together: a pool reads them in
	// one repeatable-read transaction, a change's transaction holds the
	// lock every writer takes.
	if _, inTx := q.(pgx.Tx); !inTx {
		return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
			return s.loadAll(ctx, tx)
		})
	}
	return s.loadAll(ctx, q)
}

// loadAll reads the revision and every document. The caller holds mu.
func (s *Store) loadAll(ctx context.Context, q querier) error {
	var rev int64
	if err := q.QueryRow(ctx, "SELECT n FROM summitbot_revision").Scan(&rev); err != nil {
		return unavailable("read the documents' revision", err)
	}
	rows, err := q.Query(ctx, "SELECT id, content FROM summitbot_documents")
	if err != nil {
		return unavailable("read the documents", err)
	}
	docs := make(map[string]corpus.Document, len(s.docs))
	for rows.Next() {
		var id, content string
		if err := rows.Scan(&id, &content); err != nil {
			rows.Close()
			return unavailable("read the documents", err)
		}
		d, err := corpus.Parse([]byte(content))
		if err == nil && d.ID != id {
			err = fmt.Errorf("%w: row %s holds id %q", corpus.ErrID, id, d.ID)
		}
		if err != nil {
			s.log.Warn("skipping unreadable document row", "id", id, "err", err)
			continue
		}
		docs[id] = d
	}
	if err := rows.Err(); err != nil {
		return unavailable("read the documents", err)
	}
	// A new map: the one returned before stays as it was.
	s.docs, s.revision = docs, rev
	return nil
}

// Change runs plan in a transaction holding the advisory lock every
// writer takes, with the documents read afresh, then writes each change's
// document (in the corpus format, read back before writing) and audit row,
// bumps the revision and notifies the replicas, and commits. It returns
// only after the commit: nothing is half written, and a failure to commit
// is an error (never reported saved).
func (s *Store) Change(ctx context.Context, plan func(stored map[string]corpus.Document) ([]corpus.Change, error)) error {
	ctx, cancel := bounded(ctx)
	defer cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return unavailable("begin a change", err)
	}
	defer tx.Rollback(context.Background()) // a no-op after Commit
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", lockKey); err != nil {
		return unavailable("lock the documents", err)
	}
	if err := s.load(ctx, tx); err != nil {
		return err
	}
	changes, err := plan(s.docs)
	if err != nil || len(changes) == 0 {
		return err
	}
	b := &pgx.Batch{}
	written := make(map[string]*corpus.Document, len(changes)) // what the snapshot becomes: nil for removed
	for _, c := range changes {
		var content []byte
		if c.Action != corpus.ActionRemove {
			if content, err = corpus.Encode(c.Doc); err != nil {
				return err
			}
			back, err := corpus.Parse(content)
			if err != nil {
				return fmt.Errorf("%w: document %s does not read back: %v", corpus.ErrFormat, c.Doc.ID, err)
			}
			written[c.Doc.ID] = &back
		} else {
			written[c.Doc.ID] = nil
		}
		id := c.Doc.ID
		switch c.Action {
		case corpus.ActionAdd:
			b.Queue("INSERT INTO summitbot_documents (id, content, content_hash) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
				id, string(content), c.Doc.Hash()).Exec(func(ct pgconn.CommandTag) error {
				if ct.RowsAffected() == 0 {
					return fmt.Errorf("%w: %s", corpus.ErrExists, id)
				}
				return nil
			})
		case corpus.ActionUpdate:
			b.Queue(`INSERT INTO summitbot_documents (id, content, content_hash) VALUES ($1, $2, $3)
				ON CONFLICT (id) DO UPDATE SET content = EXCLUDED.content, content_hash = EXCLUDED.content_hash, updated_at = now()`,
				id, string(content), c.Doc.Hash())
		case corpus.ActionRemove:
			b.Queue("DELETE FROM summitbot_documents WHERE id = $1", id).Exec(func(ct pgconn.CommandTag) error {
				if ct.RowsAffected() == 0 {
					return fmt.Errorf("%w: %s", corpus.ErrNotFound, id)
				}
				return nil
			})
		default:
			return fmt.Errorf("unknown change %q of document %s", c.Action, id)
		}
		queueAudit(b, c.Entry())
	}
	var rev int64
	b.Queue("UPDATE summitbot_revision SET n = n + 1 RETURNING n").QueryRow(func(r pgx.Row) error { return r.Scan(&rev) })
	b.Queue("SELECT pg_notify($1, (SELECT n::text FROM summitbot_revision))", Channel)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		if errors.Is(err, corpus.ErrExists) || errors.Is(err, corpus.ErrNotFound) {
			return err
		}
		return unavailable("write the change", err)
	}
	if err := tx.Commit(ctx); err != nil {
		// Perhaps committed, perhaps not: never reported saved. A retry
		// finds it (Collection.Find) if it was.
		s.revision = -1
		return unavailable("commit the change", err)
	}
	// The snapshot after the change, which this transaction made alone
	// (under the lock) into revision rev.
	docs := make(map[string]corpus.Document, len(s.docs)+len(written))
	for id, d := range s.docs {
		docs[id] = d
	}
	for id, d := range written {
		if d == nil {
			delete(docs, id)
		} else {
			docs[id] = *d
		}
	}
	s.docs, s.revision = docs, rev
	return nil
}

// queueAudit adds the insertion of an audit row to b.
func queueAudit(b *pgx.Batch, e corpus.AuditEntry) {
	if e.Time.IsZero() {
		e.Time = time.Now().UTC()
	}
	b.Queue(`INSERT INTO summitbot_audit (at, user_id, user_name, via, action, doc_id, content_hash, gap_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, e.Time, e.UserID, e.User, e.Via, e.Action, e.DocID, e.Hash, e.Gap)
}

// Append adds audit entries that change no document (dismissed coverage
// gaps), in one transaction.
func (s *Store) Append(entries ...corpus.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for _, e := range entries {
			queueAudit(b, e)
		}
		return tx.SendBatch(ctx, b).Close()
	})
	return unavailable("append to the audit log", err)
}

// Audit returns the audit log, oldest first.
func (s *Store) Audit(ctx context.Context) ([]corpus.AuditEntry, error) {
	rows, err := s.pool.Query(ctx, `SELECT at, user_id, user_name, via, action, doc_id, content_hash, gap_id
		FROM summitbot_audit ORDER BY seq`)
	if err != nil {
		return nil, unavailable("read the audit log", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (corpus.AuditEntry, error) {
		var e corpus.AuditEntry
		err := r.Scan(&e.Time, &e.UserID, &e.User, &e.Via, &e.Action, &e.DocID, &e.Hash, &e.Gap)
		e.Time = e.Time.UTC()
		return e, err
	})
	return out, unavailable("read the audit log", err)
}
