// Package discordtest is a fake Discord for tests: an httptest server with
// the REST routes a bot uses and a websocket gateway, driven by the test.
//
// It fails loudly: a request to a route it does not know gets a 404 and is
// recorded as a failure, and so is a second response to one interaction, an
// edit before any response, a bad token, or a message that breaks one of
// Discord's limits or could ping (see CheckMessage). [Start] reports the
// failures when the test ends.
//
// It serves HTTP/1.1 and, without TLS, HTTP/2 (h2c: a client must ask
// for it, as Go's transport does with only Protocols.UnencryptedHTTP2
// set), as Discord's API is HTTP/2 to a client that negotiates it.
//
// Point a bot at it with its REST base URL, [Server.URL] (e.g. as
// DISCORD_API_URL, also from another process): GET /gateway then returns
// the fake's websocket address. The gateway sends HELLO, answers IDENTIFY
// with READY and GUILD_CREATE, acknowledges heartbeats, answers RESUME with
// RESUMED, and dispatches the events the test sends with [Server.SendInteraction]
// and [Server.SendMessage]. It also serves the files a test adds with
// [Server.AddAttachment], as Discord's CDN serves attachments.
//
// It is also Discord's side of an HTTP interactions endpoint: it holds the
// application's key pair ([Server.PublicKey]); after [Server.UseEndpoint],
// SendInteraction signs each interaction and POSTs it to the bot, and the
// HTTP response is recorded and checked as the interaction's callback (a
// REST callback to such an interaction is a failure). [Server.PostSigned],
// [Post] and [Sign] send requests by hand, signed right or wrong.
// [Server.Prepare] and [Server.SendPrepared] split SendInteraction in two,
// so that a burst is encoded and signed before it is sent, as Discord does
// on its own machines.
package discordtest

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// APIPath is the path of the REST API on the fake, as on Discord.
const APIPath = "/api/v9/"

// Options configure a Server. Zero values get defaults.
type Options struct {
	AppID   string // application id sent in READY; default "200"
	BotID   string // the bot user's id; default "100"
	BotName string // the bot user's name; default "summitbot"
	GuildID string // the one guild, sent in READY and GUILD_CREATE; default "300"
	// Token, when set, is the bot token every REST request and IDENTIFY
	// must carry (without the "Bot " prefix).
	Token string
	// NoApplicationInReady leaves the application out of READY, as a
	// client sees when another event comes first.
	NoApplicationInReady bool
}

// Request is one REST request the fake received.
type Request struct {
	Seq    int         // order of arrival, from 1
	Method string      // GET, POST, PUT, PATCH, ...
	Path   string      // below APIPath, e.g. "interactions/1/tok/callback"
	Query  string      // raw query
	Header http.Header // request headers
	Body   []byte      // request body
	Status int         // status code the fake answered
	// Response is the JSON body the fake answered (a message sent holds
	// the id it was given), nil for none.
	Response []byte
	// At is when the fake recorded the request (for an interaction sent
	// over HTTP, its response), after reading and checking it.
	At time.Time
	// Arrived is when the request reached the fake, before the fake's own
	// work on it (reading the body, decoding, the checks, the lock of its
	// log): the REST handler's start, or for an interaction sent over
	// HTTP, when the response to the POST was read. For latency figures:
	// Discord has a response when it arrives; what it then does with it
	// is its own machines' work.
	Arrived time.Time
}

// Identify is an IDENTIFY payload a gateway client sent.
type Identify struct {
	Token   string  `json:"token"`
	Intents int     `json:"intents"`
	Shard   *[2]int `json:"shard,omitempty"`
}

// Server is a fake Discord. Its methods are safe for concurrent use.
type Server struct {
	opts     Options
	hs       *httptest.Server
	upgrader websocket.Upgrader

	mu           sync.Mutex
	changed      chan struct{} // closed and replaced whenever something is recorded
	requests     []Request
	failures     []string
	commands     map[string][]*discordgo.ApplicationCommand // by guild id, "" for global
	interactions map[string]*interaction                    // by token
	broken       map[string]bool                            // interaction ids whose callbacks fail
	conns        map[*gatewayConn]bool
	current      *gatewayConn // the last identified connection
	identifies   []Identify
	attachments  map[string]attachment // by URL path
	downloads    []string              // URL paths of attachment downloads, in order
	nextID       int
	closed       bool
	threads      map[string]bool // channel ids that are threads (AddThread)

	// key is the application's key pair, signing interactions sent to
	// endpoint, the bot's interactions endpoint ("" for the gateway).
	key      ed25519.PrivateKey
	endpoint string
	client   *http.Client // for the endpoint
	// deliveries are the HTTP interactions in flight; stop cancels them.
	deliveries sync.WaitGroup
	stopCtx    context.Context
	stop       context.CancelFunc
}

// attachment is a file the fake serves as Discord's CDN would.
type attachment struct {
	contentType string
	data        []byte
}

// interaction is what the fake knows of an interaction it dispatched.
type interaction struct {
	id, token string
	typ       discordgo.InteractionType
	callbacks int
	overHTTP  bool // sent to the bot's endpoint, so answered in the HTTP response
	// delivering is true while the POST to the endpoint is in flight.
	delivering bool
}

// New starts a fake Discord. Call Close when done, or use Start.
func New(opts Options) *Server {
	if opts.AppID == "" {
		opts.AppID = "200"
	}
	if opts.BotID == "" {
		opts.BotID = "100"
	}
	if opts.BotName == "" {
		opts.BotName = "summitbot"
	}
	if opts.GuildID == "" {
		opts.GuildID = "300"
	}
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic(fmt.Sprintf("discordtest: generate the application's key: %v", err))
	}
	stopCtx, stop := context.WithCancel(context.Background())
	s := &Server{
		key:          key,
		client:       endpointClient(),
		stopCtx:      stopCtx,
		stop:         stop,
		opts:         opts,
		changed:      make(chan struct{}),
		commands:     map[string][]*discordgo.ApplicationCommand{},
		interactions: map[string]*interaction{},
		attachments:  map[string]attachment{},
		conns:        map[*gatewayConn]bool{},
		nextID:       1000,
	}
	mux := http.NewServeMux()
	mux.HandleFunc(APIPath, s.serveAPI)
	mux.HandleFunc("/ws/", s.serveGateway)
	mux.HandleFunc(attachmentsPath, s.serveAttachment)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.failf("request outside the API: %s %s", r.Method, r.URL.Path)
		http.NotFound(w, r)
	})
	// Assigned before Start, so handlers see it (a request may come from
	// another process, which the race detector cannot follow).
	s.hs = httptest.NewUnstartedServer(mux)
	s.hs.Config.Protocols = new(http.Protocols)
	s.hs.Config.Protocols.SetHTTP1(true)
	s.hs.Config.Protocols.SetUnencryptedHTTP2(true)
	s.hs.Start()
	return s
}

// Start is New for a test: the server is closed when the test ends, and the
// test fails with every failure the server recorded.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s := New(opts)
	t.Cleanup(func() {
		s.Close()
		for _, f := range s.Failures() {
			t.Errorf("fake Discord: %s", f)
		}
	})
	return s
}

// Close closes the gateway connections and the server.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	conns := make([]*gatewayConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.close()
	}
	s.stop()
	s.deliveries.Wait()
	s.client.CloseIdleConnections()
	s.hs.Close()
}

// URL is the REST API base URL, e.g. http://127.0.0.1:PORT/api/v9, to use
// as the bot's API URL (DISCORD_API_URL).
func (s *Server) URL() string { return s.hs.URL + strings.TrimSuffix(APIPath, "/") }

// GatewayURL is the websocket address GET /gateway returns.
func (s *Server) GatewayURL() string { return "ws" + strings.TrimPrefix(s.hs.URL, "http") + "/ws" }

// AppID is the application id the fake sends in READY.
func (s *Server) AppID() string { return s.opts.AppID }

// BotID is the bot user's id.
func (s *Server) BotID() string { return s.opts.BotID }

// GuildID is the fake's guild.
func (s *Server) GuildID() string { return s.opts.GuildID }

// BreakCallback makes the callback of interaction id fail with a server
// error, as Discord's sometimes do: for tests of how the bot copes and
// what it logs.
func (s *Server) BreakCallback(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.broken == nil {
		s.broken = map[string]bool{}
	}
	s.broken[id] = true
}

// Failures returns what went wrong so far: unknown routes, bad requests,
// messages breaking limits.
func (s *Server) Failures() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.failures...)
}

// Requests returns every REST request so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// RequestsSince returns the REST requests after the first n, in order:
// for a watcher polling a long log, which would otherwise copy all of it
// under the lock each time.
func (s *Server) RequestsSince(n int) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n >= len(s.requests) {
		return nil
	}
	return append([]Request(nil), s.requests[max(0, n):]...)
}

// Identifies returns the IDENTIFY payloads received so far.
func (s *Server) Identifies() []Identify {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Identify(nil), s.identifies...)
}

// Commands returns the commands registered in guildID ("" for global).
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*discordgo.ApplicationCommand(nil), s.commands[guildID]...)
}

// SetCommands sets the commands registered in guildID ("" for global), as
// if a previous run had registered them.
func (s *Server) SetCommands(guildID string, cmds []*discordgo.ApplicationCommand) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commands[guildID] = s.withIDs(guildID, cmds)
	s.notify()
}

// failf records a failure. s.mu must not be held.
func (s *Server) failf(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, fmt.Sprintf(format, args...))
	s.notify()
}

// notify wakes the waiters. s.mu is held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// newID returns a fresh snowflake-like id. s.mu is held.
func (s *Server) newID() string {
	s.nextID++
	return fmt.Sprint(s.nextID)
}

// ErrClosed is returned by the waiting methods when the server is closed.
var ErrClosed = errors.New("discordtest: server closed")

// wait calls check under the lock until it reports done, ctx ends or the
// server closes.
func (s *Server) wait(ctx context.Context, check func() bool) error {
	for {
		s.mu.Lock()
		if check() {
			s.mu.Unlock()
			return nil
		}
		ch, closed := s.changed, s.closed
		s.mu.Unlock()
		if closed {
			return ErrClosed
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("discordtest: %w", ctx.Err())
		case <-ch:
		}
	}
}

// WaitFor waits for a REST request (already received or to come) for
// which match is true, and returns the first one.
func (s *Server) WaitFor(ctx context.Context, match func(Request) bool) (Request, error) {
	var found Request
	err := s.wait(ctx, func() bool {
		for _, r := range s.requests {
			if match(r) {
				found = r
				return true
			}
		}
		return false
	})
	return found, err
}

// WaitReady waits until a gateway client has identified and been sent READY.
func (s *Server) WaitReady(ctx context.Context) error {
	return s.wait(ctx, func() bool { return s.current != nil && s.current.ready })
}

// WaitCallback waits for the response to the interaction with id, and
// returns it decoded.
func (s *Server) WaitCallback(ctx context.Context, id string) (Callback, error) {
	r, err := s.WaitFor(ctx, func(r Request) bool {
		return r.Method == http.MethodPost && strings.HasPrefix(r.Path, "interactions/"+id+"/") && strings.HasSuffix(r.Path, "/callback")
	})
	if err != nil {
		return Callback{}, fmt.Errorf("waiting for the response to interaction %s: %w", id, err)
	}
	var c Callback
	if err := json.Unmarshal(r.Body, &c); err != nil {
		return Callback{}, fmt.Errorf("decode response to interaction %s: %w", id, err)
	}
	return c, nil
}

// WaitEdit waits for an edit of the original response to the interaction
// with id (PATCH webhooks/{app}/{token}/messages/@original).
func (s *Server) WaitEdit(ctx context.Context, id string) (Message, error) {
	return s.waitWebhook(ctx, id, http.MethodPatch, "/messages/@original")
}

// WaitFollowup waits for a follow-up message to the interaction with id
// (POST webhooks/{app}/{token}).
func (s *Server) WaitFollowup(ctx context.Context, id string) (Message, error) {
	return s.waitWebhook(ctx, id, http.MethodPost, "")
}

func (s *Server) waitWebhook(ctx context.Context, id, method, suffix string) (Message, error) {
	token := s.tokenOf(id)
	if token == "" {
		return Message{}, fmt.Errorf("discordtest: no interaction %s was sent", id)
	}
	want := "webhooks/" + s.opts.AppID + "/" + token + suffix
	r, err := s.WaitFor(ctx, func(r Request) bool { return r.Method == method && r.Path == want })
	if err != nil {
		return Message{}, fmt.Errorf("waiting for %s %s: %w", method, want, err)
	}
	var m Message
	if err := json.Unmarshal(r.Body, &m); err != nil {
		return Message{}, fmt.Errorf("decode %s %s: %w", method, want, err)
	}
	return m, nil
}

// WaitReply waits for what the user finally sees for the interaction with
// id: the response's message, or for a deferred response, the edit that
// follows it. It also returns the response type (5 or 6 when deferred).
func (s *Server) WaitReply(ctx context.Context, id string) (Message, discordgo.InteractionResponseType, error) {
	c, err := s.WaitCallback(ctx, id)
	if err != nil {
		return Message{}, 0, err
	}
	switch c.Type {
	case discordgo.InteractionResponseDeferredChannelMessageWithSource, discordgo.InteractionResponseDeferredMessageUpdate:
		m, err := s.WaitEdit(ctx, id)
		if c.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource {
			m.Flags |= c.Data.Flags // the deferral fixed the visibility
		}
		return m, c.Type, err
	}
	return c.Data, c.Type, nil
}

// WaitChannelMessage waits for a message posted in channelID that replies
// to the message replyTo (any message when replyTo is "").
func (s *Server) WaitChannelMessage(ctx context.Context, channelID, replyTo string) (Message, error) {
	want := "channels/" + channelID + "/messages"
	var m Message
	_, err := s.WaitFor(ctx, func(r Request) bool {
		if r.Method != http.MethodPost || r.Path != want {
			return false
		}
		var got Message
		if json.Unmarshal(r.Body, &got) != nil {
			return false
		}
		if replyTo != "" && (got.MessageReference == nil || got.MessageReference.MessageID != replyTo) {
			return false
		}
		var sent struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(r.Response, &sent) == nil {
			got.ID = sent.ID
		}
		got.ChannelID = channelID
		m = got
		return true
	})
	if err != nil {
		return Message{}, fmt.Errorf("waiting for a message in channel %s: %w", channelID, err)
	}
	return m, nil
}

// AddThread makes channel id a thread of the server's guild, as GET
// channels/{id} tells it.
func (s *Server) AddThread(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.threads == nil {
		s.threads = map[string]bool{}
	}
	s.threads[id] = true
}

func (s *Server) tokenOf(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for tok, in := range s.interactions {
		if in.id == id {
			return tok
		}
	}
	return ""
}

// endpointConns bounds the fake's connections to the bot's endpoint. A
// burst sent with no bound dials one connection per interaction (1,000 at
// once), and on the one machine the fake and the bot share, those
// handshakes (both sides of each) cost more CPU than the interactions'
// own work; with a pool the interactions beyond it wait for a connection,
// and that wait still counts in their acknowledgement (it runs from
// SendInteraction). 64 measured best of 16, 64 and unbounded on 2 cores
// (BENCHMARKS.md, "Acknowledgement under a burst").
const endpointConns = 64

// endpointClient is the fake's client for the bot's endpoint: a pool of
// endpointConns connections, kept open between requests as Discord keeps
// its own.
func endpointClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost, t.MaxConnsPerHost = endpointConns, endpointConns, endpointConns
	return &http.Client{Transport: t, Timeout: 30 * time.Second}
}
