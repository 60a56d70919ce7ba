package bot

import (
	"context"
	"log/slog"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/catalog"
)

// errNoQuestion is returned when a button's message no longer shows the
// question it answered.
func errNoQuestion() error {
	return sayError(catalog.QuestionGone)
}

// more handles "More passages": the next passages for the question of the
// button's message, as a new private message with its own button.
func (b *Bot) more(i *discordgo.Interaction, id customID) (job, error) {
	q := questionOf(i.Message)
	if q == "" {
		return job{}, errNoQuestion()
	}
	offset := min(id.N, maxPassages)
	w := interactionWords(i)
	return job{ephemeral: true, work: func(ctx context.Context) (message, error) {
		a, err := b.askEngine(ctx, q, offset+morePassages+1)
		if err != nil {
			return message{}, err
		}
		from := min(offset, len(a.Passages))
		to := min(from+morePassages, len(a.Passages))
		return renderMore(q, a.Passages[from:to], from, len(a.Passages) > to, w), nil
	}}, nil
}

// showSource handles "Show source": the cited paragraph with its
// neighbours, privately.
func (b *Bot) showSource(i *discordgo.Interaction, id customID) (job, error) {
	docID, n, _ := corpus.ParsePassageID(id.Passage)
	d, ok := b.eng.Document(docID)
	if !ok {
		return job{}, sayError(catalog.DocumentGone)
	}
	if err := checkParagraph(d, n); err != nil {
		return job{}, err
	}
	w := interactionWords(i)
	return job{ephemeral: true, work: func(context.Context) (message, error) {
		return renderParagraph(d, n, w), nil
	}}, nil
}

// feedback handles 👍/👎: it logs the vote with the question, records a 👎
// in the gaps log, and thanks the user privately.
func (b *Bot) feedback(i *discordgo.Interaction, id customID) (job, error) {
	msgID := ""
	if i.Message != nil {
		msgID = i.Message.ID
	}
	b.log.Info("feedback",
		slog.String("vote", id.Vote),
		slog.String("question", truncateForLog(questionOf(i.Message))),
		slog.String("user", userOf(i)),
		slog.String("message", msgID),
		slog.String("interaction", i.ID),
	)
	q := questionOf(i.Message)
	w := interactionWords(i)
	return job{ephemeral: true, work: func(ctx context.Context) (message, error) {
		if id.Vote == voteDown && b.gaps != nil && q != "" {
			b.recordDown(ctx, q, askerOf(i))
		}
		return renderNotice(w.Text(catalog.FeedbackThanks)), nil
	}}, nil
}

// page handles /search Previous and Next: the page replaces the results
// in the same message.
func (b *Bot) page(i *discordgo.Interaction, id customID) (job, error) {
	q := questionOf(i.Message)
	if q == "" {
		return job{}, errNoQuestion()
	}
	w := interactionWords(i)
	return job{update: true, work: func(ctx context.Context) (message, error) {
		return b.searchPage(ctx, q, id.N, w)
	}}, nil
}
