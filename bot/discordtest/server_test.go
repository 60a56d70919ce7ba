package discordtest

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

func okMessage() Message {
	return Message{
		Embeds:          []*discordgo.MessageEmbed{{Title: "t", Description: "d", Fields: []*discordgo.MessageEmbedField{{Name: "n", Value: "v"}}}},
		Components:      []Row{{Type: discordgo.ActionsRowComponent, Components: []Component{{Type: discordgo.ButtonComponent, Label: "b", Style: discordgo.PrimaryButton, CustomID: "x"}}}},
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
	}
}

func TestCheckMessage(t *testing.T) {
	t.Parallel()
	long := func(n int) string { return strings.Repeat("é", n) }
	tests := []struct {
		name    string
		change  func(*Message)
		wantErr string
	}{
		{"ok", func(*Message) {}, ""},
		{"content at limit", func(m *Message) { m.Content = long(2000) }, ""},
		{"content", func(m *Message) { m.Content = long(2001) }, "content is 2001"},
		{"empty", func(m *Message) { m.Embeds = nil }, "neither content nor embeds"},
		{"no allowed mentions", func(m *Message) { m.AllowedMentions = nil }, "allowed_mentions missing"},
		{"null parse", func(m *Message) { m.AllowedMentions.Parse = nil }, "parse is null"},
		{"everyone", func(m *Message) { m.AllowedMentions.Parse = []discordgo.AllowedMentionType{"everyone"} }, "allows pings"},
		{"replied user", func(m *Message) { m.AllowedMentions.RepliedUser = true }, "allows pings"},
		{"title", func(m *Message) { m.Embeds[0].Title = long(257) }, "title is 257"},
		{"description", func(m *Message) { m.Embeds[0].Description = long(4097) }, "description is 4097"},
		{"field value", func(m *Message) { m.Embeds[0].Fields[0].Value = long(1025) }, "value is 1025"},
		{"empty field", func(m *Message) { m.Embeds[0].Fields[0].Value = "" }, "empty name or value"},
		{"fields", func(m *Message) {
			for range 25 {
				m.Embeds[0].Fields = append(m.Embeds[0].Fields, &discordgo.MessageEmbedField{Name: "n", Value: "v"})
			}
		}, "26 fields"},
		{"footer", func(m *Message) { m.Embeds[0].Footer = &discordgo.MessageEmbedFooter{Text: long(2049)} }, "footer is 2049"},
		{"author", func(m *Message) { m.Embeds[0].Author = &discordgo.MessageEmbedAuthor{Name: long(257)} }, "author is 257"},
		{"total", func(m *Message) {
			m.Embeds[0].Description = long(4000)
			m.Embeds = append(m.Embeds, &discordgo.MessageEmbed{Description: long(2000)})
		}, "total 6"},
		{"embeds", func(m *Message) {
			for range 10 {
				m.Embeds = append(m.Embeds, &discordgo.MessageEmbed{Title: "x"})
			}
		}, "11 embeds"},
		{"custom id", func(m *Message) { m.Components[0].Components[0].CustomID = strings.Repeat("x", 101) }, "custom_id"},
		{"duplicate id", func(m *Message) {
			m.Components[0].Components = append(m.Components[0].Components, m.Components[0].Components[0])
		}, "used twice"},
		{"rows", func(m *Message) {
			for i := range 5 {
				m.Components = append(m.Components, Row{Type: discordgo.ActionsRowComponent, Components: []Component{{Type: discordgo.ButtonComponent, Label: "b", CustomID: string(rune('a' + i))}}})
			}
		}, "6 component rows"},
		{"label", func(m *Message) { m.Components[0].Components[0].Label = long(81) }, "label is 81"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := okMessage()
			tt.change(&m)
			err := CheckMessage(m)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("CheckMessage = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestCheckChoices(t *testing.T) {
	t.Parallel()
	var many []*discordgo.ApplicationCommandOptionChoice
	for range 26 {
		many = append(many, &discordgo.ApplicationCommandOptionChoice{Name: "n", Value: "v"})
	}
	tests := []struct {
		name    string
		choices []*discordgo.ApplicationCommandOptionChoice
		wantErr string
	}{
		{"ok", many[:25], ""},
		{"none", nil, ""},
		{"too many", many, "26 choices"},
		{"empty name", []*discordgo.ApplicationCommandOptionChoice{{Name: "", Value: "v"}}, "name is 0"},
		{"long name", []*discordgo.ApplicationCommandOptionChoice{{Name: strings.Repeat("n", 101), Value: "v"}}, "name is 101"},
		{"long value", []*discordgo.ApplicationCommandOptionChoice{{Name: "n", Value: strings.Repeat("v", 101)}}, "value is 101"},
	}
	for _, tt := range tests {
		err := CheckChoices(tt.choices)
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("%s: CheckChoices = %v, want %q", tt.name, err, tt.wantErr)
		}
	}
}

// TestFailsLoudly checks that requests the fake does not expect are
// refused and recorded as failures.
func TestFailsLoudly(t *testing.T) {
	t.Parallel()
	s := New(Options{Token: "tok"})
	defer s.Close()
	do := func(method, path, auth string, body any) int {
		data, _ := json.Marshal(body)
		req, _ := http.NewRequest(method, s.URL()+"/"+path, bytes.NewReader(data))
		req.Header.Set("Authorization", auth)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	steps := []struct {
		method, path, auth string
		body               any
		status             int
		failure            string
	}{
		{"GET", "gateway", "Bot tok", nil, 200, ""},
		{"GET", "guilds/1/roles", "Bot tok", nil, 404, "unknown route: GET guilds/1/roles"},
		{"GET", "gateway", "Bot wrong", nil, 401, "bad Authorization"},
		{"POST", "interactions/9/nope/callback", "Bot tok", map[string]int{"type": 4}, 404, "unknown interaction 9"},
		{"PATCH", "webhooks/200/nope/messages/@original", "Bot tok", okMessage(), 404, "unknown interaction token"},
		{"POST", "channels/5/messages", "Bot tok", Message{Content: "@everyone"}, 200, "allowed_mentions missing"},
	}
	for _, st := range steps {
		before := len(s.Failures())
		if got := do(st.method, st.path, st.auth, st.body); got != st.status {
			t.Errorf("%s %s: status %d, want %d", st.method, st.path, got, st.status)
		}
		f := s.Failures()[before:]
		if st.failure == "" && len(f) > 0 || st.failure != "" && (len(f) != 1 || !strings.Contains(f[0], st.failure)) {
			t.Errorf("%s %s: failures %q, want %q", st.method, st.path, f, st.failure)
		}
	}
}

// TestGateway drives the fake gateway by hand: HELLO, IDENTIFY → READY and
// GUILD_CREATE, heartbeat ACK, then dispatched events, and the interaction
// response rules.
func TestGateway(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{})
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	ws, _, err := websocket.DefaultDialer.DialContext(ctx, s.GatewayURL()+"/?v=9&encoding=json", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	read := func() frame {
		t.Helper()
		var f frame
		if err := ws.ReadJSON(&f); err != nil {
			t.Fatal(err)
		}
		return f
	}
	if f := read(); f.Op != 10 {
		t.Fatalf("first frame op %d, want HELLO", f.Op)
	}
	if err := ws.WriteJSON(map[string]any{"op": 2, "d": map[string]any{"token": "Bot x", "intents": 4608}}); err != nil {
		t.Fatal(err)
	}
	var ready struct {
		SessionID   string `json:"session_id"`
		User        struct{ ID string }
		Application struct{ ID string }
	}
	if f := read(); f.Type != "READY" || *f.Seq != 1 || json.Unmarshal(f.Data, &ready) != nil || ready.User.ID != "100" || ready.Application.ID != "200" || ready.SessionID == "" {
		t.Fatalf("READY frame %+v", f)
	}
	if f := read(); f.Type != "GUILD_CREATE" || *f.Seq != 2 {
		t.Fatalf("second frame %+v", f)
	}
	if err := ws.WriteJSON(map[string]any{"op": 1, "d": 2}); err != nil {
		t.Fatal(err)
	}
	if f := read(); f.Op != 11 {
		t.Fatalf("heartbeat answered with op %d", f.Op)
	}
	if err := s.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	if ids := s.Identifies(); len(ids) != 1 || ids[0].Intents != 4608 {
		t.Errorf("identifies %+v", ids)
	}
	if err := s.SendInteraction(SlashCommand("7", "u", "ask", StringOption("question", "q"))); err != nil {
		t.Fatal(err)
	}
	var in discordgo.Interaction
	if f := read(); f.Type != "INTERACTION_CREATE" || *f.Seq != 3 || json.Unmarshal(f.Data, &in) != nil {
		t.Fatalf("interaction frame %+v", f)
	}
	if in.Token != "itok-7" || in.AppID != "200" || in.GuildID != "300" || in.ApplicationCommandData().Options[0].StringValue() != "q" {
		t.Errorf("dispatched interaction %+v", in)
	}
	if err := s.SendMessage(Mention("8", "c", "300", "u", "<@100> hi", "100")); err != nil {
		t.Fatal(err)
	}
	if f := read(); f.Type != "MESSAGE_CREATE" || *f.Seq != 4 {
		t.Fatalf("message frame %+v", f)
	}
}

// TestReadyIsTheFirstDispatch: an event sent the moment the connection
// becomes current (before WaitReady, racing IDENTIFY) reaches the client
// after READY and GUILD_CREATE, never before them: discordgo takes the
// first dispatch after IDENTIFY for READY, and a client that read an
// interaction there would have no application id. And WaitReady returns
// only once READY has been written.
func TestReadyIsTheFirstDispatch(t *testing.T) {
	t.Parallel()
	for round := range 20 {
		s := Start(t, Options{})
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		ws, _, err := websocket.DefaultDialer.DialContext(ctx, s.GatewayURL()+"/?v=9&encoding=json", nil)
		if err != nil {
			t.Fatal(err)
		}
		var hello frame
		if err := ws.ReadJSON(&hello); err != nil || hello.Op != 10 {
			t.Fatalf("HELLO: %+v %v", hello, err)
		}
		sent := make(chan error, 1)
		go func() {
			if err := s.wait(ctx, func() bool { return s.current != nil }); err != nil {
				sent <- err
				return
			}
			sent <- s.SendMessage(Mention("8", "c", "300", "u", "<@100> hi", "100"))
		}()
		if err := ws.WriteJSON(map[string]any{"op": 2, "d": map[string]any{"token": "Bot x", "intents": 4608}}); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"READY", "GUILD_CREATE", "MESSAGE_CREATE"} {
			var f frame
			if err := ws.ReadJSON(&f); err != nil {
				t.Fatal(err)
			}
			if f.Type != want {
				t.Fatalf("round %d: dispatch %q where %q was due", round, f.Type, want)
			}
		}
		if err := <-sent; err != nil {
			t.Fatal(err)
		}
		s.mu.Lock()
		ready := s.current != nil && s.current.ready
		s.mu.Unlock()
		if !ready {
			t.Errorf("round %d: the connection is not marked ready after GUILD_CREATE", round)
		}
		ws.Close()
		cancel()
	}
}

// TestEventsFollowAReconnect: an event whose connection closed under it
// goes to the client's next connection, as Discord replays missed events
// when a session resumes.
func TestEventsFollowAReconnect(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{})
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	identify := func() *websocket.Conn {
		t.Helper()
		ws, _, err := websocket.DefaultDialer.DialContext(ctx, s.GatewayURL()+"/?v=9&encoding=json", nil)
		if err != nil {
			t.Fatal(err)
		}
		var hello frame
		if err := ws.ReadJSON(&hello); err != nil || hello.Op != 10 {
			t.Fatalf("HELLO: %+v %v", hello, err)
		}
		if err := ws.WriteJSON(map[string]any{"op": 2, "d": map[string]any{"token": "Bot x", "intents": 4608}}); err != nil {
			t.Fatal(err)
		}
		return ws
	}
	first := identify()
	if err := s.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	c := s.current
	s.mu.Unlock()
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.wait(ctx, func() bool { return s.current == nil }); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		done <- s.dispatch(c, "MESSAGE_CREATE", &discordgo.Message{ID: "m1", ChannelID: "400", Content: "hello"})
	}()
	second := identify()
	defer second.Close()
	if err := <-done; err != nil {
		t.Fatalf("an event across a reconnect: %v", err)
	}
	for {
		var f frame
		if err := second.ReadJSON(&f); err != nil {
			t.Fatalf("the event never reached the new connection: %v", err)
		}
		if f.Type == "MESSAGE_CREATE" {
			return
		}
	}
}

func TestRequestsSince(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{})
	get := func(path string) {
		t.Helper()
		resp, err := http.Get(s.URL() + "/" + path)
		if err != nil {
			t.Fatal(err)
		}
		if err := resp.Body.Close(); err != nil {
			t.Fatal(err)
		}
	}
	get("gateway")
	get("users/@me")
	get("gateway/bot")
	paths := func(rs []Request) string {
		var p []string
		for _, r := range rs {
			p = append(p, r.Path)
		}
		return strings.Join(p, " ")
	}
	for _, tc := range []struct {
		n    int
		want string
	}{
		{-1, "gateway users/@me gateway/bot"},
		{0, "gateway users/@me gateway/bot"},
		{1, "users/@me gateway/bot"},
		{3, ""},
		{4, ""},
	} {
		if got := paths(s.RequestsSince(tc.n)); got != tc.want {
			t.Errorf("RequestsSince(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	if got, all := s.RequestsSince(2), s.Requests(); len(got) != 1 || got[0].Seq != all[2].Seq {
		t.Errorf("RequestsSince(2) = %+v, want the third of %d requests", got, len(all))
	}
}
