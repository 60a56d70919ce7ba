package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/catalog"
	"github.com/summitbot/summitbot/index/gaps"
	"github.com/summitbot/summitbot/index/reading"
)

// ask handles /ask question:<text> [private:<bool>].
func (b *Bot) ask(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) (job, error) {
	o := data.GetOption(optQuestion)
	if o == nil {
		return job{}, sayError(catalog.NoQuestion)
	}
	q := o.StringValue()
	private := false
	if p := data.GetOption(optPrivate); p != nil {
		private = p.BoolValue()
	}
	w := where{guild: i.GuildID, user: userOf(i)}
	return job{ephemeral: private, work: func(ctx context.Context) (message, error) {
		// A question asked with /ask starts a conversation: a mention
		// in the same thread or DM, or a reply, can go on from it.
		msg, turns, err := b.answer(ctx, q, askerOf(i), nil, string(i.Locale))
		if !private {
			b.talks.remember(turns, w.channelKey(i.ChannelID))
		}
		return msg, err
	}}, nil
}

// answer asks the engine, with the turns before when it is a follow-up,
// and renders the answer, for /ask, mentions and Follow up, in the
// language of the question (hint, a locale, only for a question with no
// deciding letters); it returns the conversation's turns after it. A
// question it cannot answer goes to the gaps log.
func (b *Bot) answer(ctx context.Context, q string, who asker, before []reading.Turn, hint string) (message, []reading.Turn, error) {
	if err := checkQuestion(q); err != nil {
		return message{}, nil, err
	}
	a, err := b.eng.AskAfter(ctx, q, answerPassages+1, before)
	if err != nil {
		return message{}, nil, &engineError{op: fmt.Sprintf("ask %q (k=%d, %d turns before)", truncateForLog(q), answerPassages+1, len(before)), err: err}
	}
	if a.Question == "" {
		a.Question = q
	}
	replyLanguage(&a, hint)
	if refusedAnswer(a) {
		b.recordGap(ctx, gaps.Refused, readQuestion(a), who, nil)
	}
	return renderAnswer(a), conversationTurns(before, a), nil
}

// search handles /search query:<text>: the first page of results.
func (b *Bot) search(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) (job, error) {
	o := data.GetOption(optQuery)
	if o == nil {
		return job{}, sayError(catalog.NoQuery)
	}
	q := o.StringValue()
	w := interactionWords(i)
	return job{work: func(ctx context.Context) (message, error) {
		return b.searchPage(ctx, q, 0, w)
	}}, nil
}

// searchPage renders page (from 0) of the results for q, the bot's words
// in w's language.
func (b *Bot) searchPage(ctx context.Context, q string, page int, w catalog.Words) (message, error) {
	page = min(page, maxPages-1)
	a, err := b.askEngine(ctx, q, (page+1)*pageSize+1)
	if err != nil {
		return message{}, err
	}
	from := min(page*pageSize, len(a.Passages))
	to := min(from+pageSize, len(a.Passages))
	return renderSearch(q, a.Passages[from:to], page, len(a.Passages) > to, w), nil
}

// source handles /source document:<id> [paragraph:<n>].
func (b *Bot) source(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) (job, error) {
	o := data.GetOption(optDocument)
	if o == nil {
		return job{}, sayError(catalog.NoDocument)
	}
	w := interactionWords(i)
	d, err := b.findDocument(o.StringValue())
	if err != nil {
		return job{}, err
	}
	n := 0
	if p := data.GetOption(optParagraph); p != nil {
		n = int(p.IntValue())
		if err := checkParagraph(d, n); err != nil {
			return job{}, err
		}
	}
	return job{work: func(context.Context) (message, error) {
		if n == 0 {
			return renderDocument(d, w), nil
		}
		return renderParagraph(d, n, w), nil
	}}, nil
}

// findDocument resolves what the user gave as a document: an id (what
// autocomplete fills in), else a title or the single title containing it.
func (b *Bot) findDocument(v string) (corpus.Document, error) {
	v = strings.TrimSpace(v)
	if d, ok := b.eng.Document(v); ok {
		return d, nil
	}
	var found []corpus.Document
	lv := strings.ToLower(v)
	for _, d := range b.eng.Documents() {
		t := strings.ToLower(d.Title)
		if t == lv {
			return d, nil
		}
		if lv != "" && strings.Contains(t, lv) {
			found = append(found, d)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	return corpus.Document{}, sayError(catalog.UnknownDocument, v)
}

// checkParagraph reports a paragraph number outside d.
func checkParagraph(d corpus.Document, n int) error {
	count := len(d.Passages())
	if n < 1 || n > count {
		return sayError(catalog.ParagraphRange, d.Title, count, count)
	}
	return nil
}

// about handles /about, privately.
func (b *Bot) about(i *discordgo.Interaction, _ discordgo.ApplicationCommandInteractionData) (job, error) {
	w := interactionWords(i)
	return job{ephemeral: true, work: func(context.Context) (message, error) {
		return renderAbout(b.eng.Stats(), b.eng.Documents(), w), nil
	}}, nil
}

// autocomplete answers the focused document option of /source, and of
// /doc update and /doc remove for moderators.
func (b *Bot) autocomplete(i *discordgo.Interaction) []*discordgo.ApplicationCommandOptionChoice {
	data := i.ApplicationCommandData()
	opts := data.Options
	if data.Name == cmdDoc {
		if b.mod == nil || !b.isModerator(i) || len(opts) != 1 {
			return []*discordgo.ApplicationCommandOptionChoice{}
		}
		opts = opts[0].Options
	} else if data.Name != cmdSource {
		return []*discordgo.ApplicationCommandOptionChoice{}
	}
	for _, o := range opts {
		if o.Focused && o.Name == optDocument {
			typed, _ := o.Value.(string)
			return renderChoices(b.eng.Documents(), typed)
		}
	}
	return []*discordgo.ApplicationCommandOptionChoice{}
}

// truncateForLog shortens user text for log lines and error chains.
func truncateForLog(s string) string {
	const max = 200
	if len(s) <= max {
		return s
	}
	return plainText(s, max)
}

// askEngine asks the engine, wrapping its error with the question.
func (b *Bot) askEngine(ctx context.Context, q string, k int) (answer.Answer, error) {
	if err := checkQuestion(q); err != nil {
		return answer.Answer{}, err
	}
	a, err := b.eng.Ask(ctx, q, k)
	if err != nil {
		return answer.Answer{}, &engineError{op: fmt.Sprintf("ask %q (k=%d)", truncateForLog(q), k), err: err}
	}
	return a, nil
}
