package bot

import (
	"context"
	"log/slog"
	"regexp"
)

// Interaction and webhook tokens travel in REST URLs
// (…/interactions/ID/TOKEN/callback, …/webhooks/APP/TOKEN/…), and a failed
// call's error holds its URL: whoever reads the token can post as the bot
// for 15 minutes. Every log line of the bot goes through redactHandler,
// which cuts them out.

// tokenPath matches the token part of those URLs.
var tokenPath = regexp.MustCompile(`(/(?:interactions|webhooks)/[^/\s"']+/)[^/\s"'?]+`)

// redact replaces the tokens of interaction and webhook URLs in s.
func redact(s string) string {
	return tokenPath.ReplaceAllString(s, "${1}[redacted]")
}

// redactHandler is a slog.Handler that redacts tokens from the message and
// from every string, error and group attribute before the next handler
// sees them.
type redactHandler struct{ next slog.Handler }

func (h redactHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h redactHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, redact(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h redactHandler) WithAttrs(as []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(as))
	for i, a := range as {
		clean[i] = redactAttr(a)
	}
	return redactHandler{h.next.WithAttrs(clean)}
}

func (h redactHandler) WithGroup(name string) slog.Handler {
	return redactHandler{h.next.WithGroup(name)}
}

// redactAttr redacts one attribute, groups included.
func redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, redact(v.String()))
	case slog.KindGroup:
		g := v.Group()
		out := make([]slog.Attr, len(g))
		for i, x := range g {
			out[i] = redactAttr(x)
		}
		return slog.Attr{Key: a.Key, Value: slog.GroupValue(out...)}
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, redact(err.Error()))
		}
		return slog.String(a.Key, redact(v.String()))
	}
	return slog.Attr{Key: a.Key, Value: v}
}
