package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Bounds of the HTTP interactions endpoint.
const (
	// MaxInteractionBytes bounds the body of one interaction request. The
	// largest Discord sends are modal submissions (five inputs of 4,000
	// characters) and commands with resolved data: far under this.
	MaxInteractionBytes = 1 << 20
	// MaxSignatureAge is how old a request's X-Signature-Timestamp may be;
	// an older one is refused as a replay.
	MaxSignatureAge = 5 * time.Minute
	// MaxClockAhead is how far in the future a timestamp may be (the two
	// clocks differ a little).
	MaxClockAhead = time.Minute

	httpReadHeaderTimeout = 5 * time.Second
	httpReadTimeout       = 10 * time.Second
	// httpWriteTimeout leaves the handler its 3 seconds to respond, and
	// the response time to travel.
	httpWriteTimeout = 10 * time.Second
	httpIdleTimeout  = 2 * time.Minute
	// drainTimeout bounds the wait for requests in flight at shutdown; the
	// work they started (edits) is waited for by the bot's inflight count.
	drainTimeout = 2 * ackDeadline
)

// InteractionsPath and HealthPath are the paths the HTTP endpoint serves:
// the Interactions Endpoint URL is the server's address with
// InteractionsPath (any path but HealthPath is also accepted, so that a
// load balancer may add a prefix).
const (
	InteractionsPath = "/interactions"
	HealthPath       = "/healthz"
)

// errNotReady is what /healthz says while the bot cannot answer.
var errNotReady = errors.New("shutting down")

// interactionServer serves Discord's Interactions Endpoint URL.
type interactionServer struct {
	b   *Bot
	s   *discordgo.Session // for edits and follow-ups (the webhook API)
	ctx context.Context    // the handlers' context: outlives the request
	now func() time.Time
}

// httpHandler returns the HTTP handler of the interactions endpoint, using s
// for edits and follow-ups; ctx is the context the handlers run in (they
// outlive each request, to edit in their answers).
func (b *Bot) httpHandler(ctx context.Context, s *discordgo.Session) http.Handler {
	h := &interactionServer{b: b, s: s, ctx: ctx, now: time.Now}
	mux := http.NewServeMux()
	mux.HandleFunc(HealthPath, h.health)
	mux.HandleFunc("/", h.interaction)
	return mux
}

// health answers /healthz: 200 when the bot takes interactions and its
// engine is ready (Config.Ready), 503 otherwise.
func (h *interactionServer) health(w http.ResponseWriter, r *http.Request) {
	err := h.b.healthy()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, "not ready: %v\n", err)
		return
	}
	fmt.Fprintln(w, "ok")
}

// healthy reports why the bot cannot answer, or nil.
func (b *Bot) healthy() error {
	b.inflight.mu.Lock()
	closed := b.inflight.closed
	b.inflight.mu.Unlock()
	if closed {
		return errNotReady
	}
	if b.cfg.Ready != nil {
		return b.cfg.Ready()
	}
	return nil
}

// interaction serves one request of Discord: it verifies the signature and
// its timestamp, answers PING with PONG, and gives anything else to the
// same dispatch as the gateway's, whose first response becomes the body
// of the HTTP response.
func (h *interactionServer) interaction(w http.ResponseWriter, r *http.Request) {
	h.b.requests.add()
	defer h.b.requests.done()
	// Waiting for its acknowledgement from its arrival, not only once
	// verified and dispatched: a queued answer does not start while a
	// burst's requests are still being read and their signatures checked.
	h.b.acks.add()
	defer h.b.acks.done()
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxInteractionBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.refuse(w, r, http.StatusRequestEntityTooLarge, "body too large", len(body), nil)
			return
		}
		h.refuse(w, r, http.StatusBadRequest, "unreadable body", len(body), err)
		return
	}
	if reason := h.verify(r, body); reason != "" {
		h.refuse(w, r, http.StatusUnauthorized, reason, len(body), nil)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		h.refuse(w, r, http.StatusBadRequest, "not an interaction", len(body), err)
		return
	}
	if i.Type == discordgo.InteractionPing {
		if err := writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}); err != nil {
			h.b.log.WarnContext(h.ctx, "could not answer a PING", "err", err)
		}
		return
	}

	reply := newHTTPReply()
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		h.b.handle(h.ctx, &responder{s: h.s, i: &i, cb: reply, arrival: true})
	}()
	t := time.NewTimer(ackDeadline)
	defer t.Stop()
	var why string
	select {
	case <-reply.ready:
	case <-finished:
		why = "nothing to respond" // shutting down, or a handler that sent nothing
	case <-t.C:
		why = "no response within Discord's 3 seconds"
	case <-r.Context().Done():
		why = "Discord closed the request"
	}
	resp, ok := reply.take()
	if !ok {
		h.b.log.WarnContext(h.ctx, "interaction over HTTP not answered", "interaction", i.ID, "reason", why)
		http.Error(w, "not answered", http.StatusServiceUnavailable)
		return
	}
	reply.written <- writeJSON(w, resp)
}

// verify checks the request's Ed25519 signature (discordgo's
// VerifyInteraction) and the age of its timestamp, and returns why it is
// refused, or "".
func (h *interactionServer) verify(r *http.Request, body []byte) string {
	sig, ts := r.Header.Get("X-Signature-Ed25519"), r.Header.Get("X-Signature-Timestamp")
	if sig == "" || ts == "" {
		return "missing signature headers"
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !discordgo.VerifyInteraction(r, h.b.cfg.PublicKey) {
		return "bad signature"
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return "bad timestamp"
	}
	at := time.Unix(secs, 0)
	now := h.now()
	switch {
	case now.Sub(at) > MaxSignatureAge:
		return "stale timestamp"
	case at.Sub(now) > MaxClockAhead:
		return "timestamp in the future"
	}
	return ""
}

// refuse answers a request it will not handle and logs why (reason, and
// err when there is one), never the body: it may hold an interaction
// token.
func (h *interactionServer) refuse(w http.ResponseWriter, r *http.Request, status int, reason string, n int, err error) {
	host, _, splitErr := net.SplitHostPort(r.RemoteAddr)
	if splitErr != nil {
		host = r.RemoteAddr
	}
	// A few lines a minute per client and reason: a flood of bad
	// requests is no flood of log lines.
	if h.b.logRefused("http:" + host + ":" + reason) {
		attrs := []any{"status", status, "reason", reason, "remote", host, "body_bytes", n}
		if err != nil {
			attrs = append(attrs, "err", err)
		}
		h.b.log.WarnContext(h.ctx, "interaction request refused", attrs...)
	}
	http.Error(w, http.StatusText(status), status)
}

// writeJSON writes v as the JSON body of a 200 response.
func writeJSON(w http.ResponseWriter, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "could not encode the response", http.StatusInternalServerError)
		return fmt.Errorf("encode the response: %w", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("write the response: %w", err)
	}
	// On the wire before the responder goes on: an edit of a deferral must
	// not overtake the deferral itself.
	if err := http.NewResponseController(w).Flush(); err != nil {
		return fmt.Errorf("flush the response: %w", err)
	}
	return nil
}

// httpReply is the callback of an interaction that came over HTTP: the
// first response is handed to the waiting HTTP handler, which writes it
// as its response body and says how that went. There is no second: the
// responder edits or follows up through the webhook API after it.
type httpReply struct {
	mu    sync.Mutex
	state int // 0 waiting, 1 a response was given, 2 the handler gave up
	resp  *discordgo.InteractionResponse
	ready chan struct{} // closed when resp is given
	// written receives the outcome of writing resp.
	written chan error
}

func newHTTPReply() *httpReply {
	return &httpReply{ready: make(chan struct{}), written: make(chan error, 1)}
}

// errHTTPGone is the response to an interaction whose HTTP request had
// already ended.
var errHTTPGone = errors.New("the interaction's HTTP request has ended")

// respond implements callback.
func (h *httpReply) respond(ctx context.Context, _ *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	h.mu.Lock()
	if h.state != 0 {
		h.mu.Unlock()
		return errHTTPGone
	}
	h.state, h.resp = 1, resp
	close(h.ready)
	h.mu.Unlock()
	select {
	case err := <-h.written:
		return err
	case <-ctx.Done():
		return fmt.Errorf("writing the HTTP response: %w", ctx.Err())
	}
}

// take returns the response given, if any; without one, later responses
// are refused.
func (h *httpReply) take() (*discordgo.InteractionResponse, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.state == 1 {
		return h.resp, true
	}
	h.state = 2
	return nil, false
}

// listen opens Config.InteractionsAddr.
func (b *Bot) listen() (net.Listener, error) {
	ln, err := net.Listen("tcp", b.cfg.InteractionsAddr)
	if err != nil {
		return nil, fmt.Errorf("interactions endpoint: listen on %s: %w", b.cfg.InteractionsAddr, err)
	}
	return ln, nil
}

// httpServer is the HTTP server of the endpoint, with its timeouts.
func (b *Bot) httpServer(ctx context.Context, s *discordgo.Session) *http.Server {
	return &http.Server{
		Handler:           b.httpHandler(ctx, s),
		ReadHeaderTimeout: httpReadHeaderTimeout,
		ReadTimeout:       httpReadTimeout,
		WriteTimeout:      httpWriteTimeout,
		IdleTimeout:       httpIdleTimeout,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(b.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
}
