package bot

import (
	"context"
	"fmt"
	"hash/fnv"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// restTimeout bounds one REST call made to reply.
const restTimeout = 10 * time.Second

// job is what a handler asks for once it has read the interaction: how the
// reply is shown, and the work that renders it (given a context with the
// answer deadline).
type job struct {
	ephemeral bool // a new message only the user sees
	update    bool // replace the message the button is on, not a new message
	work      func(ctx context.Context) (message, error)

	// modal, when set, is shown at once instead of running work (a modal
	// must be the first response).
	modal *modal
	// deferNow acknowledges the interaction before the work starts, for
	// work that may well take seconds (downloads, writes).
	deferNow bool
	// timeout bounds the work instead of Config.AnswerTimeout when set.
	timeout time.Duration
}

// ackState is how far the response to an interaction has gone.
type ackState int

const (
	ackNone     ackState = iota // nothing sent yet
	ackDeferred                 // a deferred response was sent
	ackDone                     // the reply was sent
)

// callback sends the initial response to an interaction, once: over the
// gateway transport it is a REST call (POST interactions/{id}/{token}/callback);
// over the HTTP transport it is the body of the response to Discord's
// request (http.go). Edits and follow-ups go through the webhook API on
// both.
type callback interface {
	respond(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error
}

// restCallback responds with the REST API, for interactions from the
// gateway.
type restCallback struct{ s *discordgo.Session }

func (c restCallback) respond(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	// As InteractionRespond, without files, in a bounded bucket (lane).
	_, err := c.s.RequestWithBucketID(http.MethodPost, discordgo.EndpointInteractionResponse(i.ID, i.Token), resp, lane("callback", i.Token), discordgo.WithContext(ctx))
	return err
}

// restLanes is the number of rate-limit buckets the interactions' REST
// calls are spread over. discordgo holds a bucket for the whole of each
// request and never forgets one: its InteractionRespond makes a bucket per
// interaction (one more in memory each time, forever), and its
// InteractionResponseEdit puts every interaction's edits in one bucket (so
// under a burst they go one at a time). Discord limits these calls per
// interaction token; a lane per token hash keeps both bounded and parallel.
const restLanes = 64

// lane is the rate-limit bucket of kind of call for an interaction token.
func lane(kind, token string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(token)) // a hash never fails to write
	return fmt.Sprintf("interactions/%s/%d", kind, h.Sum32()%restLanes)
}

// responder sends the response to one interaction, remembering what was
// sent so that a later error or panic is reported the right way.
type responder struct {
	s  *discordgo.Session // for the webhook API: edits and follow-ups
	i  *discordgo.Interaction
	cb callback // for the initial response

	// acked, when set, is called once the interaction no longer waits
	// for its acknowledgement (Bot.acks).
	acked func()
	// arrival is true when the interaction is also counted in Bot.acks
	// from its arrival to its HTTP response (the HTTP transport).
	arrival bool

	mu        sync.Mutex
	state     ackState
	deferred  bool // a deferral happened on the way
	failed    bool // the reply was an error message
	update    bool
	ephemeral bool
}

// outcome summarises what was sent, for the log.
func (r *responder) outcome() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.failed:
		return "error"
	case r.state == ackNone:
		return "none"
	case r.deferred:
		return "deferred"
	}
	return "replied"
}

// setMode records how the reply is shown, before anything is sent.
func (r *responder) setMode(update, ephemeral bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.update, r.ephemeral = update, ephemeral
}

// deferReply acknowledges the interaction now, to send the reply later:
// type 5 (with the ephemeral flag when the reply will be ephemeral, as it
// cannot change later), or type 6 for an update of the button's message.
func (r *responder) deferReply(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.state != ackNone {
		return nil
	}
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if r.update {
		resp.Type = discordgo.InteractionResponseDeferredMessageUpdate
	} else if r.ephemeral {
		resp.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	if err := r.respond(ctx, resp); err != nil {
		return fmt.Errorf("defer interaction: %w", err)
	}
	r.state, r.deferred = ackDeferred, true
	return nil
}

// send sends the reply m: as the response (type 4, or 7 for an update), or
// as an edit of the original response once deferred.
func (r *responder) send(ctx context.Context, m message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch r.state {
	case ackNone:
		t := discordgo.InteractionResponseChannelMessageWithSource
		if r.update {
			t = discordgo.InteractionResponseUpdateMessage
		}
		if err := r.respond(ctx, &discordgo.InteractionResponse{Type: t, Data: m.responseData(r.ephemeral && !r.update)}); err != nil {
			return fmt.Errorf("respond to interaction: %w", err)
		}
	case ackDeferred:
		if err := r.edit(ctx, m); err != nil {
			return err
		}
	case ackDone:
		if err := r.followup(ctx, m, r.ephemeral); err != nil {
			return err
		}
	}
	r.state = ackDone
	return nil
}

// fail tells the user text, ephemerally where Discord allows it: as the
// response when nothing was sent; in a deferred reply (whose visibility is
// fixed) when one is pending, or in an ephemeral follow-up when the
// deferral was for an update or the reply was already sent. Autocomplete
// gets an empty list.
func (r *responder) fail(ctx context.Context, text string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed = true
	m := renderNotice(text)
	if r.i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		if r.state != ackNone {
			return nil
		}
		r.state = ackDone
		return r.respond(ctx, &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}},
		})
	}
	var err error
	switch {
	case r.state == ackNone:
		err = r.respond(ctx, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: m.responseData(true),
		})
	case r.state == ackDeferred && !r.update:
		err = r.edit(ctx, m)
	default:
		err = r.followup(ctx, m, true)
	}
	r.state = ackDone
	return err
}

// choices answers an autocomplete interaction.
func (r *responder) choices(ctx context.Context, c []*discordgo.ApplicationCommandOptionChoice) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.respond(ctx, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: c},
	}); err != nil {
		return fmt.Errorf("autocomplete response: %w", err)
	}
	r.state = ackDone
	return nil
}

// showModal answers the interaction with a modal (type 9).
func (r *responder) showModal(ctx context.Context, m modal) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.respond(ctx, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: m.responseData()}); err != nil {
		return fmt.Errorf("open modal %s: %w", m.CustomID, err)
	}
	r.state = ackDone
	return nil
}

// respond posts the interaction callback. r.mu is held.
func (r *responder) respond(ctx context.Context, resp *discordgo.InteractionResponse) error {
	ctx, cancel := context.WithTimeout(ctx, restTimeout)
	defer cancel()
	defer r.ackDone()
	return r.cb.respond(ctx, r.i, resp)
}

// counted is how many times r's interaction is counted in Bot.acks now.
func (r *responder) counted() int {
	n := 0
	if r.arrival {
		n++
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.acked != nil && r.state == ackNone {
		n++
	}
	return n
}

// ackDone says the interaction no longer waits for its acknowledgement.
func (r *responder) ackDone() {
	if r.acked != nil {
		r.acked()
	}
}

// edit replaces the original response with m. r.mu is held.
func (r *responder) edit(ctx context.Context, m message) error {
	ctx, cancel := context.WithTimeout(ctx, restTimeout)
	defer cancel()
	// As InteractionResponseEdit, in a lane rather than one bucket for
	// all (see restLanes).
	uri := discordgo.EndpointWebhookMessage(r.i.AppID, r.i.Token, "@original")
	if _, err := r.s.RequestWithBucketID(http.MethodPatch, uri, m.webhookEdit(), lane("edit", r.i.Token), discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("edit original response: %w", err)
	}
	return nil
}

// followup sends m as a follow-up message. r.mu is held.
func (r *responder) followup(ctx context.Context, m message, ephemeral bool) error {
	ctx, cancel := context.WithTimeout(ctx, restTimeout)
	defer cancel()
	// As FollowupMessageCreate (waiting for the message), in a lane (see
	// restLanes).
	uri := discordgo.EndpointWebhookToken(r.i.AppID, r.i.Token) + "?wait=true"
	if _, err := r.s.RequestWithBucketID(http.MethodPost, uri, m.webhookParams(ephemeral), lane("followup", r.i.Token), discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("follow-up message: %w", err)
	}
	return nil
}

// result is the outcome of a job's work.
type result struct {
	m   message
	err error
}

// runJob runs j's work with the answer deadline on one of the answer
// workers and replies with what it renders: directly when a worker was
// free and the work is ready within DeferAfter, else after a deferred
// response, by editing it. When every worker is busy the interaction is
// acknowledged at once (deferred) and the work waits for a worker, so
// that a burst is acknowledged at the speed of a REST call, not of the
// answers before it (see the package doc). A panic in the work becomes an
// error.
func (b *Bot) runJob(ctx context.Context, r *responder, j job) error {
	if j.modal != nil {
		return r.showModal(ctx, *j.modal)
	}
	r.setMode(j.update, j.ephemeral)
	if j.deferNow {
		if err := r.deferReply(ctx); err != nil {
			return err
		}
	}
	// An answer worker at once, or else the answer would queue:
	// acknowledge now, then wait for one. Nor at once when the other
	// interactions waiting for their acknowledgement are as many as the
	// free workers (a burst): the answer would take the CPU their
	// acknowledgements need.
	if b.acks.count()-r.counted() < b.workers.free() && b.workers.try() {
		r.ackDone() // its answer, being computed, is its acknowledgement
	} else {
		if err := r.deferReply(ctx); err != nil {
			return err
		}
		if err := b.workers.wait(ctx); err != nil {
			return err
		}
		// Acknowledgements first: a queued answer starts once no
		// interaction waits for its acknowledgement (or after
		// ackFirstMax), so a burst's acknowledgements do not share the
		// CPU with the answers.
		b.acks.waitQuiet(ctx, ackQuiet, ackFirstMax)
	}
	timeout := b.cfg.AnswerTimeout
	if j.timeout > 0 {
		timeout = j.timeout
	}
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	done := make(chan result, 1)
	go func() {
		defer b.workers.release()
		defer func() {
			if v := recover(); v != nil {
				done <- result{err: &panicError{value: v, stack: debug.Stack()}}
			}
		}()
		m, err := j.work(wctx)
		done <- result{m: m, err: err}
	}()
	timer := time.NewTimer(b.cfg.DeferAfter)
	defer timer.Stop()
	var res result
	select {
	case res = <-done:
	case <-timer.C:
		if err := r.deferReply(ctx); err != nil {
			return err
		}
		select {
		case res = <-done:
		case <-wctx.Done():
			res = result{err: fmt.Errorf("waiting for the answer: %w", wctx.Err())}
		}
	}
	if res.err != nil {
		return res.err
	}
	return r.send(ctx, res.m)
}

// queueTimeout bounds the wait for an answer worker. A deferred response
// may be edited for 15 minutes; a user waiting longer than this is better
// told to ask again.
const queueTimeout = 2 * time.Minute

// workers bounds the answers computed at once (Config.AnswerWorkers):
// the engine's work is CPU-bound, and more at once only makes each slower.
type workers chan struct{}

// try takes a worker if one is free.
func (w workers) try() bool {
	select {
	case w <- struct{}{}:
		return true
	default:
		return false
	}
}

// wait takes a worker, waiting up to queueTimeout for one.
func (w workers) wait(ctx context.Context) error {
	t := time.NewTimer(queueTimeout)
	defer t.Stop()
	select {
	case w <- struct{}{}:
		return nil
	case <-t.C:
		return userErrorf("I'm answering a great many questions at once. Please ask again in a minute.")
	case <-ctx.Done():
		return fmt.Errorf("waiting for an answer worker: %w", ctx.Err())
	}
}

// free is how many workers are free now.
func (w workers) free() int { return cap(w) - len(w) }

// release gives back a worker taken by try or wait.
func (w workers) release() { <-w }

// ackFirstMax bounds how long a queued answer waits for the
// acknowledgements pending (Bot.acks), so that a steady stream of
// interactions cannot starve the answers.
const ackFirstMax = 500 * time.Millisecond

// ackQuiet is how long no interaction must have come before a queued
// answer starts. Over the gateway an interaction is counted only once
// discordgo has decoded it, one event at a time: in a burst the handlers
// often catch up with the decoding, the count falls to zero between two
// events, and answers started then take the CPU the decoding of the rest
// needs. A burst brings an interaction every fraction of a millisecond.
const ackQuiet = 20 * time.Millisecond

// pending counts things in progress (interactions waiting for their
// acknowledgement; HTTP requests being handled), and lets one wait until
// there are none.
type pending struct {
	mu   sync.Mutex
	n    int
	zero chan struct{} // closed when n falls to 0
	last time.Time     // of the last add
}

// add counts one in.
func (g *pending) add() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.n == 0 {
		g.zero = make(chan struct{})
	}
	g.n++
	g.last = time.Now()
}

// done counts one out.
func (g *pending) done() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.n--
	if g.n == 0 {
		close(g.zero)
	}
}

// count is how many there are.
func (g *pending) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n
}

// waitQuiet waits until there are none and none was added for quiet, at
// most max or until ctx is done.
func (g *pending) waitQuiet(ctx context.Context, quiet, max time.Duration) {
	deadline := time.Now().Add(max)
	for {
		g.wait(ctx, time.Until(deadline))
		g.mu.Lock()
		n, since := g.n, time.Since(g.last)
		g.mu.Unlock()
		rest := min(quiet-since, time.Until(deadline))
		if n == 0 && rest <= 0 || time.Until(deadline) <= 0 || ctx.Err() != nil {
			return
		}
		if n == 0 {
			t := time.NewTimer(rest)
			select {
			case <-t.C:
			case <-ctx.Done():
			}
			t.Stop()
		}
	}
}

// wait waits until there are none, at most max or until ctx is done.
func (g *pending) wait(ctx context.Context, max time.Duration) {
	g.mu.Lock()
	if g.n == 0 {
		g.mu.Unlock()
		return
	}
	zero := g.zero
	g.mu.Unlock()
	t := time.NewTimer(max)
	defer t.Stop()
	select {
	case <-zero:
	case <-t.C:
	case <-ctx.Done():
	}
}
