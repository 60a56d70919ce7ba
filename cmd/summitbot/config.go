package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/gaps"
)

// dataDirDefault is the data folder when neither --data nor SUMMITBOT_DATA
// is given: $XDG_DATA_HOME/summitbot, else ~/.local/share/summitbot, else
// ./summitbot-data.
func dataDirDefault(getenv func(string) string) string {
	if d := getenv("SUMMITBOT_DATA"); d != "" {
		return d
	}
	if x := getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "summitbot")
	}
	if h, err := os.UserHomeDir(); err == nil && h != "" {
		return filepath.Join(h, ".local", "share", "summitbot")
	}
	return "summitbot-data"
}

// newLogger builds the process's logger from LOG_LEVEL (debug, info, warn,
// error; fallback is the level given), text to w.
func newLogger(w io.Writer, getenv func(string) string, fallback slog.Level) (*slog.Logger, error) {
	level := fallback
	if s := strings.TrimSpace(getenv("LOG_LEVEL")); s != "" {
		if err := level.UnmarshalText([]byte(s)); err != nil {
			return nil, usageError{err: fmt.Errorf("LOG_LEVEL=%q: want debug, info, warn or error", s)}
		}
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level})), nil
}

// maxDocumentBytes reads MAX_DOCUMENT_BYTES, the largest body a new
// document may have (0: the default, corpus.MaxBodyBytes). It can lower
// the limit, not raise it: corpus.MaxBodyBytes is the ceiling every stored
// document is held to, and a larger setting is refused rather than
// silently ignored.
func maxDocumentBytes(getenv func(string) string) (int, error) {
	s := strings.TrimSpace(getenv("MAX_DOCUMENT_BYTES"))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, usageError{err: fmt.Errorf("MAX_DOCUMENT_BYTES=%q: want a positive number of bytes, at most %d (1 MiB)", s, corpus.MaxBodyBytes)}
	}
	if n > corpus.MaxBodyBytes {
		return 0, usageError{err: fmt.Errorf("MAX_DOCUMENT_BYTES=%d is over the ceiling of %d bytes (1 MiB), the largest body a document may have; set it to %d or less, or leave it unset for 1 MiB", n, corpus.MaxBodyBytes, corpus.MaxBodyBytes)}
	}
	return n, nil
}

// gapsSettings reads GAPS (on or off; default on: the bot records the
// questions it could not answer) and GAPS_RETENTION (how long they are
// kept, e.g. 90d; default gaps.DefaultRetention).
func gapsSettings(getenv func(string) string) (on bool, retention time.Duration, err error) {
	switch v := strings.ToLower(strings.TrimSpace(getenv("GAPS"))); v {
	case "", "on", "true", "1", "yes":
		on = true
	case "off", "false", "0", "no":
	default:
		return false, 0, fmt.Errorf("GAPS=%q: want on or off", getenv("GAPS"))
	}
	retention = gaps.DefaultRetention
	if s := strings.TrimSpace(getenv("GAPS_RETENTION")); s != "" {
		if retention, err = gaps.ParseAge(s); err != nil {
			return false, 0, fmt.Errorf("GAPS_RETENTION=%w", err)
		}
	}
	return on, retention, nil
}
