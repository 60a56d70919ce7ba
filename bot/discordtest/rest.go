package discordtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// apiError is Discord's error body.
type apiError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// serveAPI records a REST request, routes it and records the status.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	arrived := time.Now()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		// The client went away mid-request (killed, or its context
		// cancelled): the request was never made, as with Discord.
		// Not a failure of the bot's; nothing is recorded.
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	path := strings.TrimPrefix(r.URL.Path, APIPath)
	if s.breaks(path) {
		// The connection drops: the client's error holds the URL.
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
	}
	status, resp := s.route(r, path, body)

	s.mu.Lock()
	var respBody []byte
	if resp != nil {
		respBody, _ = json.Marshal(resp)
	}
	s.requests = append(s.requests, Request{
		Seq: len(s.requests) + 1, Method: r.Method, Path: path, Query: r.URL.RawQuery,
		Header: r.Header.Clone(), Body: body, Status: status, Response: respBody, At: time.Now(), Arrived: arrived,
	})
	s.notify()
	s.mu.Unlock()

	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(resp); err != nil {
		s.failf("write response to %s %s: %v", r.Method, path, err)
	}
}

// breaks reports whether path is the callback of an interaction whose
// callback BreakCallback broke.
func (s *Server) breaks(path string) bool {
	seg := strings.Split(path, "/")
	if len(seg) != 4 || seg[0] != "interactions" || seg[3] != "callback" {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.broken[seg[1]]
}

// route answers one REST request: status and JSON body.
func (s *Server) route(r *http.Request, path string, body []byte) (int, any) {
	if s.opts.Token != "" && r.Header.Get("Authorization") != "Bot "+s.opts.Token {
		s.failf("%s %s: bad Authorization header", r.Method, path)
		return http.StatusUnauthorized, apiError{0, "401: Unauthorized"}
	}
	seg := strings.Split(path, "/")
	app := s.opts.AppID
	switch {
	case r.Method == http.MethodGet && path == "gateway":
		return http.StatusOK, map[string]string{"url": s.GatewayURL()}
	case r.Method == http.MethodGet && path == "gateway/bot":
		return http.StatusOK, map[string]any{
			"url": s.GatewayURL(), "shards": 1,
			"session_start_limit": map[string]int{"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1},
		}
	case r.Method == http.MethodGet && path == "users/@me":
		return http.StatusOK, s.botUser()
	case len(seg) == 3 && seg[0] == "applications" && seg[1] == app && seg[2] == "commands":
		return s.serveCommands(r.Method, "", body)
	case len(seg) == 5 && seg[0] == "applications" && seg[1] == app && seg[2] == "guilds" && seg[4] == "commands":
		return s.serveCommands(r.Method, seg[3], body)
	case r.Method == http.MethodPost && len(seg) == 4 && seg[0] == "interactions" && seg[3] == "callback":
		s.mu.Lock()
		in := s.interactions[seg[2]]
		s.mu.Unlock()
		if in != nil && in.overHTTP {
			s.failf("interaction %s came over HTTP but was answered through the REST callback", in.id)
		}
		return s.serveCallback(seg[1], seg[2], body)
	case r.Method == http.MethodGet && (path == "applications/@me" || path == "oauth2/applications/@me"):
		return http.StatusOK, map[string]any{"id": s.opts.AppID, "name": s.opts.BotName, "bot": s.botUser()}
	case r.Method == http.MethodPatch && len(seg) == 5 && seg[0] == "webhooks" && seg[1] == app && seg[3] == "messages" && seg[4] == "@original":
		return s.serveWebhookMessage("edit of the original response", seg[2], body)
	case r.Method == http.MethodPost && len(seg) == 3 && seg[0] == "webhooks" && seg[1] == app:
		return s.serveWebhookMessage("follow-up", seg[2], body)
	case r.Method == http.MethodPost && len(seg) == 3 && seg[0] == "channels" && seg[2] == "messages":
		return s.serveChannelMessage(seg[1], body)
	case r.Method == http.MethodGet && len(seg) == 2 && seg[0] == "channels":
		return s.serveChannel(seg[1])
	}
	s.failf("unknown route: %s %s", r.Method, path)
	return http.StatusNotFound, apiError{0, "404: Not Found"}
}

// botUser is the bot's user object.
func (s *Server) botUser() map[string]any {
	return map[string]any{"id": s.opts.BotID, "username": s.opts.BotName, "discriminator": "0", "bot": true}
}

// serveCommands lists (GET) or bulk-overwrites (PUT) commands.
func (s *Server) serveCommands(method, guildID string, body []byte) (int, any) {
	switch method {
	case http.MethodGet:
		return http.StatusOK, s.Commands(guildID)
	case http.MethodPut:
		var cmds []*discordgo.ApplicationCommand
		if err := json.Unmarshal(body, &cmds); err != nil {
			s.failf("PUT commands: bad JSON: %v", err)
			return http.StatusBadRequest, apiError{50035, "Invalid Form Body"}
		}
		if err := CheckCommands(cmds); err != nil {
			s.failf("PUT commands: %v", err)
			return http.StatusBadRequest, apiError{50035, "Invalid Form Body"}
		}
		s.mu.Lock()
		s.commands[guildID] = s.withIDs(guildID, cmds)
		out := s.commands[guildID]
		s.mu.Unlock()
		return http.StatusOK, out
	}
	s.failf("unknown route: %s commands", method)
	return http.StatusMethodNotAllowed, apiError{0, "405: Method Not Allowed"}
}

// withIDs returns copies of cmds as Discord stores them. s.mu is held.
func (s *Server) withIDs(guildID string, cmds []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, len(cmds))
	for i, c := range cmds {
		cc := *c
		cc.ID, cc.ApplicationID, cc.GuildID, cc.Version = s.newID(), s.opts.AppID, guildID, "1"
		if cc.Type == 0 {
			cc.Type = discordgo.ChatApplicationCommand
		}
		out[i] = &cc
	}
	return out
}

// serveCallback accepts the one response to an interaction.
func (s *Server) serveCallback(id, token string, body []byte) (int, any) {
	s.mu.Lock()
	in := s.interactions[token]
	known := in != nil && in.id == id
	if known {
		in.callbacks++
	}
	s.mu.Unlock()
	if !known {
		s.failf("response to unknown interaction %s", id)
		return http.StatusNotFound, apiError{10062, "Unknown interaction"}
	}
	if in.callbacks > 1 {
		s.failf("interaction %s answered twice", id)
		return http.StatusBadRequest, apiError{40060, "Interaction has already been acknowledged."}
	}
	var c Callback
	if err := json.Unmarshal(body, &c); err != nil {
		s.failf("response to interaction %s: bad JSON: %v", id, err)
		return http.StatusBadRequest, apiError{50035, "Invalid Form Body"}
	}
	switch c.Type {
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage:
		if err := CheckMessage(c.Data); err != nil {
			s.failf("response to interaction %s: %v", id, err)
		}
	case discordgo.InteractionResponseDeferredChannelMessageWithSource, discordgo.InteractionResponseDeferredMessageUpdate:
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		if err := CheckChoices(c.Data.Choices); err != nil {
			s.failf("autocomplete response to interaction %s: %v", id, err)
		}
	case discordgo.InteractionResponseModal:
		if in.typ != discordgo.InteractionApplicationCommand && in.typ != discordgo.InteractionMessageComponent {
			s.failf("modal in response to interaction %s of type %d: only commands and components may open one", id, in.typ)
			return http.StatusBadRequest, apiError{50035, "Invalid Form Body"}
		}
		if err := CheckModal(c.Data); err != nil {
			s.failf("modal response to interaction %s: %v", id, err)
		}
	default:
		s.failf("response to interaction %s has unexpected type %d", id, c.Type)
	}
	return http.StatusNoContent, nil
}

// serveWebhookMessage accepts an edit of the original response or a
// follow-up, which need a response first.
func (s *Server) serveWebhookMessage(what, token string, body []byte) (int, any) {
	s.awaitResponse(token)
	s.mu.Lock()
	in := s.interactions[token]
	ok := in != nil && in.callbacks > 0
	id := s.newID()
	s.mu.Unlock()
	if in == nil {
		s.failf("%s for unknown interaction token", what)
		return http.StatusNotFound, apiError{10015, "Unknown Webhook"}
	}
	if !ok {
		s.failf("%s of interaction %s before any response", what, in.id)
		return http.StatusNotFound, apiError{10008, "Unknown Message"}
	}
	return s.acceptMessage(fmt.Sprintf("%s of interaction %s", what, in.id), id, "", body)
}

// serveChannel answers GET channels/{id}: a thread of the server's guild
// when AddThread named it, else a text channel of it.
func (s *Server) serveChannel(id string) (int, any) {
	s.mu.Lock()
	thread := s.threads[id]
	s.mu.Unlock()
	typ := discordgo.ChannelTypeGuildText
	if thread {
		typ = discordgo.ChannelTypeGuildPublicThread
	}
	return http.StatusOK, map[string]any{"id": id, "type": typ, "guild_id": s.opts.GuildID, "name": "channel-" + id}
}

// serveChannelMessage accepts a message posted in a channel.
func (s *Server) serveChannelMessage(channelID string, body []byte) (int, any) {
	s.mu.Lock()
	id := s.newID()
	s.mu.Unlock()
	return s.acceptMessage("message in channel "+channelID, id, channelID, body)
}

// acceptMessage checks a message body and returns it as Discord would.
func (s *Server) acceptMessage(what, id, channelID string, body []byte) (int, any) {
	var m Message
	if err := json.Unmarshal(body, &m); err != nil {
		s.failf("%s: bad JSON: %v", what, err)
		return http.StatusBadRequest, apiError{50035, "Invalid Form Body"}
	}
	if err := CheckMessage(m); err != nil {
		s.failf("%s: %v", what, err)
	}
	m.ID, m.ChannelID = id, channelID
	m.AllowedMentions = nil
	return http.StatusOK, map[string]any{
		"id": m.ID, "channel_id": m.ChannelID, "content": m.Content, "embeds": m.Embeds,
		"components": m.Components, "flags": m.Flags, "author": s.botUser(),
		"message_reference": m.MessageReference,
	}
}
