package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/bot/discordtest"
	"github.com/summitbot/summitbot/index/catalog"
)

const testToken = "test-token-do-not-log"

// waitLimit bounds every wait on the fake, so a broken bot fails the test
// instead of hanging it. It is not a latency assertion.
const waitLimit = 30 * time.Second

// harness is a bot running against a fake Discord.
type harness struct {
	fake *discordtest.Server
	eng  Engine
	bot  *Bot
	logs *lockedBuffer
	ids  atomic.Int64
	// stop cancels Run and waits for it to return (after the replies in
	// progress); the test's cleanup calls it too.
	stop func()
}

// lockedBuffer is a bytes.Buffer safe for concurrent writers.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startBot runs a bot with cfg (APIURL and Token filled in) against fake
// until the test ends; interactions come over the gateway.
func startBot(t *testing.T, fake *discordtest.Server, eng Engine, cfg Config) *harness {
	t.Helper()
	return startBotOn(t, fake, eng, cfg, false)
}

// testWorkers is the answer workers of a test bot (unless its Config
// says): enough that parallel subtests do not see their answers queued
// (and deferred) because of each other.
const testWorkers = 64

// forTransports runs test once with interactions over the gateway and
// once over the HTTP endpoint, in parallel: the same checks on both.
func forTransports(t *testing.T, test func(t *testing.T, overHTTP bool)) {
	t.Helper()
	for _, tr := range []struct {
		name     string
		overHTTP bool
	}{{"gateway", false}, {"http", true}} {
		t.Run(tr.name, func(t *testing.T) {
			t.Parallel()
			test(t, tr.overHTTP)
		})
	}
}

// startBotOn is startBot, with interactions over the HTTP endpoint
// (signed by the fake) when overHTTP is true; messages still come over
// the gateway.
func startBotOn(t *testing.T, fake *discordtest.Server, eng Engine, cfg Config, overHTTP bool) *harness {
	t.Helper()
	logs := &lockedBuffer{}
	log := slog.New(slog.NewTextHandler(io.MultiWriter(logs, t.Output()), &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg.Token, cfg.APIURL = testToken, fake.URL()
	if cfg.AnswerWorkers == 0 {
		cfg.AnswerWorkers = testWorkers
	}
	if overHTTP {
		cfg.InteractionsAddr, cfg.PublicKey = "127.0.0.1:0", fake.PublicKey()
	}
	b, err := New(cfg, eng, log)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	wctx, wcancel := context.WithTimeout(t.Context(), waitLimit)
	defer wcancel()
	select {
	case <-b.ready:
	case err := <-done:
		once.Do(func() {})
		t.Fatalf("Run returned before the bot was ready: %v", err)
	case <-wctx.Done():
		t.Fatal("the bot did not get ready")
	}
	// The fake may still be sending GUILD_CREATE after READY: wait until
	// it takes events.
	if !cfg.NoGateway {
		if err := fake.WaitReady(wctx); err != nil {
			t.Fatal(err)
		}
	}
	if overHTTP {
		fake.UseEndpoint("http://" + b.httpAddr + InteractionsPath)
	}
	return &harness{fake: fake, eng: eng, bot: b, logs: logs, stop: stop}
}

// logged reports whether one log line contains all of parts.
func (h *harness) logged(parts ...string) bool {
	for _, line := range strings.Split(h.logs.String(), "\n") {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(line, p)
		}
		if all {
			return true
		}
	}
	return false
}

// id returns a fresh interaction or message id.
func (h *harness) id() string { return fmt.Sprint(h.ids.Add(1)) }

// ctx is a test context with the wait limit.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(t.Context(), waitLimit)
	t.Cleanup(cancel)
	return c
}

// send dispatches i and returns its id.
func (h *harness) send(t *testing.T, i *discordgo.Interaction) string {
	t.Helper()
	if err := h.fake.SendInteraction(i); err != nil {
		t.Fatal(err)
	}
	return i.ID
}

// reply sends i and waits for what the user sees: the response, which must
// have type want, or, on a loaded machine, the deferred response (5 for 4, 6
// for 7) and its edit. The message must pass every check.
func (h *harness) reply(t *testing.T, i *discordgo.Interaction, want discordgo.InteractionResponseType) discordtest.Message {
	t.Helper()
	id := h.send(t, i)
	m, got, err := h.fake.WaitReply(ctx(t), id)
	if err != nil {
		t.Fatal(err)
	}
	deferred := want == discordgo.InteractionResponseChannelMessageWithSource && got == discordgo.InteractionResponseDeferredChannelMessageWithSource ||
		want == discordgo.InteractionResponseUpdateMessage && got == discordgo.InteractionResponseDeferredMessageUpdate
	if got != want && !deferred {
		t.Fatalf("response type %d, want %d; data: %+v", got, want, m)
	}
	if want == discordgo.InteractionResponseChannelMessageWithSource || want == discordgo.InteractionResponseUpdateMessage {
		wantNoPings(t, m)
	}
	return m
}

// replyNow is reply without the deferral: the response must have type want.
func (h *harness) replyNow(t *testing.T, i *discordgo.Interaction, want discordgo.InteractionResponseType) discordtest.Message {
	t.Helper()
	id := h.send(t, i)
	c, err := h.fake.WaitCallback(ctx(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Type != want {
		t.Fatalf("response type %d, want %d; data: %+v", c.Type, want, c.Data)
	}
	wantNoPings(t, c.Data)
	return c.Data
}

// wantNoPings checks the no-ping rules on a message the bot sent (the fake
// checks them too, and every limit).
func wantNoPings(t *testing.T, m discordtest.Message) {
	t.Helper()
	if err := discordtest.CheckMessage(m); err != nil {
		t.Error(err)
	}
	am := m.AllowedMentions
	if am == nil || am.Parse == nil || len(am.Parse) != 0 || am.RepliedUser {
		t.Errorf("allowed mentions %+v, want parse [] and no replied user", am)
	}
	text := m.Text()
	if strings.Contains(text, "@everyone") || strings.Contains(text, "@here") {
		t.Errorf("a raw @everyone or @here in the message")
	}
	if unescapedMention.MatchString(text) {
		t.Errorf("an unescaped <@ mention in the message: %q", unescapedMention.FindString(text))
	}
}

// unescapedMention is mention syntax not preceded by a backslash.
var unescapedMention = regexp.MustCompile(`(^|[^\\])<[@#]`)

func TestBot(t *testing.T) {
	t.Parallel()
	forTransports(t, testBot)
}

func testBot(t *testing.T, overHTTP bool) {
	fake := discordtest.Start(t, discordtest.Options{Token: testToken})
	eng := newTwin(fixtureDocs())
	h := startBotOn(t, fake, eng, Config{RatePerMinute: 1, RateBurst: 5}, overHTTP)
	guild := fake.GuildID()

	t.Run("group", func(t *testing.T) {
		t.Run("registered commands", func(t *testing.T) {
			t.Parallel()
			var put discordtest.Request
			for _, r := range fake.Requests() {
				if r.Method == http.MethodPut {
					put = r
				}
			}
			if put.Path != "applications/"+fake.AppID()+"/commands" {
				t.Fatalf("commands registered at %q, want the global commands of the application", put.Path)
			}
			var cmds []*discordgo.ApplicationCommand
			if err := json.Unmarshal(put.Body, &cmds); err != nil {
				t.Fatal(err)
			}
			if err := discordtest.CheckCommands(cmds); err != nil {
				t.Error(err)
			}
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, put.Body, "", "  "); err != nil {
				t.Fatal(err)
			}
			pretty.WriteByte('\n')
			golden(t, "commands_global.json", pretty.Bytes())
			if n := countRequests(fake, http.MethodPut, ""); n != 1 {
				t.Errorf("%d PUT requests, want one bulk overwrite", n)
			}
			ids := fake.Identifies()
			if len(ids) != 1 || ids[0].Intents != int(discordgo.IntentsGuildMessages|discordgo.IntentsDirectMessages) {
				t.Errorf("identify %+v, want the guild and direct message intents only", ids)
			}
		})

		t.Run("ask", func(t *testing.T) {
			t.Parallel()
			m := h.replyNow(t, discordtest.SlashCommand(h.id(), "u-ask", cmdAsk,
				discordtest.StringOption(optQuestion, "Where was the treaty signed?")),
				discordgo.InteractionResponseChannelMessageWithSource)
			if m.Ephemeral() {
				t.Error("a public answer is ephemeral")
			}
			if len(m.Embeds) != 1 {
				t.Fatalf("%d embeds, want 1", len(m.Embeds))
			}
			e := m.Embeds[0]
			if e.Title != "Where was the treaty signed?" {
				t.Errorf("title %q", e.Title)
			}
			if !strings.Contains(e.Description, "[1]") {
				t.Errorf("the answer cites no passage: %q", e.Description)
			}
			if len(e.Fields) == 0 || !strings.HasPrefix(e.Fields[0].Name, "[1] China and Central Asian leaders") {
				t.Fatalf("first citation: %+v", e.Fields)
			}
			v := e.Fields[0].Value
			for _, want := range []string{"**signed**", "**treaty**", "*AFP*", "17 June 2025", "¶1", "[link](https://www.afp.com/en/news/summit-astana)"} {
				if !strings.Contains(v, want) {
					t.Errorf("citation %q lacks %q", v, want)
				}
			}
			for _, id := range []string{"src:afp-summit-2025-06-17#1", "fb:up", "fb:down"} {
				if _, ok := m.Button(id); !ok {
					t.Errorf("no button %s in %+v", id, m.Buttons())
				}
			}
		})

		t.Run("ask private", func(t *testing.T) {
			t.Parallel()
			m := h.replyNow(t, discordtest.SlashCommand(h.id(), "u-private", cmdAsk,
				discordtest.StringOption(optQuestion, "tariff wars"), discordtest.BoolOption(optPrivate, true)),
				discordgo.InteractionResponseChannelMessageWithSource)
			if !m.Ephemeral() {
				t.Error("private answer is not ephemeral")
			}
		})

		t.Run("ask in a DM", func(t *testing.T) {
			t.Parallel()
			m := h.reply(t, discordtest.DM(discordtest.SlashCommand(h.id(), "u-dm", cmdAsk,
				discordtest.StringOption(optQuestion, "tariff wars"))),
				discordgo.InteractionResponseChannelMessageWithSource)
			if len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Fields[0].Value, "**Tariff**") {
				t.Errorf("DM answer %+v", m.Embeds)
			}
		})

		t.Run("deferred answer", func(t *testing.T) {
			t.Parallel()
			id := h.send(t, discordtest.SlashCommand(h.id(), "u-slow", cmdAsk,
				discordtest.StringOption(optQuestion, "slow question about the treaty"), discordtest.BoolOption(optPrivate, true)))
			c, err := fake.WaitCallback(ctx(t), id)
			if err != nil {
				t.Fatal(err)
			}
			if c.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || !c.Data.Ephemeral() {
				t.Fatalf("first response type %d flags %d, want a deferred ephemeral response (5, 64)", c.Type, c.Data.Flags)
			}
			close(eng.slow)
			m, err := fake.WaitEdit(ctx(t), id)
			if err != nil {
				t.Fatal(err)
			}
			wantNoPings(t, m)
			if len(m.Embeds) != 1 || m.Embeds[0].Title != "slow question about the treaty" || len(m.Embeds[0].Fields) == 0 {
				t.Errorf("edited response %+v", m)
			}
		})

		t.Run("bad question", func(t *testing.T) {
			t.Parallel()
			m := h.reply(t, discordtest.SlashCommand(h.id(), "u-bad", cmdAsk, discordtest.StringOption(optQuestion, "   ")),
				discordgo.InteractionResponseChannelMessageWithSource)
			if !m.Ephemeral() || m.Content != en.Text(catalog.QuestionEmpty) {
				t.Errorf("reply to an empty question: %+v", m)
			}
			if strings.Contains(m.Content, "k=") {
				t.Errorf("the reply shows the bot's error context: %q", m.Content)
			}
		})

		t.Run("buttons", func(t *testing.T) {
			t.Parallel()
			user := "u-buttons"
			q := "Astana summit treaty"
			ans := h.reply(t, discordtest.SlashCommand(h.id(), user, cmdAsk, discordtest.StringOption(optQuestion, q)),
				discordgo.InteractionResponseChannelMessageWithSource)
			on := ans.Discord("msg-buttons", "400")

			more, ok := ans.Button("more:")
			if !ok {
				t.Fatalf("no More passages button in %+v", ans.Buttons())
			}
			m := h.reply(t, discordtest.ButtonClick(h.id(), user, more.CustomID, on), discordgo.InteractionResponseChannelMessageWithSource)
			if !m.Ephemeral() || len(m.Embeds) != 1 || len(m.Embeds[0].Fields) != morePassages || !strings.HasPrefix(m.Embeds[0].Fields[0].Name, "[4]") {
				t.Errorf("more passages: %+v", m)
			}
			if m.Embeds[0].Title != q {
				t.Errorf("more passages for %q, want %q", m.Embeds[0].Title, q)
			}

			src, _ := ans.Button("src:")
			m = h.reply(t, discordtest.ButtonClick(h.id(), user, src.CustomID, on), discordgo.InteractionResponseChannelMessageWithSource)
			if !m.Ephemeral() || len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Description, "¶") || !strings.Contains(m.Embeds[0].Description, "◀") {
				t.Errorf("show source: %+v", m)
			}

			for _, vote := range []string{"fb:up", "fb:down"} {
				m = h.reply(t, discordtest.ButtonClick(h.id(), user, vote, on), discordgo.InteractionResponseChannelMessageWithSource)
				if !m.Ephemeral() || !strings.Contains(m.Content, "Thanks") {
					t.Errorf("feedback reply: %+v", m)
				}
			}
			for _, vote := range []string{"vote=up", "vote=down"} {
				if !h.logged("msg=feedback", vote, `question="Astana summit treaty"`, "user="+user) {
					t.Errorf("no feedback %s logged with the question", vote)
				}
			}
		})

		t.Run("old button", func(t *testing.T) {
			t.Parallel()
			m := h.reply(t, discordtest.ButtonClick(h.id(), "u-old", "v0-something", nil), discordgo.InteractionResponseChannelMessageWithSource)
			if !m.Ephemeral() || !strings.Contains(m.Content, "older version") {
				t.Errorf("reply to an unknown button: %+v", m)
			}
			m = h.reply(t, discordtest.ButtonClick(h.id(), "u-old", "more:3", nil), discordgo.InteractionResponseChannelMessageWithSource)
			if !m.Ephemeral() || !strings.Contains(m.Content, "can't find the question") {
				t.Errorf("reply to a button without its message: %+v", m)
			}
		})

		t.Run("search paging", func(t *testing.T) {
			t.Parallel()
			user := "u-search"
			first := h.reply(t, discordtest.SlashCommand(h.id(), user, cmdSearch, discordtest.StringOption(optQuery, "summit")),
				discordgo.InteractionResponseChannelMessageWithSource)
			wantPage(t, first, "Page 1 · results 1–5", true, false)
			next, _ := first.Button("page:1:n")
			second := h.reply(t, discordtest.ButtonClick(h.id(), user, next.CustomID, first.Discord("msg-search", "400")),
				discordgo.InteractionResponseUpdateMessage)
			wantPage(t, second, "Page 2 · results 6–10", true, true)
			if strings.Contains(second.Embeds[0].Description, "**1.**") || !strings.Contains(second.Embeds[0].Description, "**6.**") {
				t.Errorf("page 2 shows %q", second.Embeds[0].Description)
			}
			prev, _ := second.Button("page:0:p")
			back := h.reply(t, discordtest.ButtonClick(h.id(), user, prev.CustomID, second.Discord("msg-search", "400")),
				discordgo.InteractionResponseUpdateMessage)
			wantPage(t, back, "Page 1 · results 1–5", true, false)
		})

		t.Run("autocomplete", func(t *testing.T) {
			t.Parallel()
			tests := []struct {
				typed string
				want  int
				first string
			}{
				{"", 25, docArticle.ID},
				{"rail", 1, docRailway.ID},
				{"everyone", 1, docFlood.ID},
			}
			for _, tt := range tests {
				c := h.reply(t, discordtest.Autocomplete(h.id(), "u-auto", cmdSource, discordtest.Focused(discordtest.StringOption(optDocument, tt.typed))),
					discordgo.InteractionApplicationCommandAutocompleteResult)
				if err := discordtest.CheckChoices(c.Choices); err != nil {
					t.Error(err)
				}
				if len(c.Choices) != tt.want || c.Choices[0].Value != tt.first {
					t.Errorf("typed %q: %d choices starting %v, want %d starting %s", tt.typed, len(c.Choices), c.Choices[0].Value, tt.want, tt.first)
				}
			}
		})

		t.Run("source", func(t *testing.T) {
			t.Parallel()
			user := "u-source"
			m := h.reply(t, discordtest.SlashCommand(h.id(), user, cmdSource,
				discordtest.StringOption(optDocument, docArticle.ID), discordtest.IntOption(optParagraph, 2)),
				discordgo.InteractionResponseChannelMessageWithSource)
			d := m.Embeds[0].Description
			if !strings.Contains(d, "¶1\n") || !strings.Contains(d, "**¶2 ◀**") || !strings.Contains(d, "¶3\n") || strings.Contains(d, "¶4") {
				t.Errorf("paragraph 2 with neighbours: %q", d)
			}
			if m.Embeds[0].URL != docArticle.URL {
				t.Errorf("source link %q", m.Embeds[0].URL)
			}
			m = h.reply(t, discordtest.SlashCommand(h.id(), user, cmdSource, discordtest.StringOption(optDocument, docRailway.ID)),
				discordgo.InteractionResponseChannelMessageWithSource)
			if len(m.Embeds[0].Fields) == 0 || !strings.Contains(m.Embeds[0].Description, "**¶1**") {
				t.Errorf("whole document: %+v", m.Embeds[0])
			}
			m = h.reply(t, discordtest.SlashCommand(h.id(), user, cmdSource,
				discordtest.StringOption(optDocument, docArticle.ID), discordtest.IntOption(optParagraph, 99)),
				discordgo.InteractionResponseChannelMessageWithSource)
			if !m.Ephemeral() || !strings.Contains(m.Content, "has 6 paragraphs") {
				t.Errorf("paragraph out of range: %+v", m)
			}
			m = h.reply(t, discordtest.SlashCommand(h.id(), user, cmdSource, discordtest.StringOption(optDocument, "no-such-doc")),
				discordgo.InteractionResponseChannelMessageWithSource)
			if !m.Ephemeral() || !strings.Contains(m.Content, "no document") {
				t.Errorf("unknown document: %+v", m)
			}
		})

		t.Run("about", func(t *testing.T) {
			t.Parallel()
			m := h.reply(t, discordtest.SlashCommand(h.id(), "u-about", cmdAbout), discordgo.InteractionResponseChannelMessageWithSource)
			if !m.Ephemeral() || len(m.Embeds) != 1 {
				t.Fatalf("about: %+v", m)
			}
			f := m.Embeds[0].Fields
			if len(f) < 3 || f[0].Value != "33" || f[2].Value != "<t:1750237200:D>" {
				t.Errorf("about fields %+v", f)
			}
		})

		t.Run("mentions", func(t *testing.T) {
			t.Parallel()
			bot := fake.BotID()
			send := func(m *discordgo.Message) {
				if err := fake.SendMessage(m); err != nil {
					t.Fatal(err)
				}
			}
			// Not for the bot: a message that mentions someone else, and one by a bot.
			send(discordtest.Mention("m-other", "c-mention", guild, "u-mention", "<@555> where was the summit?", "555"))
			botMsg := discordtest.Mention("m-bot", "c-mention", guild, "u-otherbot", "<@"+bot+"> where?", bot)
			botMsg.Author.Bot = true
			send(botMsg)

			tests := []struct {
				id, channel, guild, content, title string
			}{
				{"m-channel", "c-mention", guild, "<@" + bot + "> where was the treaty signed?", "where was the treaty signed?"},
				{"m-nick", "c-mention", guild, "hey <@!" + bot + "> tariff wars", "hey tariff wars"},
				{"m-dm", "c-dm", "", "tariff wars in a DM, no mention", "tariff wars in a DM, no mention"},
			}
			for _, tt := range tests {
				mentioned := []string{bot}
				if tt.guild == "" {
					mentioned = nil
				}
				send(discordtest.Mention(tt.id, tt.channel, tt.guild, "u-mention", tt.content, mentioned...))
				m, err := fake.WaitChannelMessage(ctx(t), tt.channel, tt.id)
				if err != nil {
					t.Fatal(err)
				}
				wantNoPings(t, m)
				if ref := m.MessageReference; ref == nil || ref.MessageID != tt.id || ref.ChannelID != tt.channel || ref.FailIfNotExists == nil || *ref.FailIfNotExists {
					t.Errorf("message reference %+v, want a soft reference to %s", ref, tt.id)
				}
				if len(m.Embeds) != 1 || m.Embeds[0].Title != tt.title {
					t.Errorf("reply to %q: %+v", tt.content, m.Embeds)
				}
			}
			send(discordtest.Mention("m-empty", "c-mention", guild, "u-mention", "<@"+bot+">", bot))
			m, err := fake.WaitChannelMessage(ctx(t), "c-mention", "m-empty")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(m.Content, "Ask me a question") {
				t.Errorf("reply to an empty mention: %+v", m)
			}
			for _, r := range fake.Requests() {
				if bytes.Contains(r.Body, []byte(`"m-other"`)) || bytes.Contains(r.Body, []byte(`"m-bot"`)) {
					t.Errorf("the bot replied to a message not for it: %s", r.Body)
				}
			}
		})

		t.Run("rate limit", func(t *testing.T) {
			t.Parallel()
			user := "u-rate"
			for n := 1; n <= 5; n++ {
				m := h.reply(t, discordtest.SlashCommand(h.id(), user, cmdAbout), discordgo.InteractionResponseChannelMessageWithSource)
				if len(m.Embeds) != 1 {
					t.Fatalf("request %d within the burst was refused: %+v", n, m)
				}
			}
			m := h.reply(t, discordtest.SlashCommand(h.id(), user, cmdAsk, discordtest.StringOption(optQuestion, "treaty")),
				discordgo.InteractionResponseChannelMessageWithSource)
			if !m.Ephemeral() || len(m.Embeds) != 0 || !strings.Contains(m.Content, "please try again in") {
				t.Errorf("request over the limit: %+v", m)
			}
			// Another user is not limited.
			m = h.reply(t, discordtest.SlashCommand(h.id(), "u-rate-other", cmdAbout), discordgo.InteractionResponseChannelMessageWithSource)
			if len(m.Embeds) != 1 {
				t.Errorf("another user was limited: %+v", m)
			}
			// Mentions count too.
			if err := fake.SendMessage(discordtest.Mention("m-rate", "c-rate", guild, user, "<@"+fake.BotID()+"> treaty", fake.BotID())); err != nil {
				t.Fatal(err)
			}
			r, err := fake.WaitChannelMessage(ctx(t), "c-rate", "m-rate")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(r.Content, "please try again in") {
				t.Errorf("mention over the limit: %+v", r)
			}
		})

		t.Run("panics", func(t *testing.T) {
			t.Parallel()
			user := "u-panic"
			// An option of the wrong type makes discordgo's getter panic in the handler.
			wrong := discordtest.SlashCommand(h.id(), user, cmdAsk, discordtest.IntOption(optQuestion, 5))
			m := h.reply(t, wrong, discordgo.InteractionResponseChannelMessageWithSource)
			if !m.Ephemeral() || m.Content != en.Text(catalog.Sorry) {
				t.Errorf("reply after a panic in the handler: %+v", m)
			}
			// A panic in the engine, inside the answer's goroutine.
			m = h.reply(t, discordtest.SlashCommand(h.id(), user, cmdAsk, discordtest.StringOption(optQuestion, "please panic now")),
				discordgo.InteractionResponseChannelMessageWithSource)
			if !m.Ephemeral() || m.Content != en.Text(catalog.Sorry) {
				t.Errorf("reply after a panic in the engine: %+v", m)
			}
			// And in a mention.
			if err := fake.SendMessage(discordtest.Mention("m-panic", "c-panic", guild, "u-panic2", "<@"+fake.BotID()+"> panic", fake.BotID())); err != nil {
				t.Fatal(err)
			}
			r, err := fake.WaitChannelMessage(ctx(t), "c-panic", "m-panic")
			if err != nil {
				t.Fatal(err)
			}
			if r.Content != en.Text(catalog.Sorry) {
				t.Errorf("reply to a mention after a panic: %+v", r)
			}
			// The bot is still up.
			m = h.reply(t, discordtest.SlashCommand(h.id(), user, cmdAsk, discordtest.StringOption(optQuestion, "tariff wars")),
				discordgo.InteractionResponseChannelMessageWithSource)
			if len(m.Embeds) != 1 {
				t.Errorf("no answer after the panics: %+v", m)
			}
			if !h.logged(`msg="panic in handler"`, "interaction="+wrong.ID, "type=ApplicationCommand", "user="+user, "StringValue called on data option of type Integer", "stack=") {
				t.Errorf("the panic is not logged with its interaction")
			}
		})

		t.Run("flood document", func(t *testing.T) {
			t.Parallel()
			user := "u-flood"
			var msgs []discordtest.Message
			ans := h.reply(t, discordtest.SlashCommand(h.id(), user, cmdAsk, discordtest.StringOption(optQuestion, "everyone flood summit")),
				discordgo.InteractionResponseChannelMessageWithSource)
			msgs = append(msgs, ans)
			on := ans.Discord("msg-flood", "400")
			for _, b := range []string{"more:", "src:"} {
				btn, ok := ans.Button(b)
				if !ok {
					t.Fatalf("no %s button", b)
				}
				msgs = append(msgs, h.reply(t, discordtest.ButtonClick(h.id(), user, btn.CustomID, on), discordgo.InteractionResponseChannelMessageWithSource))
			}
			msgs = append(msgs,
				h.reply(t, discordtest.SlashCommand(h.id(), user, cmdSearch, discordtest.StringOption(optQuery, "flood")), discordgo.InteractionResponseChannelMessageWithSource),
				h.reply(t, discordtest.SlashCommand(h.id(), user, cmdSource, discordtest.StringOption(optDocument, docFlood.ID)), discordgo.InteractionResponseChannelMessageWithSource),
			)
			if err := fake.SendMessage(discordtest.Mention("m-flood", "c-flood", guild, "u-flood2", "<@"+fake.BotID()+"> everyone flood", fake.BotID())); err != nil {
				t.Fatal(err)
			}
			r, err := fake.WaitChannelMessage(ctx(t), "c-flood", "m-flood")
			if err != nil {
				t.Fatal(err)
			}
			msgs = append(msgs, r)
			for i, m := range msgs {
				wantNoPings(t, m)
				if len(m.Embeds) != 1 || !strings.Contains(m.Text(), "flood") {
					t.Errorf("message %d does not show the flood document: %+v", i, m)
				}
			}
		})
	})

	// After every subtest and a clean shutdown: the engine always had a
	// deadline, and the logs have each command with its latency and never
	// the token.
	h.stop()
	eng.mu.Lock()
	if eng.noDeadine > 0 || eng.asked == 0 {
		t.Errorf("%d of %d engine calls had no deadline", eng.noDeadine, eng.asked)
	}
	eng.mu.Unlock()
	logs := h.logs.String()
	if strings.Contains(logs, testToken) {
		t.Error("the token is in the logs")
	}
	for _, want := range []string{"component=bot", "msg=interaction", "name=ask", "latency=", "outcome=replied", "outcome=deferred", "msg=mention", "msg=stopped"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q", want)
		}
	}
}

// wantPage checks a /search page's footer and buttons.
func wantPage(t *testing.T, m discordtest.Message, footer string, nextOn, prevOn bool) {
	t.Helper()
	if len(m.Embeds) != 1 || m.Embeds[0].Footer == nil || m.Embeds[0].Footer.Text != footer {
		t.Fatalf("page: %+v, want footer %q", m.Embeds, footer)
	}
	if m.Embeds[0].Title != "summit" {
		t.Errorf("page title %q, want the query", m.Embeds[0].Title)
	}
	bs := m.Buttons()
	if len(bs) != 2 || bs[0].Disabled == prevOn || bs[1].Disabled == nextOn {
		t.Errorf("page buttons %+v, want previous on=%v, next on=%v", bs, prevOn, nextOn)
	}
}

// countRequests counts the requests with method whose path contains part.
func countRequests(fake *discordtest.Server, method, part string) int {
	n := 0
	for _, r := range fake.Requests() {
		if r.Method == method && strings.Contains(r.Path, part) {
			n++
		}
	}
	return n
}

// TestRegistration checks guild registration, and that a restart with the
// same commands does not overwrite them.
func TestRegistration(t *testing.T) {
	t.Parallel()
	fake := discordtest.Start(t, discordtest.Options{Token: testToken})
	eng := newTwin(fixtureDocs())
	path := "applications/" + fake.AppID() + "/guilds/" + fake.GuildID() + "/commands"

	for run := 1; run <= 2; run++ {
		t.Run(fmt.Sprint("run ", run), func(t *testing.T) {
			h := startBot(t, fake, eng, Config{GuildID: fake.GuildID()})
			if n := countRequests(fake, http.MethodPut, path); n != 1 {
				t.Errorf("after run %d: %d PUTs to %s, want 1", run, n, path)
			}
			if n := countRequests(fake, http.MethodGet, path); n != run {
				t.Errorf("after run %d: %d GETs of %s, want %d", run, n, path, run)
			}
			cmds := fake.Commands(fake.GuildID())
			if !sameCommands(cmds, h.bot.defs) {
				t.Errorf("registered commands differ from the bot's")
			}
			for _, c := range cmds {
				if c.Contexts != nil {
					t.Errorf("guild command %s has contexts", c.Name)
				}
			}
		})
	}
	if n := countRequests(fake, http.MethodPut, "commands"); n != 1 {
		t.Errorf("%d bulk overwrites in all, want 1", n)
	}
}

// TestGracefulShutdown checks that cancelling Run lets the reply in
// progress finish, drops new events, and returns nil.
func TestGracefulShutdown(t *testing.T) {
	t.Parallel()
	fake := discordtest.Start(t, discordtest.Options{Token: testToken})
	eng := newTwin(fixtureDocs())
	h := startBot(t, fake, eng, Config{})
	id := h.send(t, discordtest.SlashCommand(h.id(), "u-shutdown", cmdAsk, discordtest.StringOption(optQuestion, "slow treaty")))
	if c, err := fake.WaitCallback(ctx(t), id); err != nil || c.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("first response %+v, %v; want a deferral", c, err)
	}
	stopped := make(chan struct{})
	go func() {
		h.stop()
		close(stopped)
	}()
	// Wait until the bot refuses new events, send one, and wait until it
	// is refused; only then let the answer in progress finish.
	wctx := ctx(t)
	poll := func(what string, done func() bool) {
		t.Helper()
		for !done() {
			select {
			case <-wctx.Done():
				t.Fatalf("waiting for %s: %v", what, wctx.Err())
			case <-time.After(time.Millisecond):
			}
		}
	}
	poll("the shutdown", func() bool {
		h.bot.inflight.mu.Lock()
		defer h.bot.inflight.mu.Unlock()
		return h.bot.inflight.closed
	})
	late := h.send(t, discordtest.SlashCommand(h.id(), "u-shutdown", cmdAbout))
	poll("the late event to be dropped", func() bool { return h.bot.inflight.dropped.Load() == 1 })
	close(eng.slow)
	m, err := fake.WaitEdit(ctx(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Embeds) != 1 || m.Embeds[0].Title != "slow treaty" {
		t.Errorf("reply finished during shutdown: %+v", m)
	}
	<-stopped
	if n := countRequests(fake, http.MethodPost, "interactions/"+late+"/"); n != 0 {
		t.Errorf("an interaction sent during shutdown was answered")
	}
	if !h.logged("msg=stopped", "component=bot", "dropped=1") {
		t.Error("no stopped log line")
	}
}
