package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/gaps"
)

// Gaps is what the bot needs of the coverage-gaps log (*gaps.Log is one):
// recording the questions it could not answer and the 👎s, and the
// moderators' list of what the documents lack. When Config.Gaps is set
// (and the engine is a Moderator) the bot records them and serves
// /doc gaps.
type Gaps interface {
	// Record records a refused question or a 👎.
	Record(ctx context.Context, a gaps.Ask) error
	// List returns the gaps of f, open ones most asked first.
	List(ctx context.Context, f gaps.Filter) (gaps.Report, error)
	// Find returns the open gap id among f's, or an error wrapping
	// gaps.ErrNotFound.
	Find(ctx context.Context, id string, f gaps.Filter) (gaps.Gap, error)
	// Dismiss hides the open gap id, with an audit entry for who.
	Dismiss(ctx context.Context, id string, f gaps.Filter, who corpus.Actor) (gaps.Gap, error)
	// Recheck asks the open gaps again through eng and marks answered
	// those whose answer cites document docID.
	Recheck(ctx context.Context, eng gaps.Asker, docID string) ([]gaps.Gap, error)
}

// Command parts of /doc gaps.
const (
	subGaps = "gaps"
	optDays = "days"
)

// What /doc gaps shows.
const (
	defaultGapDays = 7  // the window when none is picked
	gapsPageSize   = 4  // gaps on a page: a row of buttons each, and one for paging
	maxGapPages    = 10 // pages browsable
	budgetGapText  = 300
	// gapLookup bounds reading the gaps log before a modal opens (it must
	// open within Discord's 3 seconds).
	gapLookup = 1500 * time.Millisecond
)

// actionDismissGap is a dismissed gap, as logged.
const actionDismissGap = gaps.ActionDismiss

// validGapDays reports whether days is a window /doc gaps can show.
func validGapDays(days int) bool { return days >= 1 && days <= 366 }

// asker is who asked a question, as the gaps log keeps it: the server
// ("" in a DM) and the user, whose id it only hashes.
type asker struct{ guild, user string }

// askerOf is who is behind an interaction.
func askerOf(i *discordgo.Interaction) asker { return asker{guild: i.GuildID, user: userOf(i)} }

// recordGap records a refused question or a 👎; a failure is logged, never
// shown: the user's answer does not depend on it.
func (b *Bot) recordGap(ctx context.Context, ev gaps.Event, q string, who asker, passages []string) {
	if b.gaps == nil {
		return
	}
	err := b.gaps.Record(ctx, gaps.Ask{Event: ev, Question: q, Guild: who.guild, User: who.user, Passages: passages})
	if err != nil {
		b.log.WarnContext(ctx, "could not record a coverage gap", "event", string(ev), "err", err)
	}
}

// recordDown records a 👎 on the answer to q, with the passages the
// answer shows (asked again: the message holds only the first's id).
func (b *Bot) recordDown(ctx context.Context, q string, who asker) {
	var shown []string
	a, err := b.askEngine(ctx, q, answerPassages)
	if err != nil {
		b.log.DebugContext(ctx, "could not ask again for the passages of a 👎", "err", err)
	} else if a.Answered {
		for _, h := range a.Passages[:min(len(a.Passages), answerPassages)] {
			shown = append(shown, passageID(h))
		}
	}
	b.recordGap(ctx, gaps.Down, q, who, shown)
}

// gapFilter is the part of the log the moderators behind i see: their
// server's questions and DMs.
func gapFilter(i *discordgo.Interaction, days int) gaps.Filter {
	f := gaps.Filter{Guild: i.GuildID}
	if days > 0 {
		f.Since = time.Now().Add(-time.Duration(days) * 24 * time.Hour)
	}
	return f
}

// docGaps handles /doc gaps [days]: the first page, privately.
func (b *Bot) docGaps(i *discordgo.Interaction, sub *discordgo.ApplicationCommandInteractionDataOption) (job, error) {
	if b.gaps == nil {
		return job{}, userErrorf("Coverage gaps are off on this bot (GAPS=off).")
	}
	days := defaultGapDays
	if o := sub.GetOption(optDays); o != nil {
		if v, ok := o.Value.(float64); ok {
			days = int(v)
		}
	}
	if !validGapDays(days) {
		return job{}, userErrorf("Pick a number of days from 1 to 366.")
	}
	return job{ephemeral: true, work: func(ctx context.Context) (message, error) {
		return b.gapsPage(ctx, i, days, 0, "")
	}}, nil
}

// gapsPage renders page (from 0) of the open gaps of the last days, with
// notice above them.
func (b *Bot) gapsPage(ctx context.Context, i *discordgo.Interaction, days, page int, notice string) (message, error) {
	rep, err := b.gaps.List(ctx, gapFilter(i, days))
	if err != nil {
		return message{}, err
	}
	return renderGaps(rep, days, page, notice), nil
}

// gapsPageButton handles the Previous and Next buttons of /doc gaps.
func (b *Bot) gapsPageButton(i *discordgo.Interaction, id customID) (job, error) {
	return job{update: true, work: func(ctx context.Context) (message, error) {
		return b.gapsPage(ctx, i, id.Days, id.N, "")
	}}, nil
}

// errGapGone is the reply for a gap no longer open.
func errGapGone() error {
	return userErrorf("That gap is no longer open: answered, dismissed or expired. Run /doc gaps again. Nothing was changed.")
}

// gapAdd handles "Add a document" on a gap: the add modal, the gap's
// question shown as the hint of what to write.
func (b *Bot) gapAdd(i *discordgo.Interaction, id customID) (job, error) {
	ctx, cancel := context.WithTimeout(context.Background(), gapLookup)
	defer cancel()
	g, err := b.gaps.Find(ctx, id.Gap, gapFilter(i, 0))
	if errors.Is(err, gaps.ErrNotFound) {
		return job{}, errGapGone()
	}
	if err != nil {
		return job{}, err
	}
	return job{modal: new(gapModal(g))}, nil
}

// gapModal is the add modal for a gap: empty, its text input's hint the
// gap's question.
func gapModal(g gaps.Gap) modal {
	m := documentModal(customID{Kind: idAdd}, "Add a document to summitbot", docFields{})
	for k := range m.Inputs {
		if m.Inputs[k].CustomID == inputBody {
			m.Inputs[k].Placeholder = plainText("Text that answers: "+g.Question, maxPlaceholder)
		}
	}
	return m
}

// gapDismiss handles "Dismiss" on a gap: it is hidden (and audited), and
// the page is shown again without it.
func (b *Bot) gapDismiss(i *discordgo.Interaction, id customID) (job, error) {
	return job{update: true, timeout: moderationTimeout, work: func(ctx context.Context) (message, error) {
		g, err := b.gaps.Dismiss(ctx, id.Gap, gapFilter(i, 0), actor(i))
		b.logGap(ctx, i, id.Gap, err)
		if errors.Is(err, gaps.ErrNotFound) {
			return message{}, errGapGone()
		}
		if err != nil {
			return message{}, err
		}
		return b.gapsPage(ctx, i, id.Days, id.N, fmt.Sprintf("Dismissed “%s”: it is hidden from this list.", renderText(g.Question, nil, budgetGapText)))
	}}, nil
}

// logGap logs a moderator's dismissal of a gap.
func (b *Bot) logGap(ctx context.Context, i *discordgo.Interaction, gap string, err error) {
	attrs := []slog.Attr{
		slog.String("user", userOf(i)),
		slog.String("action", actionDismissGap),
		slog.String("gap", gap),
		slog.String("interaction", i.ID),
	}
	level, outcome := slog.LevelInfo, "done"
	switch {
	case errors.Is(err, gaps.ErrNotFound):
		outcome = "not found"
	case err != nil:
		level, outcome = slog.LevelError, "failed"
		attrs = append(attrs, slog.String("err", err.Error()))
	}
	b.log.LogAttrs(ctx, level, "moderation", append(attrs, slog.String("outcome", outcome))...)
}

// closeGaps asks the open gaps again now that document docID is saved and
// searchable, and returns those it answers (marked answered). A failure is
// logged: the document is saved all the same.
func (b *Bot) closeGaps(ctx context.Context, docID string) ([]gaps.Gap, bool) {
	if b.gaps == nil {
		return nil, false
	}
	closed, err := b.gaps.Recheck(ctx, b.eng, docID)
	if err != nil {
		b.log.ErrorContext(ctx, "could not ask the open gaps again", "document", docID, "err", err)
		return nil, false
	}
	return closed, true
}

// saved renders the confirmation of a saved, searchable document, with the
// gaps it closed.
func (b *Bot) saved(ctx context.Context, verb string, d corpus.Document) message {
	m := renderSaved(verb, d)
	if closed, ok := b.closeGaps(ctx, d.ID); ok {
		addClosedGaps(m, closed)
	}
	return m
}

// addClosedGaps adds to a confirmation the coverage gaps the document
// answers.
func addClosedGaps(m message, closed []gaps.Gap) {
	value := "None of the open gaps yet (`/doc gaps` lists them)."
	if len(closed) > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "Closed %d open gap%s:", len(closed), plural(len(closed)))
		for k, g := range closed {
			line := "\n• " + renderText(g.Question, nil, 150)
			more := fmt.Sprintf("\n…and %d more", len(closed)-k)
			if textLen(b.String())+textLen(line)+textLen(more) > maxFieldValue {
				b.WriteString(more)
				break
			}
			b.WriteString(line)
		}
		value = b.String()
	}
	e := m.Embeds[0]
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Coverage gaps it answers", Value: value})
}

// renderGaps renders page (from 0) of the open gaps of the last days: each
// with its most common wording, how often and by how many it was asked,
// and when last, with an "Add a document" and a "Dismiss" button; notice
// (already rendered) comes first.
func renderGaps(rep gaps.Report, days, page int, notice string) message {
	open := rep.Open[:min(len(rep.Open), gapsPageSize*maxGapPages)]
	pages := max(1, (len(open)+gapsPageSize-1)/gapsPageSize)
	page = min(max(page, 0), pages-1)
	e := &discordgo.MessageEmbed{
		Title: fmt.Sprintf("Coverage gaps · last %d day%s", days, plural(days)),
		Color: colorNotFound,
	}
	var b strings.Builder
	if notice != "" {
		b.WriteString(notice + "\n\n")
	}
	from := page * gapsPageSize
	shown := open[from:min(from+gapsPageSize, len(open))]
	if len(shown) == 0 {
		b.WriteString("No open gaps: every question asked here in that time was answered, or its gap closed.")
	}
	var rows []discordgo.MessageComponent
	for k, g := range shown {
		n := from + k + 1
		if k > 0 {
			b.WriteString("\n\n")
		}
		fmt.Fprintf(&b, "**%d.** %s\n%s", n, renderText(g.Question, nil, budgetGapText), gapLine(g))
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			button("Add a document ("+strconv.Itoa(n)+")", customID{Kind: idGapAdd, Gap: g.ID}, discordgo.PrimaryButton),
			button("Dismiss ("+strconv.Itoa(n)+")", customID{Kind: idGapDismiss, Gap: g.ID, Days: days, N: page}, discordgo.SecondaryButton),
		}})
	}
	e.Description = b.String()
	e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf(
		"Page %d of %d · %d open · %d answered · %d dismissed · a document that answers a gap closes it",
		page+1, pages, len(rep.Open), rep.Answered, rep.Dismissed)}
	prev := button("◀ Previous", customID{Kind: idGaps, Days: days, N: max(page-1, 0)}, discordgo.SecondaryButton)
	prev.Disabled = page == 0
	next := button("Next ▶", customID{Kind: idGaps, Days: days, N: page + 1, Next: true}, discordgo.SecondaryButton)
	next.Disabled = page+1 >= pages
	rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{prev, next}})
	return message{Embeds: []*discordgo.MessageEmbed{e}, Components: rows}
}

// gapLine is a gap's figures: "asked 3 times by 3 people · 1 👎 · last
// <time>", and the passages the 👎s were on.
func gapLine(g gaps.Gap) string {
	parts := []string{fmt.Sprintf("asked %d time%s by %d %s", g.Asked, plural(g.Asked), g.People, map[bool]string{true: "person", false: "people"}[g.People == 1])}
	if g.Down > 0 {
		parts = append(parts, fmt.Sprintf("%d 👎", g.Down))
	}
	if !g.Last.IsZero() {
		parts = append(parts, fmt.Sprintf("last <t:%d:R>", g.Last.Unix()))
	}
	line := strings.Join(parts, " · ")
	if len(g.Passages) > 0 {
		ids := make([]string, len(g.Passages))
		for k, p := range g.Passages {
			ids[k] = renderText(p, nil, 100)
		}
		line += "\n👎 on " + strings.Join(ids, ", ")
	}
	return line
}

// gapsDef is the /doc gaps subcommand.
func gapsDef() *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionSubCommand, Name: subGaps,
		Description: "The questions I could not answer, grouped, with buttons to fill them",
		Options: []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionInteger, Name: optDays, Description: "How far back to look (default 7 days)",
			Choices: []*discordgo.ApplicationCommandOptionChoice{
				{Name: "Last 7 days", Value: 7.0}, // float64: as Discord sends them back
				{Name: "Last 30 days", Value: 30.0},
			},
		}},
	}
}

// refusedAnswer reports whether a is the engine saying it does not know.
func refusedAnswer(a answer.Answer) bool { return !a.Answered || len(a.Passages) == 0 }
