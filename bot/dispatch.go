package bot

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/index/catalog"
)

// onInteraction handles one INTERACTION_CREATE: it routes it, replies, and
// logs it with its latency. discordgo runs it in its own goroutine and
// recovers nothing, so a panic is recovered here, logged with the
// interaction and answered with an apology.
func (b *Bot) onInteraction(ctx context.Context, s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return
	}
	b.handle(ctx, &responder{s: s, i: ic.Interaction, cb: restCallback{s}})
}

// handle routes the interaction of r, replies through r, and logs it with
// its latency. Both transports come here: the gateway (onInteraction) and
// the HTTP endpoint (http.go). A panic is recovered, logged with the
// interaction and answered with an apology.
func (b *Bot) handle(ctx context.Context, r *responder) {
	i := r.i
	attrs := []slog.Attr{
		slog.String("interaction", i.ID),
		slog.String("type", i.Type.String()),
		slog.String("name", interactionName(i)),
		slog.String("user", userOf(i)),
	}
	if !b.inflight.start() {
		return // shutting down: counted in the "stopped" log line
	}
	defer b.inflight.done()
	b.acks.add()
	r.acked = sync.OnceFunc(b.acks.done)
	defer r.ackDone()
	start := time.Now()
	var limited *rateError
	defer func() {
		if v := recover(); v != nil {
			b.replyError(ctx, r, &panicError{value: v, stack: debug.Stack()}, attrs)
		}
		if limited != nil && !b.logRefused(userOf(i)) {
			return // a flood of refused events is a few log lines
		}
		b.log.LogAttrs(ctx, slog.LevelInfo, "interaction",
			append(attrs, slog.Duration("latency", time.Since(start)), slog.String("outcome", r.outcome()))...)
	}()
	if err := b.route(ctx, r); err != nil {
		errors.As(err, &limited)
		b.replyError(ctx, r, err, attrs)
	}
}

// route finds the handler for r's interaction and runs it.
func (b *Bot) route(ctx context.Context, r *responder) error {
	i := r.i
	switch i.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		if ok, _ := b.typing.allow(userOf(i)); !ok {
			return r.choices(ctx, nil) // typing faster than the bucket: no choices this time
		}
		return r.choices(ctx, b.autocomplete(i))
	case discordgo.InteractionApplicationCommand:
		data := i.ApplicationCommandData()
		h, ok := b.commands[data.Name]
		if !ok {
			return sayError(catalog.UnknownCommand, data.Name)
		}
		if err := b.checkRate(userOf(i)); err != nil {
			return err
		}
		j, err := h(i, data)
		if err != nil {
			return err
		}
		return b.runJob(ctx, r, j)
	case discordgo.InteractionMessageComponent:
		id, ok := parseCustomID(i.MessageComponentData().CustomID)
		if !ok {
			return sayError(catalog.OldButton)
		}
		h, ok := b.components[id.Kind]
		if !ok {
			return sayError(catalog.OldButton)
		}
		if err := b.checkRate(userOf(i)); err != nil {
			return err
		}
		j, err := h(i, id)
		if err != nil {
			return err
		}
		return b.runJob(ctx, r, j)
	case discordgo.InteractionModalSubmit:
		// Rate limited too: a submission can be sent without the command
		// that opens its form.
		if err := b.checkRate(userOf(i)); err != nil {
			return err
		}
		id, ok := parseCustomID(i.ModalSubmitData().CustomID)
		h, known := b.modals[id.Kind]
		if !ok || !known {
			return sayError(catalog.OldForm)
		}
		j, err := h(i, id)
		if err != nil {
			return err
		}
		return b.runJob(ctx, r, j)
	}
	return nil
}

// Rates of the limits besides the questions'.
const (
	autocompleteFactor   = 8 // the typing bucket, against the questions'
	refusedLogsPerMinute = 6 // refused events logged a minute per user
	refusedLogsBurst     = 3
)

// logRefused reports whether a refused event of user may be logged now.
func (b *Bot) logRefused(user string) bool {
	ok, _ := b.refusedLogs.allow(user)
	return ok
}

// checkRate takes a token from user's bucket, or returns the friendly
// error for when there is none.
func (b *Bot) checkRate(user string) error {
	ok, wait := b.limiter.allow(user)
	if ok {
		return nil
	}
	secs := int(math.Ceil(wait.Seconds()))
	return &rateError{&userError{key: catalog.RateLimited, args: []any{secs}}}
}

// replyError is where every handler error ends: it logs the chain and
// tells the user a safe message, in the language of their interaction.
func (b *Bot) replyError(ctx context.Context, r *responder, err error, attrs []slog.Attr) {
	text := userMessage(ctx, b.log, err, interactionWords(r.i), attrs...)
	if ferr := r.fail(ctx, text); ferr != nil {
		b.log.LogAttrs(ctx, slog.LevelWarn, "could not send the error reply", append(attrs, slog.String("err", ferr.Error()))...)
	}
}

// interactionName names an interaction for the log: the command, or the
// kind of button. It never panics.
func interactionName(i *discordgo.Interaction) string {
	switch d := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		return d.Name
	case discordgo.MessageComponentInteractionData:
		kind, _, _ := strings.Cut(d.CustomID, ":")
		return "button:" + kind
	case discordgo.ModalSubmitInteractionData:
		kind, _, _ := strings.Cut(d.CustomID, ":")
		return "modal:" + kind
	}
	return ""
}

// userOf returns the id of the user behind an interaction: Member.User in
// guilds, User in DMs.
func userOf(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}
