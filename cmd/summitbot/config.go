package main

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/summitbot/summitbot/bot"
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

// interactionsConfig reads the HTTP interactions endpoint's settings:
// INTERACTIONS_ADDR, DISCORD_PUBLIC_KEY and GATEWAY.
func interactionsConfig(cfg *bot.Config, getenv func(string) string) error {
	cfg.InteractionsAddr = strings.TrimSpace(getenv("INTERACTIONS_ADDR"))
	key := strings.TrimSpace(getenv("DISCORD_PUBLIC_KEY"))
	switch {
	case cfg.InteractionsAddr != "" && key == "":
		return errors.New("INTERACTIONS_ADDR is set but DISCORD_PUBLIC_KEY is not: set it to the application's public key " +
			"(developer portal → your app → General Information → Public Key, 64 hexadecimal digits), with which every request is verified")
	case key != "":
		b, err := hex.DecodeString(key)
		if err != nil || len(b) != ed25519.PublicKeySize {
			return fmt.Errorf("DISCORD_PUBLIC_KEY: want the %d hexadecimal digits of the application's public key "+
				"(developer portal → General Information → Public Key), got %d characters that are not one", 2*ed25519.PublicKeySize, len(key))
		}
		cfg.PublicKey = b
	}
	if _, err := net.ResolveTCPAddr("tcp", cfg.InteractionsAddr); cfg.InteractionsAddr != "" && err != nil {
		return fmt.Errorf("INTERACTIONS_ADDR=%q: want a listening address such as :8080 or 127.0.0.1:8080 (%v)", cfg.InteractionsAddr, err)
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("GATEWAY"))); v {
	case "", "on", "true", "1", "yes":
	case "off", "false", "0", "no":
		if cfg.InteractionsAddr == "" {
			return errors.New("GATEWAY=off without INTERACTIONS_ADDR: nothing would reach the bot; set INTERACTIONS_ADDR (e.g. :8080) and DISCORD_PUBLIC_KEY, or leave GATEWAY unset")
		}
		cfg.NoGateway = true
	default:
		return fmt.Errorf("GATEWAY=%q: want on or off", getenv("GATEWAY"))
	}
	return nil
}
