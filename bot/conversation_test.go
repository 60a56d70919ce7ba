package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/bot/discordtest"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/reading"
)

// Conversations through the fake Discord, on the real engine over the
// embedded corpus: a follow-up is read with the answer it goes on from.
const (
	tradeQuestion = "how much did kazakhstan trade with china in 2024"
	tradeFollowUp = "and uzbekistan?"
	tradeReadAs   = "how much did uzbekistan trade with china in 2024"
)

// readAs returns the Read as line of a bot answer, "" when it has none.
func readAs(m discordtest.Message) string {
	if len(m.Embeds) == 0 {
		return ""
	}
	line, _ := readAsOf(m.Embeds[0].Description)
	return line
}

func TestConversationsThroughDiscord(t *testing.T) {
	t.Parallel()
	forTransports(t, func(t *testing.T, overHTTP bool) {
		docs, err := corpus.Default()
		if err != nil {
			t.Fatal(err)
		}
		eng := realEngine(t, docs)
		fake := discordtest.Start(t, discordtest.Options{Token: testToken})
		h := startBotOn(t, fake, eng, Config{RatePerMinute: -1}, overHTTP)
		guild, bot := fake.GuildID(), fake.BotID()
		mention := func(id, channel, guild, user, content string) discordtest.Message {
			t.Helper()
			var mentioned []string
			if guild != "" {
				mentioned = []string{bot}
				content = "<@" + bot + "> " + content
			}
			if err := fake.SendMessage(discordtest.Mention(id, channel, guild, user, content, mentioned...)); err != nil {
				t.Fatal(err)
			}
			m, err := fake.WaitChannelMessage(ctx(t), channel, id)
			if err != nil {
				t.Fatal(err)
			}
			wantNoPings(t, m)
			return m
		}
		reply := func(id, channel, guild, user, content string, to discordtest.Message) discordtest.Message {
			t.Helper()
			if err := fake.SendMessage(discordtest.Reply(id, channel, guild, user, content, to.Discord(to.ID, channel, bot), true)); err != nil {
				t.Fatal(err)
			}
			m, err := fake.WaitChannelMessage(ctx(t), channel, id)
			if err != nil {
				t.Fatal(err)
			}
			wantNoPings(t, m)
			return m
		}

		t.Run("a reply to the bot's answer goes on from it, whoever replies", func(t *testing.T) {
			first := mention("r1", "c-reply", guild, "u-alice", tradeQuestion)
			if readAs(first) != "" || first.ID == "" {
				t.Fatalf("first answer: id %q, read as %q", first.ID, readAs(first))
			}
			second := reply("r2", "c-reply", guild, "u-bob", tradeFollowUp, first)
			if got := readAs(second); got != tradeReadAs {
				t.Errorf("reply read as %q, want %q", got, tradeReadAs)
			}
			if !strings.Contains(second.Embeds[0].Description, "13.8 billion") {
				t.Errorf("reply not answered with Uzbekistan's trade: %s", second.Embeds[0].Description)
			}
			// Three turns deep: the store keeps the whole conversation.
			third := reply("r3", "c-reply", guild, "u-carol", "what about 2023", second)
			if got := readAs(third); got != "how much did uzbekistan trade with china in 2023" {
				t.Errorf("second reply read as %q", got)
			}
			// The same follow-up as a plain mention in the channel: no context.
			plain := mention("r4", "c-reply", guild, "u-bob", tradeFollowUp)
			if got := readAs(plain); got != "" {
				t.Errorf("a plain mention outside a thread was read with context: %q", got)
			}
		})

		t.Run("a reply to an /ask answer goes on from what it shows", func(t *testing.T) {
			asked := h.reply(t, discordtest.SlashCommand(h.id(), "u-dave", cmdAsk, discordtest.StringOption(optQuestion, tradeQuestion)), discordgo.InteractionResponseChannelMessageWithSource)
			asked.ID = "m-asked" // the id Discord gave the response
			got := reply("r5", "400", guild, "u-erin", tradeFollowUp, asked)
			if readAs(got) != tradeReadAs {
				t.Errorf("reply to an /ask answer read as %q, want %q", readAs(got), tradeReadAs)
			}
		})

		t.Run("a mention in a thread goes on from the bot's last answer there", func(t *testing.T) {
			fake.AddThread("t-thread")
			mention("th1", "t-thread", guild, "u-frank", tradeQuestion)
			got := mention("th2", "t-thread", guild, "u-grace", tradeFollowUp)
			if readAs(got) != tradeReadAs {
				t.Errorf("mention in a thread read as %q, want %q", readAs(got), tradeReadAs)
			}
			// A channel that is no thread: each mention stands alone.
			mention("ch1", "c-plain", guild, "u-frank", tradeQuestion)
			if got := mention("ch2", "c-plain", guild, "u-frank", tradeFollowUp); readAs(got) != "" {
				t.Errorf("a mention in a plain channel was read with context: %q", readAs(got))
			}
		})

		t.Run("a DM conversation is its user's alone", func(t *testing.T) {
			mention("dm1", "d-heidi", "", "u-heidi", tradeQuestion)
			if got := mention("dm2", "d-ivan", "", "u-ivan", tradeFollowUp); readAs(got) != "" {
				t.Errorf("another user's DM was read with Heidi's context: %q", readAs(got))
			}
			if got := mention("dm3", "d-heidi", "", "u-heidi", tradeFollowUp); readAs(got) != tradeReadAs {
				t.Errorf("Heidi's DM follow-up read as %q, want %q", readAs(got), tradeReadAs)
			}
		})

		t.Run("the Follow up button works after a restart", func(t *testing.T) {
			asked := h.reply(t, discordtest.SlashCommand(h.id(), "u-judy", cmdAsk, discordtest.StringOption(optQuestion, tradeQuestion)), discordgo.InteractionResponseChannelMessageWithSource)
			btn, ok := asked.Button(idFollowUp + ":")
			if !ok || btn.CustomID != idFollowUp+":"+tradeQuestion {
				t.Fatalf("Follow up button %+v (found %v)", btn, ok)
			}
			h.stop()
			h2 := startBotOn(t, fake, eng, Config{RatePerMinute: -1}, overHTTP)
			if err := fake.WaitReady(ctx(t)); err != nil {
				t.Fatal(err)
			}
			on := asked.Discord("m-asked-2", "400", bot)
			click := h2.send(t, discordtest.ButtonClick(h2.id()+"-fu", "u-kim", btn.CustomID, on))
			c, err := fake.WaitCallback(ctx(t), click)
			if err != nil {
				t.Fatal(err)
			}
			if err := discordtest.CheckModal(c.Data); c.Type != discordgo.InteractionResponseModal || err != nil {
				t.Fatalf("Follow up: response type %d (%v), want a modal", c.Type, err)
			}
			form := c.Data
			if _, ok := form.Input(inputFollowUp); !ok || form.CustomID != idFollowUpSubmit+":"+tradeQuestion {
				t.Fatalf("Follow up form %+v", form)
			}
			submit := discordtest.FillModal(h2.id()+"-fus", "u-kim", form, map[string]string{inputFollowUp: tradeFollowUp})
			submit.Message = on
			got := h2.reply(t, submit, discordgo.InteractionResponseChannelMessageWithSource)
			if readAs(got) != tradeReadAs || got.Ephemeral() {
				t.Errorf("Follow up answered read as %q (ephemeral %v), want %q in public", readAs(got), got.Ephemeral(), tradeReadAs)
			}
			// Without the message (only the custom id survives): the question
			// it carries is the context.
			bare := discordtest.FillModal(h2.id()+"-fub", "u-kim", form, map[string]string{inputFollowUp: tradeFollowUp})
			if got := h2.reply(t, bare, discordgo.InteractionResponseChannelMessageWithSource); readAs(got) != tradeReadAs {
				t.Errorf("Follow up from the custom id alone read as %q", readAs(got))
			}
		})
		if f := fake.Failures(); len(f) > 0 {
			t.Errorf("fake Discord saw: %v", f)
		}
	})
}

// TestTalksAreBounded: the store keeps at most maxConversations, forgets
// a conversation conversationTTL after its last turn, and keys hold the
// server or the DM's user.
func TestTalksAreBounded(t *testing.T) {
	now := time.Date(2025, 6, 17, 12, 0, 0, 0, time.UTC)
	tk := newTalks(func() time.Time { return now })
	turn := []reading.Turn{{Question: "q"}}
	for i := range maxConversations + 50 {
		tk.remember(turn, where{guild: "g"}.channelKey(string(rune('a'+i%26))+strings.Repeat("x", i/26)))
	}
	if n := tk.turns.len(); n != maxConversations {
		t.Errorf("%d conversations kept, want at most %d", n, maxConversations)
	}
	key := where{guild: "g"}.messageKey("m1")
	tk.remember(turn, key)
	now = now.Add(conversationTTL - time.Second)
	if _, ok := tk.turns.get(key); !ok {
		t.Error("forgotten before its time")
	}
	now = now.Add(2 * time.Second)
	if _, ok := tk.turns.get(key); ok {
		t.Error("kept past conversationTTL")
	}
	if a, b := (where{user: "u1"}).channelKey("c"), (where{user: "u2"}).channelKey("c"); a == b {
		t.Errorf("two users' DMs share a key: %q", a)
	}
	if a, b := (where{guild: "g1"}).messageKey("m"), (where{guild: "g2"}).messageKey("m"); a == b {
		t.Errorf("two servers share a key: %q", a)
	}
}
