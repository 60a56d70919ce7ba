package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/summitbot/summitbot/index/catalog"
	"github.com/summitbot/summitbot/index/reading"
)

// userError is an error whose message is written for the person who used
// the bot and is safe to show them: a catalogue key with its arguments,
// said in the asker's language, or (for the moderators' flows, which stay
// in English) a text.
type userError struct {
	msg  string
	key  catalog.Key
	args []any
}

func (e *userError) Error() string { return e.text(catalog.For(reading.English)) }

// text is the message in w's language.
func (e *userError) text(w catalog.Words) string {
	if e.key != "" {
		return w.Format(e.key, e.args...)
	}
	return e.msg
}

// rateError is the refusal of an event past its user's bucket: a
// userError, and known as such for the log.
type rateError struct{ msg *userError }

func (e *rateError) Error() string { return e.msg.Error() }
func (e *rateError) Unwrap() error { return e.msg }

// userErrorf makes a userError in English, for the moderators' flows.
func userErrorf(format string, args ...any) error {
	return &userError{msg: fmt.Sprintf(format, args...)}
}

// sayError makes a userError said in the asker's language: the catalogue
// entry k with args.
func sayError(k catalog.Key, args ...any) error {
	return &userError{key: k, args: args}
}

// panicError is a recovered panic, carried as an error to the one place that
// replies to errors.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }

// engineError is an error from the engine with what the bot asked it. Its
// Error has that context for the log; the user sees only the engine's own
// message, and only for errors about their question.
type engineError struct {
	op  string
	err error
}

func (e *engineError) Error() string { return e.op + ": " + e.err.Error() }
func (e *engineError) Unwrap() error { return e.err }

// userMessage is the one place that decides what a user sees for an error,
// in w's language (the asker's): the error's own text for errors about
// their input (reading.ErrBadQuestion, userError, and a changeError the
// engine refused for the document's sake, in English like the moderators'
// flows), a timeout notice, or a generic apology. It also logs the whole
// chain: at debug level for input errors, as an error otherwise.
func userMessage(ctx context.Context, log *slog.Logger, err error, w catalog.Words, attrs ...slog.Attr) string {
	var ue *userError
	var pe *panicError
	var ee *engineError
	var ce *changeError
	switch {
	case errors.As(err, &ue):
		log.LogAttrs(ctx, slog.LevelDebug, "user error", append(attrs, slog.String("err", err.Error()))...)
		return ue.text(w)
	case errors.Is(err, reading.ErrBadQuestion):
		log.LogAttrs(ctx, slog.LevelDebug, "bad question", append(attrs, slog.String("err", err.Error()))...)
		if errors.As(err, &ee) {
			return ee.err.Error()
		}
		return err.Error()
	case errors.As(err, &ce) && safeChangeError(err):
		log.LogAttrs(ctx, slog.LevelDebug, "change refused", append(attrs, slog.String("err", err.Error()))...)
		return ce.userText()
	case errors.As(err, &pe):
		log.LogAttrs(ctx, slog.LevelError, "panic in handler", append(attrs, slog.Any("panic", pe.value), slog.String("stack", string(pe.stack)))...)
		return w.Text(catalog.Sorry)
	case errors.Is(err, context.DeadlineExceeded):
		log.LogAttrs(ctx, slog.LevelWarn, "deadline exceeded", append(attrs, slog.String("err", err.Error()))...)
		return w.Text(catalog.Timeout)
	default:
		log.LogAttrs(ctx, slog.LevelError, "handler failed", append(attrs, slog.String("err", err.Error()))...)
		return w.Text(catalog.Sorry)
	}
}
