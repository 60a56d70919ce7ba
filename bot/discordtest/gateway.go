package discordtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// heartbeatInterval is sent in HELLO, in milliseconds: long, so that tests
// see only discordgo's first, immediate heartbeat.
const heartbeatInterval = 45000

// gatewayConn is one websocket client. gorilla/websocket allows one writer
// at a time: every write holds mu, which also orders sequence numbers.
type gatewayConn struct {
	ws    *websocket.Conn
	mu    sync.Mutex
	seq   int64
	ready bool // READY and GUILD_CREATE are written; guarded by Server.mu
}

// frame is a gateway payload.
type frame struct {
	Op   int             `json:"op"`
	Data json.RawMessage `json:"d"`
	Seq  *int64          `json:"s,omitempty"`
	Type string          `json:"t,omitempty"`
}

// send writes a non-dispatch payload.
func (c *gatewayConn) send(op int, d any) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ws.WriteJSON(map[string]any{"op": op, "d": d})
}

// dispatch writes an event (op 0) with the next sequence number. An
// event already encoded (json.RawMessage, as SendPrepared sends) is
// written as it is, not checked and compacted again: the frame is built
// around it.
func (c *gatewayConn) dispatch(t string, d any) error {
	raw, ok := d.(json.RawMessage)
	if !ok {
		var err error
		if raw, err = json.Marshal(d); err != nil {
			return fmt.Errorf("encode %s: %w", t, err)
		}
	}
	name, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("encode the event name %q: %w", t, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dispatchLocked(name, raw)
}

// dispatchLocked writes an encoded event; the caller holds c.mu.
func (c *gatewayConn) dispatchLocked(name, raw []byte) error {
	c.seq++
	frame := make([]byte, 0, len(raw)+len(name)+40)
	frame = append(frame, `{"op":0,"s":`...)
	frame = strconv.AppendInt(frame, c.seq, 10)
	frame = append(frame, `,"t":`...)
	frame = append(frame, name...)
	frame = append(frame, `,"d":`...)
	frame = append(frame, raw...)
	frame = append(frame, '}')
	return c.ws.WriteMessage(websocket.TextMessage, frame)
}

func (c *gatewayConn) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	_ = c.ws.Close()
}

// serveGateway runs one gateway connection.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		s.failf("gateway upgrade: %v", err)
		return
	}
	c := &gatewayConn{ws: ws}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		_ = ws.Close()
		return
	}
	s.conns[c] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.conns, c)
		if s.current == c {
			s.current = nil
		}
		s.notify()
		s.mu.Unlock()
		_ = ws.Close()
	}()

	if err := c.send(10, map[string]int{"heartbeat_interval": heartbeatInterval}); err != nil {
		return
	}
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var f frame
		if err := json.Unmarshal(data, &f); err != nil {
			s.failf("gateway: bad frame %q: %v", data, err)
			return
		}
		switch f.Op {
		case 1: // heartbeat
			err = c.send(11, nil)
		case 2: // identify
			err = s.identify(c, f.Data)
		case 6: // resume
			err = c.dispatch("RESUMED", map[string]any{})
		default:
			s.failf("gateway: unexpected op %d", f.Op)
		}
		if err != nil {
			return
		}
	}
}

// identify answers IDENTIFY with READY and GUILD_CREATE.
func (s *Server) identify(c *gatewayConn, data json.RawMessage) error {
	var id Identify
	if err := json.Unmarshal(data, &id); err != nil {
		s.failf("gateway: bad IDENTIFY: %v", err)
		return err
	}
	if s.opts.Token != "" && id.Token != "Bot "+s.opts.Token {
		s.failf("gateway: IDENTIFY with a bad token")
		_ = c.send(9, false)
		return errors.New("bad token")
	}
	// The connection is current before READY, so that a client ready at
	// READY may send at once and events reach it; but c.mu is held until
	// READY and GUILD_CREATE are written, so no event overtakes them (as
	// on Discord, READY is the first dispatch).
	c.mu.Lock()
	s.mu.Lock()
	s.identifies = append(s.identifies, id)
	session := fmt.Sprintf("fake-session-%d", len(s.identifies))
	s.current = c
	s.notify()
	s.mu.Unlock()
	guild := s.opts.GuildID
	ready := map[string]any{
		"v":                  10,
		"session_id":         session,
		"resume_gateway_url": s.GatewayURL(),
		"user":               s.botUser(),
		"application":        map[string]any{"id": s.opts.AppID, "flags": 0},
		"guilds":             []map[string]any{{"id": guild, "unavailable": true}},
	}
	if s.opts.NoApplicationInReady {
		delete(ready, "application")
	}
	err := c.dispatchLockedJSON("READY", ready)
	if err == nil {
		err = c.dispatchLockedJSON("GUILD_CREATE", map[string]any{
			"id": guild, "name": "Fake guild", "unavailable": false,
			"channels": []any{}, "members": []any{}, "roles": []any{},
		})
	}
	if err == nil {
		// Marked ready before c.mu is let go, so that an event written
		// after GUILD_CREATE always finds the connection ready.
		s.mu.Lock()
		c.ready = true
		s.notify()
		s.mu.Unlock()
	}
	c.mu.Unlock()
	return err
}

// dispatchLockedJSON encodes d and writes it as event t; the caller holds
// c.mu.
func (c *gatewayConn) dispatchLockedJSON(t string, d any) error {
	raw, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("encode %s: %w", t, err)
	}
	name, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("encode the event name %q: %w", t, err)
	}
	return c.dispatchLocked(name, raw)
}

// ErrNoGateway is returned when an event is sent with no client connected.
var ErrNoGateway = errors.New("discordtest: no gateway client has identified")

// SendInteraction dispatches INTERACTION_CREATE to the connected bot, or
// after UseEndpoint POSTs it, signed, to the bot's endpoint (and returns
// at once; the response is recorded as the interaction's callback). It
// fills in what Discord adds: the application id, a token (when empty), the
// version, the guild (for guild interactions) and a channel. It is Prepare
// and SendPrepared.
func (s *Server) SendInteraction(i *discordgo.Interaction) error {
	p, err := s.Prepare(i)
	if err != nil {
		return err
	}
	return s.SendPrepared(p)
}

// Prepared is an interaction made ready to send (Prepare): filled in as
// Discord fills it in, encoded, and for an endpoint (UseEndpoint) signed.
type Prepared struct {
	ic       discordgo.Interaction
	body     []byte // ic encoded
	endpoint string // "" for the gateway
	sig, ts  string // the signature headers, for the endpoint
}

// Prepare does beforehand the work of sending i that Discord does on its
// own machines: it fills i in as SendInteraction does, encodes it, and
// after UseEndpoint signs it (at the current time: send it within
// minutes, before the bot finds the timestamp stale). A burst prepared
// first and sent with SendPrepared then measures the bot, not the fake's
// encoding and signing on the same cores.
func (s *Server) Prepare(i *discordgo.Interaction) (*Prepared, error) {
	p := &Prepared{ic: *i}
	ic := &p.ic
	if ic.ID == "" {
		return nil, errors.New("discordtest: interaction without id")
	}
	ic.AppID = s.opts.AppID
	if ic.Token == "" {
		ic.Token = "itok-" + ic.ID
	}
	ic.Version = 1
	if ic.GuildID == "" && ic.Member != nil {
		ic.GuildID = s.opts.GuildID
	}
	if ic.ChannelID == "" {
		ic.ChannelID = "400"
	}
	body, err := json.Marshal(ic)
	if err != nil {
		return nil, fmt.Errorf("discordtest: encode interaction %s: %w", ic.ID, err)
	}
	p.body = body
	s.mu.Lock()
	p.endpoint = s.endpoint
	s.mu.Unlock()
	if p.endpoint != "" {
		p.ts = strconv.FormatInt(time.Now().Unix(), 10)
		p.sig = s.Sign(p.ts, body)
	}
	return p, nil
}

// SendPrepared sends an interaction Prepare made ready, as SendInteraction
// sends it: over the gateway, or POSTed to the endpoint that was in use
// when it was prepared.
func (s *Server) SendPrepared(p *Prepared) error {
	ic := &p.ic
	s.mu.Lock()
	endpoint := p.endpoint
	if endpoint != s.endpoint {
		s.mu.Unlock()
		return fmt.Errorf("discordtest: interaction %s was prepared for endpoint %q, now %q", ic.ID, endpoint, s.endpoint)
	}
	s.interactions[ic.Token] = &interaction{id: ic.ID, token: ic.Token, typ: ic.Type, overHTTP: endpoint != "", delivering: endpoint != "" && !s.closed}
	c := s.current
	closed := s.closed
	if endpoint != "" && !closed {
		s.deliveries.Add(1)
	}
	s.mu.Unlock()
	if endpoint != "" {
		if closed {
			return ErrClosed
		}
		go func() {
			defer s.deliveries.Done()
			s.deliver(s.stopCtx, p)
		}()
		return nil
	}
	if c == nil {
		return ErrNoGateway
	}
	if err := s.dispatch(c, "INTERACTION_CREATE", json.RawMessage(p.body)); err != nil {
		return fmt.Errorf("discordtest: dispatch interaction %s: %w", ic.ID, err)
	}
	return nil
}

// redeliverWithin is how long an event whose connection closed under it
// waits for the client's next connection.
const redeliverWithin = 10 * time.Second

// dispatch sends an event on c; when c closes under it (the client
// reconnecting), it sends it again on the client's next identified
// connection, as Discord replays missed events when a session resumes.
func (s *Server) dispatch(c *gatewayConn, event string, v any) error {
	err := c.dispatch(event, v)
	if err == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), redeliverWithin)
	defer cancel()
	var next *gatewayConn
	if werr := s.wait(ctx, func() bool {
		next = s.current
		return next != nil && next != c
	}); werr != nil {
		return err
	}
	return next.dispatch(event, v)
}

// SendMessage dispatches MESSAGE_CREATE to the connected bot.
func (s *Server) SendMessage(m *discordgo.Message) error {
	s.mu.Lock()
	c := s.current
	s.mu.Unlock()
	if c == nil {
		return ErrNoGateway
	}
	if err := s.dispatch(c, "MESSAGE_CREATE", m); err != nil {
		return fmt.Errorf("discordtest: dispatch message %s: %w", m.ID, err)
	}
	return nil
}
