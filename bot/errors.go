package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/summitbot/summitbot/index/reading"
)

// userError is an error whose message is written for the person who used
// the bot and is safe to show them.
type userError struct{ msg string }

func (e *userError) Error() string { return e.msg }

// rateError is the refusal of an event past its user's bucket: a
// userError, and known as such for the log.
type rateError struct{ msg *userError }

func (e *rateError) Error() string { return e.msg.Error() }
func (e *rateError) Unwrap() error { return e.msg }

// userErrorf makes a userError.
func userErrorf(format string, args ...any) error {
	return &userError{msg: fmt.Sprintf(format, args...)}
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

// Messages for errors whose details are not for users.
const (
	msgSorry   = "Sorry, something went wrong on my side. Please try again in a moment."
	msgTimeout = "Sorry, that took too long. Please try again, perhaps with fewer words."
)

// userMessage is the one place that decides what a user sees for an error:
// the error's own text for errors about their input (reading.ErrBadQuestion,
// userError, and a changeError the engine refused for the document's
// sake), a timeout notice, or a generic apology. It also logs the
// whole chain: at debug level for input errors, as an error otherwise.
func userMessage(ctx context.Context, log *slog.Logger, err error, attrs ...slog.Attr) string {
	var ue *userError
	var pe *panicError
	var ee *engineError
	var ce *changeError
	switch {
	case errors.As(err, &ue):
		log.LogAttrs(ctx, slog.LevelDebug, "user error", append(attrs, slog.String("err", err.Error()))...)
		return ue.msg
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
		return msgSorry
	case errors.Is(err, context.DeadlineExceeded):
		log.LogAttrs(ctx, slog.LevelWarn, "deadline exceeded", append(attrs, slog.String("err", err.Error()))...)
		return msgTimeout
	default:
		log.LogAttrs(ctx, slog.LevelError, "handler failed", append(attrs, slog.String("err", err.Error()))...)
		return msgSorry
	}
}
