// Package pggaps keeps the coverage-gaps log in PostgreSQL (a gaps.Store),
// for replicas sharing one database: a question refused on one is counted
// with the others', a dismissal on one hides the gap on all, and the salt
// of the users' hashes is the database's, so the same person counts once.
// Its tables have their own schema version, migrated at Open under an
// advisory lock like corpus/pgstore's.
package pggaps

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/summitbot/summitbot/index/gaps"
)

// DefaultMaxRows bounds the questions kept (refused and 👎); past it the
// oldest go. Dismissals and answers are kept for the retention.
const DefaultMaxRows = 20000

// lockKey is the advisory lock of the gaps tables' migrations ("sbgaps").
const lockKey int64 = 0x736267617073

// saltLen is the salt's length in bytes.
const saltLen = 32

// opTimeout bounds an operation asked for without a deadline.
const opTimeout = 5 * time.Second

// migrations take the gaps tables from version i to i+1. Append only.
var migrations = []string{
	`CREATE TABLE summitbot_gaps (
		id        bigserial PRIMARY KEY,
		at        timestamptz NOT NULL,
		event     text NOT NULL,
		key       text NOT NULL,
		question  text NOT NULL DEFAULT '',
		guild     text NOT NULL DEFAULT '',
		channel   text NOT NULL DEFAULT '',
		user_hash text NOT NULL DEFAULT '',
		passages  text[] NOT NULL DEFAULT '{}',
		doc       text NOT NULL DEFAULT ''
	);
	CREATE INDEX summitbot_gaps_at ON summitbot_gaps (at);
	CREATE TABLE summitbot_gaps_salt (
		one  boolean PRIMARY KEY DEFAULT true CHECK (one),
		salt bytea NOT NULL
	);`,
}

// Store is the gaps log in PostgreSQL.
type Store struct {
	pool    *pgxpool.Pool
	maxRows int
}

// Open connects to url (DATABASE_URL) and creates or migrates the gaps
// tables. maxRows bounds the questions kept; zero means DefaultMaxRows.
func Open(ctx context.Context, url string, maxRows int) (*Store, error) {
	if maxRows <= 0 {
		maxRows = DefaultMaxRows
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, errors.New("DATABASE_URL cannot be parsed as a PostgreSQL URL (postgres://user@host:5432/database?sslmode=disable)")
	}
	cfg.MaxConns = 2
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = opTimeout
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("gaps: connect to PostgreSQL: %w", err)
	}
	s := &Store{pool: pool, maxRows: maxRows}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) migrate(ctx context.Context) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", lockKey); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "CREATE TABLE IF NOT EXISTS summitbot_gaps_schema (version integer NOT NULL)"); err != nil {
			return err
		}
		var version int
		err := tx.QueryRow(ctx, "SELECT version FROM summitbot_gaps_schema").Scan(&version)
		if errors.Is(err, pgx.ErrNoRows) {
			_, err = tx.Exec(ctx, "INSERT INTO summitbot_gaps_schema (version) VALUES (0)")
		}
		if err != nil {
			return err
		}
		if version > len(migrations) {
			return fmt.Errorf("the gaps tables are version %d, newer than this summitbot's %d; upgrade summitbot", version, len(migrations))
		}
		for v := version; v < len(migrations); v++ {
			if _, err := tx.Exec(ctx, migrations[v]); err != nil {
				return fmt.Errorf("migrate the gaps tables to version %d: %w", v+1, err)
			}
		}
		_, err = tx.Exec(ctx, "UPDATE summitbot_gaps_schema SET version = $1", len(migrations))
		return err
	})
	if err != nil {
		return fmt.Errorf("gaps: prepare the PostgreSQL tables: %w", err)
	}
	return nil
}

// Close closes the connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// bounded gives ctx a deadline when it has none.
func bounded(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, opTimeout)
}

// Append implements gaps.Store: the records in one transaction, committed
// before it returns (whatever sync says), then the oldest questions past
// the bound dropped.
func (s *Store) Append(ctx context.Context, sync bool, recs ...gaps.Record) error {
	if len(recs) == 0 {
		return nil
	}
	ctx, cancel := bounded(ctx)
	defer cancel()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for _, r := range recs {
			passages := r.Passages
			if passages == nil {
				passages = []string{}
			}
			b.Queue(`INSERT INTO summitbot_gaps (at, event, key, question, guild, channel, user_hash, passages, doc)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				r.Time.UTC(), string(r.Event), r.Key, r.Question, r.Guild, r.Channel, r.User, passages, r.Doc)
		}
		b.Queue(`DELETE FROM summitbot_gaps WHERE id IN (
			SELECT id FROM summitbot_gaps WHERE event IN ('refused', 'down') ORDER BY id DESC OFFSET $1)`, s.maxRows)
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return fmt.Errorf("gaps: append to PostgreSQL: %w", err)
	}
	return nil
}

// Records implements gaps.Store, in the order appended.
func (s *Store) Records(ctx context.Context, since time.Time) ([]gaps.Record, error) {
	ctx, cancel := bounded(ctx)
	defer cancel()
	rows, err := s.pool.Query(ctx, `SELECT at, event, key, question, guild, channel, user_hash, passages, doc
		FROM summitbot_gaps WHERE at >= $1 ORDER BY id`, since.UTC())
	if err != nil {
		return nil, fmt.Errorf("gaps: read from PostgreSQL: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (gaps.Record, error) {
		var r gaps.Record
		var ev string
		err := row.Scan(&r.Time, &ev, &r.Key, &r.Question, &r.Guild, &r.Channel, &r.User, &r.Passages, &r.Doc)
		r.Event, r.Time = gaps.Event(ev), r.Time.UTC()
		if len(r.Passages) == 0 {
			r.Passages = nil
		}
		return r, err
	})
	if err != nil {
		return nil, fmt.Errorf("gaps: read from PostgreSQL: %w", err)
	}
	return out, nil
}

// Prune implements gaps.Store.
func (s *Store) Prune(ctx context.Context, before time.Time) error {
	ctx, cancel := bounded(ctx)
	defer cancel()
	if _, err := s.pool.Exec(ctx, "DELETE FROM summitbot_gaps WHERE at < $1", before.UTC()); err != nil {
		return fmt.Errorf("gaps: prune in PostgreSQL: %w", err)
	}
	return nil
}

// Salt implements gaps.SaltStore: made once, by whichever process asks
// first, and read by all.
func (s *Store) Salt(ctx context.Context) ([]byte, error) {
	ctx, cancel := bounded(ctx)
	defer cancel()
	b := make([]byte, saltLen)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("gaps: make the salt: %w", err)
	}
	var salt []byte
	var err error
	// Two processes making it at once: the one that waited on the other's
	// insert sees neither row in its statement; the next try reads it.
	for range 3 {
		err = s.pool.QueryRow(ctx, `WITH made AS (
				INSERT INTO summitbot_gaps_salt (salt) VALUES ($1) ON CONFLICT (one) DO NOTHING RETURNING salt)
			SELECT salt FROM made UNION ALL SELECT salt FROM summitbot_gaps_salt LIMIT 1`, b).Scan(&salt)
		if !errors.Is(err, pgx.ErrNoRows) {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("gaps: read the salt from PostgreSQL: %w", err)
	}
	if len(salt) != saltLen {
		return nil, fmt.Errorf("gaps: the salt in PostgreSQL is %d bytes, want %d", len(salt), saltLen)
	}
	return salt, nil
}
