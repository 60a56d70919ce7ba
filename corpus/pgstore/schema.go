package pgstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// migrations are the schema's versions: migrations[i] takes it from
// version i to i+1. Append, never edit.
var migrations = []string{
	`CREATE TABLE summitbot_documents (
		id           text PRIMARY KEY,
		content      text NOT NULL,        -- the document in the corpus format
		content_hash text NOT NULL,        -- corpus.Document.Hash
		updated_at   timestamptz NOT NULL DEFAULT now()
	);
	CREATE TABLE summitbot_audit (
		seq          bigserial PRIMARY KEY,
		at           timestamptz NOT NULL,
		user_id      text NOT NULL,
		user_name    text NOT NULL DEFAULT '',
		via          text NOT NULL,
		action       text NOT NULL,
		doc_id       text NOT NULL DEFAULT '',
		content_hash text NOT NULL DEFAULT '',
		gap_id       text NOT NULL DEFAULT ''
	);
	CREATE TABLE summitbot_revision (
		one boolean PRIMARY KEY DEFAULT true CHECK (one),
		n   bigint NOT NULL
	);
	INSERT INTO summitbot_revision (n) VALUES (0);`,
}

// SchemaVersion is the version of the schema this package writes.
func SchemaVersion() int { return len(migrations) }

// migrate creates the schema or brings it to SchemaVersion, in one
// transaction under the advisory lock: replicas starting together migrate
// once, the others wait and find it done. A database newer than this
// program is refused.
func (s *Store) migrate(ctx context.Context) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", lockKey); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "CREATE TABLE IF NOT EXISTS summitbot_schema (version integer NOT NULL)"); err != nil {
			return err
		}
		var version int
		err := tx.QueryRow(ctx, "SELECT version FROM summitbot_schema").Scan(&version)
		if err == pgx.ErrNoRows {
			if _, err := tx.Exec(ctx, "INSERT INTO summitbot_schema (version) VALUES (0)"); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		if version > len(migrations) {
			return fmt.Errorf("the database's schema is version %d, newer than this summitbot's %d; upgrade summitbot", version, len(migrations))
		}
		for v := version; v < len(migrations); v++ {
			if _, err := tx.Exec(ctx, migrations[v]); err != nil {
				return fmt.Errorf("migrate the schema to version %d: %w", v+1, err)
			}
		}
		_, err = tx.Exec(ctx, "UPDATE summitbot_schema SET version = $1", len(migrations))
		return err
	})
	if err != nil {
		return unavailable("prepare the PostgreSQL schema", err)
	}
	return nil
}
