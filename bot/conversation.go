package bot

import (
	"container/list"
	"context"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/catalog"
	"github.com/summitbot/summitbot/index/reading"
)

// Conversations: a follow-up is read with the turns before it. A
// conversation goes on from one of the bot's answers replied to (whoever
// replies), from the last answer in a thread or a DM when the bot is
// mentioned there, and from the answer whose Follow up button was used.
// Its turns are kept in a bounded store; a reply or a button on an answer
// the store has forgotten (a restart, or more than conversationTTL ago)
// goes on from what that answer shows: the question as read and the
// passage it cites.
const (
	// maxConversations bounds the conversations kept (and, apart, the
	// channels known to be threads or not).
	maxConversations = 10000
	// conversationTTL is how long a conversation's context is kept after
	// its last turn.
	conversationTTL = 30 * time.Minute
	// inputFollowUp is the text input of the Follow up modal.
	inputFollowUp = "question"
	// maxFollowUpLen bounds a follow-up typed in the modal.
	maxFollowUpLen = 300
)

// bounded is a map of at most max entries, each forgotten ttl after it was
// last put; past max, the least recently put goes. Safe for concurrent use.
type bounded[V any] struct {
	mu    sync.Mutex
	max   int
	ttl   time.Duration
	now   func() time.Time
	byKey map[string]*list.Element
	order *list.List // of *entry[V], the most recently put first
}

type entry[V any] struct {
	key string
	val V
	at  time.Time
}

func newBounded[V any](max int, ttl time.Duration, now func() time.Time) *bounded[V] {
	return &bounded[V]{max: max, ttl: ttl, now: now, byKey: map[string]*list.Element{}, order: list.New()}
}

// get returns the value of key, unless it is absent or expired.
func (b *bounded[V]) get(key string) (V, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var zero V
	el, ok := b.byKey[key]
	if !ok {
		return zero, false
	}
	e := el.Value.(*entry[V])
	if b.now().Sub(e.at) > b.ttl {
		b.order.Remove(el)
		delete(b.byKey, key)
		return zero, false
	}
	return e.val, true
}

// put sets key to v, dropping the least recently put entries past max.
func (b *bounded[V]) put(key string, v V) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if el, ok := b.byKey[key]; ok {
		b.order.Remove(el)
	}
	b.byKey[key] = b.order.PushFront(&entry[V]{key: key, val: v, at: b.now()})
	for b.order.Len() > b.max {
		last := b.order.Back()
		b.order.Remove(last)
		delete(b.byKey, last.Value.(*entry[V]).key)
	}
}

// len is how many entries are held, expired ones included.
func (b *bounded[V]) len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.order.Len()
}

// talks are the conversations the bot keeps: the turns of each, by where
// it goes on, and which channels are threads.
type talks struct {
	turns   *bounded[[]reading.Turn]
	threads *bounded[bool]
}

func newTalks(now func() time.Time) *talks {
	return &talks{
		turns:   newBounded[[]reading.Turn](maxConversations, conversationTTL, now),
		threads: newBounded[bool](maxConversations, conversationTTL, now),
	}
}

// where is the place a conversation goes on from. Keys hold the guild (or
// the user, in a DM), so no context crosses servers or users' DMs.
type where struct {
	guild, user string
}

func (w where) scope() string {
	if w.guild == "" {
		return "dm:" + w.user
	}
	return "g:" + w.guild
}

// messageKey is the conversation an answer of the bot (message id) ends.
func (w where) messageKey(id string) string { return w.scope() + "/m/" + id }

// channelKey is the conversation last answered in a channel or thread.
func (w where) channelKey(id string) string { return w.scope() + "/c/" + id }

// remember keeps the turns of a conversation under each of keys.
func (t *talks) remember(turns []reading.Turn, keys ...string) {
	if len(turns) == 0 {
		return
	}
	for _, k := range keys {
		if k != "" {
			t.turns.put(k, turns)
		}
	}
}

// mentionContext returns the turns a message to the bot goes on from: the
// conversation of the bot's answer it replies to; in a DM, or in a thread
// where the bot answered, the last conversation there; else none (a plain
// mention in a channel starts afresh).
func (b *Bot) mentionContext(ctx context.Context, s *discordgo.Session, m *discordgo.Message, me string) []reading.Turn {
	w := where{guild: m.GuildID, user: m.Author.ID}
	if ref := m.ReferencedMessage; ref != nil && ref.Author != nil && ref.Author.ID == me {
		if turns, ok := b.talks.turns.get(w.messageKey(ref.ID)); ok {
			return turns
		}
		if t, ok := turnOf(ref); ok {
			return []reading.Turn{t}
		}
		return nil
	}
	if m.GuildID != "" && !b.isThread(ctx, s, m.ChannelID) {
		return nil
	}
	turns, _ := b.talks.turns.get(w.channelKey(m.ChannelID))
	return turns
}

// isThread reports whether a channel is a thread, from the session's
// state or, once per channel and conversationTTL, from Discord.
func (b *Bot) isThread(ctx context.Context, s *discordgo.Session, channelID string) bool {
	if is, ok := b.talks.threads.get(channelID); ok {
		return is
	}
	var ch *discordgo.Channel
	if s.State != nil {
		ch, _ = s.State.Channel(channelID)
	}
	if ch == nil {
		ctx, cancel := context.WithTimeout(ctx, restTimeout)
		defer cancel()
		var err error
		if ch, err = s.Channel(channelID, discordgo.WithContext(ctx)); err != nil {
			b.log.WarnContext(ctx, "could not tell whether a channel is a thread", "channel", channelID, "err", err)
			return false // not remembered: asked again next time
		}
	}
	is := ch.IsThread()
	b.talks.threads.put(channelID, is)
	return is
}

// followUpContext returns the turns the Follow up modal of message m (an
// answer of the bot) goes on from: the conversation the store keeps for
// it, else what m shows, else the question the modal carries.
func (b *Bot) followUpContext(i *discordgo.Interaction, question string) []reading.Turn {
	w := where{guild: i.GuildID, user: userOf(i)}
	if m := i.Message; m != nil {
		if turns, ok := b.talks.turns.get(w.messageKey(m.ID)); ok {
			return turns
		}
		if t, ok := turnOf(m); ok {
			return []reading.Turn{t}
		}
	}
	return []reading.Turn{{Question: question}}
}

// followUp handles the Follow up button: a form for the follow-up
// question. The button's custom id carries the question it follows, so it
// works after a restart.
func (b *Bot) followUp(i *discordgo.Interaction, id customID) (job, error) {
	m := renderFollowUpModal(id.Question, interactionWords(i))
	return job{modal: &m}, nil
}

// followUpSubmit answers the question typed in the Follow up form, read
// with the conversation of the answer the button was on, in public like
// the answer it follows.
func (b *Bot) followUpSubmit(i *discordgo.Interaction, id customID) (job, error) {
	q := ""
	for _, v := range modalValues(i.ModalSubmitData()) {
		if v.id == inputFollowUp {
			q = strings.TrimSpace(v.value)
		}
	}
	if q == "" {
		return job{}, sayError(catalog.FollowUpEmpty)
	}
	before := b.followUpContext(i, id.Question)
	w := where{guild: i.GuildID, user: userOf(i)}
	return job{work: func(ctx context.Context) (message, error) {
		msg, turns, err := b.answer(ctx, q, askerOf(i), before, string(i.Locale))
		b.talks.remember(turns, w.channelKey(i.ChannelID))
		return msg, err
	}}, nil
}

// turnOf reads the turn an answer of the bot shows: the question as read
// (its "Read as" line, else its title), its direct answer, and the passage
// its Show source button cites.
func turnOf(m *discordgo.Message) (reading.Turn, bool) {
	q := questionOf(m)
	if q == "" {
		return reading.Turn{}, false
	}
	t := reading.Turn{Question: q, Answer: answerTextOf(m)}
	for _, c := range buttonsOf(m) {
		if id, ok := parseCustomID(c.CustomID); ok && id.Kind == idSource {
			t.Shown = append(t.Shown, id.Passage)
		}
	}
	return t, true
}

// buttonsOf returns the buttons of a message, in order.
func buttonsOf(m *discordgo.Message) []discordgo.Button {
	var out []discordgo.Button
	for _, row := range m.Components {
		var inner []discordgo.MessageComponent
		switch r := row.(type) {
		case *discordgo.ActionsRow:
			inner = r.Components
		case discordgo.ActionsRow:
			inner = r.Components
		}
		for _, c := range inner {
			switch v := c.(type) {
			case *discordgo.Button:
				out = append(out, *v)
			case discordgo.Button:
				out = append(out, v)
			}
		}
	}
	return out
}

// conversationTurns are the turns after answer a of a conversation.
func conversationTurns(before []reading.Turn, a answer.Answer) []reading.Turn {
	return answer.Then(before, a)
}
