package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/summitbot/summitbot/bot"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/gaps"
	"github.com/summitbot/summitbot/index/library"
)

// refreshEvery is how often serve looks for documents other processes wrote.
const refreshEvery = 2 * time.Second

// errNoToken explains how to get a token, and that ask needs none.
var errNoToken = errors.New(`DISCORD_TOKEN is not set.
Create an application and its bot at https://discord.com/developers/applications
(Bot → Reset Token), then set DISCORD_TOKEN in the environment or in .env (see .env.example).
Without a token, 'summitbot ask "question"' answers from the terminal`)

func runServe(ctx context.Context, args []string, e env) error {
	fs := newFlags(e, "serve", "", `Runs the Discord bot: answers /ask, /search, /source, /about, mentions and
DMs, and the moderators' /doc commands, until SIGINT or SIGTERM. Needs
DISCORD_TOKEN (in the environment or .env). With INTERACTIONS_ADDR and
DISCORD_PUBLIC_KEY it also serves Discord's HTTP interactions endpoint
(GATEWAY=off: that alone); see README.md for the rest.`)
	dataDir := fs.dataFlag(dataDirDefault(e.getenv), "data folder holding the documents and the index")
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fs.fail(fmt.Errorf("serve takes no arguments, got %q", fs.Args()))
	}
	cfg, err := botConfig(e.getenv)
	if err != nil {
		return usageError{err: err}
	}
	gapsOn, retention, err := gapsSettings(e.getenv)
	if err != nil {
		return usageError{err: err}
	}
	log, err := newLogger(e.stderr, e.getenv, slog.LevelInfo)
	if err != nil {
		return err
	}
	ix, err := openLibraryLimited(ctx, *dataDir, cfg.MaxBodyBytes, e.getenv, true, log)
	if err != nil {
		return err
	}
	// /healthz on the interactions endpoint says ready only while the
	// index is open.
	var closed atomic.Bool
	defer func() {
		closed.Store(true)
		_ = ix.Close()
	}()
	cfg.Ready = func() error {
		if closed.Load() {
			return errors.New("the index is closed")
		}
		return nil
	}
	st := ix.Stats()
	where := "folder"
	if ix.storage != nil {
		where = "postgresql"
	}
	log.Info("index ready", "data", *dataDir, "documents", st.Documents, "passages", st.Passages, "storage", where)
	if gapsOn {
		// The questions it cannot answer go to DATA/gaps (or to
		// PostgreSQL, shared by replicas); dismissals to the audit log,
		// beside the documents' changes.
		store, err := gapsStore(ctx, e.getenv)
		if err != nil {
			return err
		}
		g, err := gaps.Open(gaps.Config{
			Dir: *dataDir, Retention: retention, Reader: ix, Log: log, Store: store,
			Audit: auditor(ix, *dataDir),
		})
		if err != nil {
			if store != nil {
				store.Close()
			}
			return err
		}
		defer g.Close()
		cfg.Gaps = g
	}
	b, err := bot.New(cfg, ix, log)
	if err != nil {
		return usageError{err: err}
	}
	// Documents written by other processes (summitbot docs, another shard
	// or replica) become searchable within a refresh interval, or at once
	// when PostgreSQL notifies the change.
	watchCtx, stopWatch := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		ix.Watch(watchCtx, refreshEvery)
	}()
	err = b.Run(ctx)
	stopWatch()
	<-watched
	return err
}

// auditor is where dismissals of coverage gaps are audited: beside the
// documents' changes, in PostgreSQL or in the data folder's audit log.
func auditor(ix *openedLibrary, dataDir string) gaps.Auditor {
	if ix.storage != nil {
		return ix.storage
	}
	return corpus.OpenAuditLog(filepath.Join(dataDir, library.AuditFileName))
}

// botConfig reads the bot's settings from the environment.
func botConfig(getenv func(string) string) (bot.Config, error) {
	cfg := bot.Config{
		Token:   strings.TrimSpace(getenv("DISCORD_TOKEN")),
		GuildID: strings.TrimSpace(getenv("DISCORD_GUILD_ID")),
		APIURL:  strings.TrimSpace(getenv("DISCORD_API_URL")),
	}
	if cfg.Token == "" {
		return cfg, errNoToken
	}
	ints := []struct {
		name string
		dst  *int
	}{
		{"SHARD_ID", &cfg.ShardID},
		{"SHARD_COUNT", &cfg.ShardCount},
		{"RATE_BURST", &cfg.RateBurst},
	}
	for _, v := range ints {
		if s := strings.TrimSpace(getenv(v.name)); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return cfg, fmt.Errorf("%s=%q: want a whole number, 0 or more", v.name, s)
			}
			*v.dst = n
		}
	}
	maxBody, err := maxDocumentBytes(getenv)
	if err != nil {
		return cfg, err
	}
	cfg.MaxBodyBytes = maxBody
	for _, id := range strings.Split(getenv("MODERATOR_ROLE_IDS"), ",") {
		if id = strings.TrimSpace(id); id != "" {
			cfg.ModeratorRoleIDs = append(cfg.ModeratorRoleIDs, id)
		}
	}
	if s := strings.TrimSpace(getenv("RATE_PER_MINUTE")); s != "" {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return cfg, fmt.Errorf("RATE_PER_MINUTE=%q: want a number (negative turns the limit off)", s)
		}
		cfg.RatePerMinute = f
	}
	if s := strings.TrimSpace(getenv("ANSWER_TIMEOUT")); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return cfg, fmt.Errorf("ANSWER_TIMEOUT=%q: want a duration such as 10s", s)
		}
		cfg.AnswerTimeout = d
	}
	if s := strings.TrimSpace(getenv("ANSWER_WORKERS")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return cfg, fmt.Errorf("ANSWER_WORKERS=%q: want a whole number, 1 or more (default: the number of cores less one)", s)
		}
		cfg.AnswerWorkers = n
	}
	if err := interactionsConfig(&cfg, getenv); err != nil {
		return cfg, err
	}
	if err := cfg.Validate(); err != nil {
		return cfg, err
	}
	return cfg, nil
}
