package bot

import (
	"context"
	"log/slog"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/corpus"
)

// errNoQuestion is returned when a button's message no longer shows the
// question it answered.
func errNoQuestion() error {
	return userErrorf("I can't find the question this button belongs to. Please ask again.")
}

// more handles "More passages": the next passages for the question of the
// button's message, as a new private message with its own button.
func (b *Bot) more(i *discordgo.Interaction, id customID) (job, error) {
	q := questionOf(i.Message)
	if q == "" {
		return job{}, errNoQuestion()
	}
	offset := min(id.N, maxPassages)
	return job{ephemeral: true, work: func(ctx context.Context) (message, error) {
		a, err := b.askEngine(ctx, q, offset+morePassages+1)
		if err != nil {
			return message{}, err
		}
		from := min(offset, len(a.Passages))
		to := min(from+morePassages, len(a.Passages))
		return renderMore(q, a.Passages[from:to], from, len(a.Passages) > to), nil
	}}, nil
}

// showSource handles "Show source": the cited paragraph with its
// neighbours, privately.
func (b *Bot) showSource(_ *discordgo.Interaction, id customID) (job, error) {
	docID, n, _ := corpus.ParsePassageID(id.Passage)
	d, ok := b.eng.Document(docID)
	if !ok {
		return job{}, userErrorf("That document is no longer in my collection.")
	}
	if err := checkParagraph(d, n); err != nil {
		return job{}, err
	}
	return job{ephemeral: true, work: func(context.Context) (message, error) {
		return renderParagraph(d, n), nil
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
	return job{ephemeral: true, work: func(ctx context.Context) (message, error) {
		if id.Vote == voteDown && b.gaps != nil && q != "" {
			b.recordDown(ctx, q, askerOf(i))
		}
		return renderNotice("Thanks for the feedback!"), nil
	}}, nil
}

// page handles /search Previous and Next: the page replaces the results
// in the same message.
func (b *Bot) page(i *discordgo.Interaction, id customID) (job, error) {
	q := questionOf(i.Message)
	if q == "" {
		return job{}, errNoQuestion()
	}
	return job{update: true, work: func(ctx context.Context) (message, error) {
		return b.searchPage(ctx, q, id.N)
	}}, nil
}
