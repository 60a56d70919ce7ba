package bot

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/summitbot/summitbot/corpus"
)

// ErrNoToken is returned by New when Config.Token is empty.
var ErrNoToken = errors.New("no Discord bot token")

// Defaults for the zero values of Config.
const (
	DefaultRatePerMinute = 6
	DefaultRateBurst     = 3
	DefaultRateUsers     = 10000
	DefaultAnswerTimeout = 10 * time.Second
	DefaultDeferAfter    = 1500 * time.Millisecond
	DefaultHTTPTimeout   = 20 * time.Second
	// DefaultDownloadTimeout bounds the download of one attachment.
	DefaultDownloadTimeout = 20 * time.Second
)

// ackDeadline is Discord's limit for acknowledging an interaction;
// Config.DeferAfter must leave time for the acknowledgement to travel.
const ackDeadline = 3 * time.Second

// Config configures a Bot. Only Token is required.
type Config struct {
	// Token is the bot token from the developer portal, with or without
	// the "Bot " prefix. It is never logged.
	Token string
	// GuildID, when set, registers the commands in that guild only
	// (instantly, for development); otherwise they are global.
	GuildID string
	// APIURL, when set, is the base URL of the REST API used instead of
	// https://discord.com/api/v9/ for every request, e.g. a REST proxy or a
	// test server. The gateway address is then asked of it too.
	APIURL string
	// ShardID and ShardCount select this process's shard; ShardCount 0
	// means 1. Commands are registered by shard 0 only.
	ShardID, ShardCount int

	// InteractionsAddr, when set (e.g. ":8080"), is the address of the
	// HTTP interactions endpoint (Discord's Interactions Endpoint URL),
	// served beside the gateway or, with NoGateway, instead of it.
	// PublicKey is then required.
	InteractionsAddr string
	// PublicKey is the application's Ed25519 public key (developer portal
	// → General Information), with which every request to the endpoint is
	// verified.
	PublicKey ed25519.PublicKey
	// NoGateway, with InteractionsAddr set, opens no gateway connection:
	// interactions come over HTTP only, and mentions need another process
	// with the gateway.
	NoGateway bool
	// Ready, when set, reports whether the engine can answer (nil) for
	// /healthz on the endpoint; nil means it always can.
	Ready func() error

	// RatePerMinute and RateBurst set each user's token bucket: RateBurst
	// requests at once, then RatePerMinute a minute. Zero means the
	// default; a negative RatePerMinute turns the limit off.
	RatePerMinute float64
	RateBurst     int
	// RateUsers bounds the number of users whose buckets are remembered.
	RateUsers int

	// AnswerTimeout bounds the work for one request (the engine's
	// deadline). Zero means DefaultAnswerTimeout.
	AnswerTimeout time.Duration
	// DeferAfter is how long to wait for an answer before acknowledging an
	// interaction with a deferred response and editing it later. It must
	// be under 2.5s, as Discord wants an acknowledgement within 3s. Zero
	// means DefaultDeferAfter.
	DeferAfter time.Duration

	// AnswerWorkers bounds the answers (and other work of the engine)
	// computed at once; an interaction that finds every worker busy is
	// acknowledged at once with a deferred response and waits for one.
	// Zero means GOMAXPROCS-1 (at least 1): one core is left for the
	// acknowledgements, the gateway and the REST calls.
	AnswerWorkers int

	// ModeratorRoleIDs are the ids of the server roles whose members may
	// change the documents (the moderation commands), besides members with
	// the Manage Server or Administrator permission.
	ModeratorRoleIDs []string
	// MaxBodyBytes bounds the body of a document a moderator adds, and
	// the download of an attachment; it should equal the engine's limit.
	// Zero means corpus.MaxBodyBytes (1 MiB).
	MaxBodyBytes int
	// DownloadTimeout bounds the download of one attachment. Zero means
	// DefaultDownloadTimeout.
	DownloadTimeout time.Duration

	// Gaps, when set, records the questions the bot could not answer and
	// the 👎s, and (with a Moderator engine) serves /doc gaps. Nil records
	// nothing.
	Gaps Gaps

	// HTTPClient, when set, is the client for REST requests (its
	// Transport is wrapped to honour APIURL); tests use it to inject a
	// transport. Nil means a client with DefaultHTTPTimeout.
	HTTPClient *http.Client
}

// withDefaults returns c with zero values replaced by defaults and the
// token and API URL normalised.
func (c Config) withDefaults() Config {
	c.Token = strings.TrimSpace(c.Token)
	if c.Token != "" && !strings.HasPrefix(c.Token, "Bot ") {
		c.Token = "Bot " + c.Token
	}
	if c.APIURL != "" && !strings.HasSuffix(c.APIURL, "/") {
		c.APIURL += "/"
	}
	if c.ShardCount == 0 {
		c.ShardCount = 1
	}
	if c.RatePerMinute == 0 {
		c.RatePerMinute = DefaultRatePerMinute
	}
	if c.RateBurst == 0 {
		c.RateBurst = DefaultRateBurst
	}
	if c.RateUsers == 0 {
		c.RateUsers = DefaultRateUsers
	}
	if c.AnswerTimeout == 0 {
		c.AnswerTimeout = DefaultAnswerTimeout
	}
	if c.DeferAfter == 0 {
		c.DeferAfter = DefaultDeferAfter
	}
	if c.AnswerWorkers == 0 {
		c.AnswerWorkers = max(1, runtime.GOMAXPROCS(0)-1)
	}
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = corpus.MaxBodyBytes
	}
	if c.DownloadTimeout == 0 {
		c.DownloadTimeout = DefaultDownloadTimeout
	}
	return c
}

// Validate reports the first problem with c (after defaults are applied).
func (c Config) Validate() error {
	c = c.withDefaults()
	switch {
	case c.Token == "":
		return ErrNoToken
	case c.ShardCount < 1 || c.ShardID < 0 || c.ShardID >= c.ShardCount:
		return fmt.Errorf("shard %d of %d: the shard id must be at least 0 and below the shard count", c.ShardID, c.ShardCount)
	case c.RateBurst < 1 || c.RateUsers < 1:
		return fmt.Errorf("rate limit: burst (%d) and users (%d) must be positive", c.RateBurst, c.RateUsers)
	case c.AnswerTimeout < 0:
		return fmt.Errorf("answer timeout %v is negative", c.AnswerTimeout)
	case c.DeferAfter < 0 || c.DeferAfter > ackDeadline-500*time.Millisecond:
		return fmt.Errorf("defer after %v: must be between 0 and %v", c.DeferAfter, ackDeadline-500*time.Millisecond)
	case c.AnswerWorkers < 0:
		return fmt.Errorf("answer workers %d is negative", c.AnswerWorkers)
	case c.MaxBodyBytes < 0:
		return fmt.Errorf("max body bytes %d is negative", c.MaxBodyBytes)
	case c.DownloadTimeout < 0:
		return fmt.Errorf("download timeout %v is negative", c.DownloadTimeout)
	}
	switch {
	case c.InteractionsAddr != "" && len(c.PublicKey) != ed25519.PublicKeySize:
		return fmt.Errorf("interactions endpoint %s: the application's public key must be %d bytes, got %d", c.InteractionsAddr, ed25519.PublicKeySize, len(c.PublicKey))
	case c.NoGateway && c.InteractionsAddr == "":
		return errors.New("no gateway and no interactions endpoint: nothing would reach the bot")
	}
	for _, r := range c.ModeratorRoleIDs {
		if !isSnowflake(r) {
			return fmt.Errorf("moderator role id %q: want a Discord id (digits)", r)
		}
	}
	if c.APIURL != "" {
		u, err := url.Parse(c.APIURL)
		if err != nil {
			return fmt.Errorf("API URL: %w", err)
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
			return fmt.Errorf("API URL %q: want an http or https URL such as https://discord.com/api/v9", c.APIURL)
		}
	}
	return nil
}

// LogValue logs c without its token.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Bool("token_set", c.Token != ""),
		slog.String("guild_id", c.GuildID),
		slog.String("api_url", c.APIURL),
		slog.String("interactions_addr", c.InteractionsAddr),
		slog.Bool("gateway", !c.NoGateway),
		slog.Int("shard_id", c.ShardID),
		slog.Int("shard_count", c.ShardCount),
		slog.Float64("rate_per_minute", c.RatePerMinute),
		slog.Int("rate_burst", c.RateBurst),
		slog.Duration("answer_timeout", c.AnswerTimeout),
		slog.Duration("defer_after", c.DeferAfter),
		slog.Int("answer_workers", c.AnswerWorkers),
		slog.Int("moderator_roles", len(c.ModeratorRoleIDs)),
		slog.Int("max_body_bytes", c.MaxBodyBytes),
		slog.Bool("gaps", c.Gaps != nil),
	)
}

// String describes c without its token, so that printing a Config with
// fmt cannot leak it.
func (c Config) String() string {
	return fmt.Sprintf("bot.Config{Token:%s GuildID:%q APIURL:%q Shard:%d/%d}",
		redacted(c.Token), c.GuildID, c.APIURL, c.ShardID, c.ShardCount)
}

// GoString is String, for %#v.
func (c Config) GoString() string { return c.String() }

func redacted(token string) string {
	if token == "" {
		return `""`
	}
	return "[redacted]"
}

// isSnowflake reports whether s looks like a Discord id: 1 to 20 digits.
func isSnowflake(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
