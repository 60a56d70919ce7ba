package bot

import (
	"context"
	"errors"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/index/catalog"
	"github.com/summitbot/summitbot/index/reading"
)

// onMessage answers a message that mentions the bot (in a channel or a
// thread), or any message in a DM with it, with the same answer as /ask, as
// a reply that pings no one. The bot is sent the content of such messages
// without the privileged message content intent.
func (b *Bot) onMessage(ctx context.Context, s *discordgo.Session, mc *discordgo.MessageCreate) {
	if mc == nil || mc.Message == nil || mc.Author == nil || mc.Author.Bot {
		return
	}
	m := mc.Message
	me := botUserID(s)
	if me == "" || m.Author.ID == me || m.GuildID != "" && !mentions(m, me) {
		return
	}
	attrs := []slog.Attr{
		slog.String("message", m.ID),
		slog.String("channel", m.ChannelID),
		slog.String("name", "mention"),
		slog.String("user", m.Author.ID),
	}
	if !b.inflight.start() {
		return // shutting down: counted in the "stopped" log line
	}
	defer b.inflight.done()
	start := time.Now()
	outcome := "replied"
	hint := messageHint(s, m)
	words := catalog.For(catalog.Reply("", stripMention(m.Content, me), hint))
	defer func() {
		if v := recover(); v != nil {
			outcome = "error"
			text := userMessage(ctx, b.log, &panicError{value: v, stack: debug.Stack()}, words, attrs...)
			_ = b.sendReply(ctx, s, m, renderNotice(text), attrs)
		}
		if outcome != "" {
			b.log.LogAttrs(ctx, slog.LevelInfo, "mention",
				append(attrs, slog.Duration("latency", time.Since(start)), slog.String("outcome", outcome))...)
		}
	}()

	reply, turns, err := b.mentionReply(ctx, s, m, me, hint)
	var limited *rateError
	if errors.As(err, &limited) {
		// Past the bucket, a mention is told to slow down a few times,
		// then gets no reply: replying to each would be the flood.
		if !b.logRefused(m.Author.ID) {
			outcome = ""
			return
		}
		outcome = "limited"
	}
	if err != nil {
		outcome = "error"
		reply = renderNotice(userMessage(ctx, b.log, err, words, attrs...))
	}
	// The conversation goes on from this answer: a mention in the same
	// thread or DM (kept before the reply goes, so a quick next message
	// finds it), or a reply to it.
	w := where{guild: m.GuildID, user: m.Author.ID}
	b.talks.remember(turns, w.channelKey(m.ChannelID))
	if sent := b.sendReply(ctx, s, m, reply, attrs); sent != nil {
		b.talks.remember(turns, w.messageKey(sent.ID))
	}
}

// mentionReply renders the reply to a mention of the bot me in m (or to a
// reply to one of its answers, or a DM), read with the conversation it
// goes on (mentionContext), in the question's language (hint, the server's
// locale, for a question with no deciding letters); it returns the
// conversation's turns after it.
func (b *Bot) mentionReply(ctx context.Context, s *discordgo.Session, m *discordgo.Message, me, hint string) (message, []reading.Turn, error) {
	// Every message costs a token, a question or not: six empty mentions
	// in a row get the help once or twice, not six times.
	if err := b.checkRate(m.Author.ID); err != nil {
		return message{}, nil, err
	}
	q := stripMention(m.Content, me)
	if q == "" {
		return renderNotice(catalog.For(catalog.Reply("", "", hint)).Text(catalog.MentionHelp)), nil, nil
	}
	// A mention has no acknowledgement to make: it waits for an answer
	// worker like an interaction whose answer is queued.
	if err := b.workers.wait(ctx); err != nil {
		return message{}, nil, err
	}
	defer b.workers.release()
	ctx, cancel := context.WithTimeout(ctx, b.cfg.AnswerTimeout)
	defer cancel()
	return b.answer(ctx, q, asker{guild: m.GuildID, user: m.Author.ID}, b.mentionContext(ctx, s, m, me), hint)
}

// sendReply posts reply as a reply to m and returns the message sent (nil
// when it could not be).
func (b *Bot) sendReply(ctx context.Context, s *discordgo.Session, m *discordgo.Message, reply message, attrs []slog.Attr) *discordgo.Message {
	ctx, cancel := context.WithTimeout(ctx, restTimeout)
	defer cancel()
	sent, err := s.ChannelMessageSendComplex(m.ChannelID, reply.reply(m), discordgo.WithContext(ctx))
	if err != nil {
		b.log.LogAttrs(ctx, slog.LevelWarn, "could not reply to a mention", append(attrs, slog.String("err", err.Error()))...)
		return nil
	}
	return sent
}

// botUserID is the bot's own user id, from READY.
func botUserID(s *discordgo.Session) string {
	if s.State == nil {
		return ""
	}
	s.State.RLock()
	defer s.State.RUnlock()
	if s.State.User == nil {
		return ""
	}
	return s.State.User.ID
}

// mentions reports whether m mentions the user id.
func mentions(m *discordgo.Message, id string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == id {
			return true
		}
	}
	return false
}

// stripMention removes the mentions <@id> and <@!id> of the bot from text.
func stripMention(text, id string) string {
	text = strings.ReplaceAll(text, "<@"+id+">", " ")
	text = strings.ReplaceAll(text, "<@!"+id+">", " ")
	return strings.Join(strings.Fields(text), " ")
}
