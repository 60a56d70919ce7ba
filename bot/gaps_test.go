package bot

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/bot/discordtest"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/gaps"
	"github.com/summitbot/summitbot/index/library"
)

// openGaps opens a gaps log in dir reading questions with r (nil: by
// their words), audited in dir's audit log.
func openGaps(t *testing.T, dir string, r gaps.Reader) *gaps.Log {
	t.Helper()
	g, err := gaps.Open(gaps.Config{Dir: dir, Reader: r, Audit: corpus.OpenAuditLog(filepath.Join(dir, library.AuditFileName))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := g.Close(); err != nil {
			t.Error(err)
		}
	})
	return g
}

// gapsFolder is the text of every file of the gaps folder of dir.
func gapsFolder(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, gaps.DirName))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, gaps.DirName, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}

// TestGapsEndToEnd runs the coverage gaps through the fake Discord on the
// real library: out-of-scope questions from three people (by /ask and a
// mention) and one in a DM, a 👎 on an answer; /doc gaps groups them with
// their counts; a member is refused; "Add a document" opens the add modal
// with the question as its hint; the document saved closes the gap it
// answers; Dismiss hides another, audited.
func TestGapsEndToEnd(t *testing.T) {
	t.Parallel()
	forTransports(t, func(t *testing.T, overHTTP bool) {
		docs, err := corpus.Default()
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		lib, err := library.Open(t.Context(), library.Config{DataDir: dir, Base: docs, Memory: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := lib.Close(); err != nil {
				t.Error(err)
			}
		})
		log := openGaps(t, dir, lib)
		fake := discordtest.Start(t, discordtest.Options{Token: testToken})
		h := startBotOn(t, fake, lib, Config{RatePerMinute: -1, Gaps: log}, overHTTP)
		m := &moderation{harness: h}

		var gapsCmd *discordgo.ApplicationCommandOption
		for _, c := range fake.Commands("") {
			if c.Name == cmdDoc {
				for _, o := range c.Options {
					if o.Name == subGaps {
						gapsCmd = o
					}
				}
			}
		}
		if gapsCmd == nil {
			t.Fatal("/doc gaps is not registered")
		}
		if err := discordtest.CheckCommands(fake.Commands("")); err != nil {
			t.Error(err)
		}

		// Three people ask what the documents lack, in three wordings.
		public := discordgo.InteractionResponseChannelMessageWithSource
		for _, ask := range []struct{ user, q string }{
			{"u-alice", "how tall is the Baiterek tower?"},
			{"u-bob", "How tall is the Baiterek tower"},
		} {
			r := m.reply(t, discordtest.SlashCommand(m.id(), ask.user, cmdAsk, discordtest.StringOption(optQuestion, ask.q)), public)
			if !strings.Contains(r.Text(), "couldn't find") {
				t.Fatalf("%q was answered; the test needs a question the corpus lacks:\n%s", ask.q, r.Text())
			}
		}
		mention := discordtest.Mention(m.id(), "c1", fake.GuildID(), "u-carol", "<@"+fake.BotID()+"> hw tall is the baiterek tower", fake.BotID())
		if err := fake.SendMessage(mention); err != nil {
			t.Fatal(err)
		}
		if r, err := fake.WaitChannelMessage(ctx(t), "c1", mention.ID); err != nil || !strings.Contains(r.Text(), "couldn't find") {
			t.Fatalf("mention reply %v: %s", err, r.Text())
		} else {
			wantNoPings(t, r)
		}
		dm := discordtest.Mention(m.id(), "dm-7", "", "u-dave", "who won the world cup")
		if err := fake.SendMessage(dm); err != nil {
			t.Fatal(err)
		}
		if r, err := fake.WaitChannelMessage(ctx(t), "dm-7", dm.ID); err != nil || !strings.Contains(r.Text(), "couldn't find") {
			t.Fatalf("DM reply %v: %s", err, r.Text())
		}
		// A 👎 on an answer.
		answered := m.reply(t, discordtest.SlashCommand(m.id(), "u-erin", cmdAsk, discordtest.StringOption(optQuestion, "What did Xi say about tariff wars?")), public)
		down, ok := answered.Button(idFeedback + ":" + voteDown)
		if !ok {
			t.Fatalf("no 👎 on %+v", answered)
		}
		if r := m.private(t, discordtest.ButtonClick(m.id(), "u-erin", down.CustomID, answered.Discord("m-tariff", "400"))); !strings.Contains(r.Content, "Thanks") {
			t.Errorf("👎 reply %+v", r)
		}

		// A member may not see them.
		if r := m.private(t, m.docCmd("u-erin", subGaps)); !strings.Contains(r.Content, "Only moderators") {
			t.Errorf("a member's /doc gaps: %+v", r)
		}

		// A moderator sees them grouped, with their counts.
		list := m.private(t, asMod(m.docCmd(testModUser, subGaps, discordtest.IntOption(optDays, 30))))
		if len(list.Embeds) != 1 {
			t.Fatalf("/doc gaps %+v", list)
		}
		desc := unescapeMarkdown(list.Embeds[0].Description)
		entries := strings.Split(desc, "\n\n")
		if len(entries) != 3 {
			t.Fatalf("%d gaps listed, want 3 (the tower, the tariffs, the DM's world cup):\n%s", len(entries), desc)
		}
		if e := strings.ToLower(entries[0]); !strings.HasPrefix(e, "**1.** ") || !strings.Contains(e, "tall is the baiterek tower") || !strings.Contains(e, "asked 3 times by 3 people") {
			t.Errorf("first gap, want the tower asked 3 times by 3 people:\n%s", entries[0])
		}
		var tariff, cup string
		for _, e := range entries[1:] {
			switch {
			case strings.Contains(e, "tariff"):
				tariff = e
			case strings.Contains(e, "world cup"):
				cup = e
			}
		}
		if !strings.Contains(tariff, "asked 1 time by 1 person · 1 👎") || !strings.Contains(tariff, "👎 on afp-summit-2025-06-17#") {
			t.Errorf("the 👎 gap, want its count and the passages it showed:\n%s", tariff)
		}
		if !strings.Contains(cup, "asked 1 time by 1 person") {
			t.Errorf("the DM's gap:\n%s", cup)
		}
		if f := list.Embeds[0].Footer; f == nil || !strings.Contains(f.Text, "3 open · 0 answered · 0 dismissed") {
			t.Errorf("footer %+v", f)
		}
		add, ok := list.Button(idGapAdd + ":")
		if !ok {
			t.Fatalf("no Add a document button on %+v", list)
		}
		listMsg := list.Discord("m-gaps", "400")

		// A member may not use its buttons either.
		if r := m.private(t, discordtest.ButtonClick(m.id(), "u-erin", add.CustomID, listMsg)); !strings.Contains(r.Content, "Only moderators") {
			t.Errorf("a member's Add a document: %+v", r)
		}

		// "Add a document" opens the add modal, the question as its hint.
		md := m.modal(t, asMod(discordtest.ButtonClick(m.id(), testModUser, add.CustomID, listMsg)))
		body, ok := md.Input(inputBody)
		if md.CustomID != idAdd || !ok || !strings.Contains(strings.ToLower(body.Placeholder), "tall is the baiterek tower") {
			t.Errorf("modal %q, body input %+v: want the add modal with the question as the hint", md.CustomID, body)
		}
		saved := m.private(t, asMod(discordtest.FillModal(m.id(), testModUser, md, map[string]string{
			inputTitle: "Baiterek tower",
			inputBody: "The Baiterek tower in Astana is 97 metres tall. The monument was completed in 2002 and stands on Nurzhol Boulevard.\n\n" +
				"Visitors ride a lift to an observation deck at the top.",
		})))
		wantSaved(t, saved, "Saved", "Baiterek tower", "baiterek-tower")
		var closed string
		for _, f := range saved.Embeds[0].Fields {
			if f.Name == "Coverage gaps it answers" {
				closed = unescapeMarkdown(f.Value)
			}
		}
		if !strings.HasPrefix(closed, "Closed 1 open gap:") || !strings.Contains(strings.ToLower(closed), "tall is the baiterek tower") {
			t.Errorf("the confirmation says %q, want the one gap it closed", closed)
		}

		// The gap it answers is marked answered.
		list = m.private(t, asMod(m.docCmd(testModUser, subGaps, discordtest.IntOption(optDays, 30))))
		desc = unescapeMarkdown(list.Embeds[0].Description)
		if strings.Contains(strings.ToLower(desc), "baiterek") || strings.Count(desc, "\n\n") != 1 {
			t.Errorf("after the document, want the two other gaps:\n%s", desc)
		}
		if f := list.Embeds[0].Footer; f == nil || !strings.Contains(f.Text, "2 open · 1 answered · 0 dismissed") {
			t.Errorf("footer %+v", f)
		}

		// Dismiss hides a gap, audited, and shows the page again.
		var dismiss discordtest.Component
		for k, e := range strings.Split(desc, "\n\n") {
			if strings.Contains(e, "world cup") && 2*k+1 < len(list.Buttons()) {
				dismiss = list.Buttons()[2*k+1] // each gap's row: Add a document, Dismiss
			}
		}
		if !strings.HasPrefix(dismiss.CustomID, idGapDismiss+":") {
			t.Fatalf("no Dismiss for the world cup on %+v", list)
		}
		r := m.reply(t, asMod(discordtest.ButtonClick(m.id(), testModUser, dismiss.CustomID, list.Discord("m-gaps-2", "400"))), discordgo.InteractionResponseUpdateMessage)
		desc = unescapeMarkdown(r.Embeds[0].Description)
		if !strings.HasPrefix(desc, "Dismissed “who won the world cup”") || strings.Count(desc, "world cup") != 1 || !strings.Contains(desc, "tariff") {
			t.Errorf("after Dismiss:\n%s", desc)
		}
		if f := r.Embeds[0].Footer; f == nil || !strings.Contains(f.Text, "1 open · 1 answered · 1 dismissed") {
			t.Errorf("footer %+v", f)
		}
		audit, err := os.ReadFile(filepath.Join(dir, library.AuditFileName))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(audit), `"action":"dismiss-gap"`) || !strings.Contains(string(audit), testModUser) {
			t.Errorf("no audit line for the dismissal:\n%s", audit)
		}
		if r := m.private(t, asMod(discordtest.ButtonClick(m.id(), testModUser, dismiss.CustomID, listMsg))); !strings.Contains(r.Content, "no longer open") {
			t.Errorf("dismissed twice: %+v", r)
		}
		if !h.logged("msg=moderation", "action=dismiss-gap", "outcome=done") {
			t.Error("the dismissal is not logged")
		}

		// What the file keeps: no id, no name, no channel.
		text := gapsFolder(t, dir)
		for _, secret := range []string{"u-alice", "u-bob", "u-carol", "u-dave", "u-erin", "useru-", `"c1"`, `"dm-7"`, `"400"`, testModUser} {
			if strings.Contains(text, secret) {
				t.Errorf("the gaps folder holds %s:\n%s", secret, text)
			}
		}
		if !strings.Contains(text, `"ch":"DM"`) || !strings.Contains(text, `"ch":"server"`) {
			t.Errorf("want the channel kinds DM and server:\n%s", text)
		}
	})
}

// TestGapsRateLimited checks that /doc gaps and its buttons spend the
// same per-user tokens as every other request.
func TestGapsRateLimited(t *testing.T) {
	t.Parallel()
	forTransports(t, func(t *testing.T, overHTTP bool) {
		dir := t.TempDir()
		log := openGaps(t, dir, nil)
		fake := discordtest.Start(t, discordtest.Options{Token: testToken})
		twin := newTwin(fixtureDocs())
		h := startBotOn(t, fake, twin, Config{RatePerMinute: 1, RateBurst: 2, Gaps: log}, overHTTP)
		m := &moderation{harness: h, twin: twin}
		if r := m.private(t, asMod(m.docCmd(testModUser, subGaps))); !strings.Contains(r.Embeds[0].Description, "No open gaps") {
			t.Errorf("an empty log: %+v", r)
		}
		page := customID{Kind: idGaps, Days: 7, N: 1, Next: true}.String()
		on := &discordgo.Message{ID: "m1", ChannelID: "400"}
		if r := m.reply(t, asMod(discordtest.ButtonClick(m.id(), testModUser, page, on)), discordgo.InteractionResponseUpdateMessage); len(r.Embeds) != 1 {
			t.Errorf("page: %+v", r)
		}
		if r := m.private(t, asMod(discordtest.ButtonClick(m.id(), testModUser, page, on))); !strings.Contains(r.Content, "faster than I can keep up") {
			t.Errorf("a third request within the burst of 2: %+v", r)
		}
	})
}

// TestGapsOff checks that without a gaps log nothing is recorded and
// there is no /doc gaps.
func TestGapsOff(t *testing.T) {
	t.Parallel()
	for _, c := range commandDefs(true, true, false) {
		for _, o := range c.Options {
			if o.Name == subGaps {
				t.Error("/doc gaps registered without a gaps log")
			}
		}
	}
	b, err := New(Config{Token: "t"}, newTwin(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{idGaps, idGapAdd, idGapDismiss} {
		if _, ok := b.components[k]; ok {
			t.Errorf("button %s served without a gaps log", k)
		}
	}
}

func TestGapsRenderGolden(t *testing.T) {
	t.Parallel()
	last := time.Date(2025, 6, 20, 14, 2, 0, 0, time.UTC)
	gap := func(q string, asked, down, people int, passages ...string) gaps.Gap {
		return gaps.Gap{ID: gaps.GapID(q), Key: q, Question: q, Asked: asked, Refused: asked - down, Down: down, People: people, Last: last, Passages: passages}
	}
	some := gaps.Report{Open: []gaps.Gap{
		gap("how tall is the Baiterek tower?", 3, 0, 3),
		gap("What did Xi say about tariff wars?", 2, 2, 2, "afp-summit-2025-06-17#4", "note-trade-figures#2"),
		gap("<@123> @everyone **who** won the world cup", 1, 0, 1),
	}, Answered: 1, Dismissed: 2}
	var many gaps.Report
	for k := range 60 {
		many.Open = append(many.Open, gap(fmt.Sprintf("question %d %s", k, strings.Repeat("very long words ", 40)), 60-k, k%2, 1))
	}
	tests := []struct {
		name string
		msg  message
	}{
		{"gaps", renderGaps(some, 7, 0, "")},
		{"gaps_empty", renderGaps(gaps.Report{}, 30, 0, "")},
		{"gaps_dismissed", renderGaps(some, 30, 0, "Dismissed “who won the world cup”: it is hidden from this list.")},
		{"gaps_last_page", renderGaps(many, 30, 99, "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wire := checkMessage(t, tt.msg, true)
			for _, c := range wire.Buttons() {
				if c.CustomID != "" {
					if _, ok := parseCustomID(c.CustomID); !ok {
						t.Errorf("button %q does not parse", c.CustomID)
					}
				}
			}
			golden(t, filepath.Join("moderation", tt.name+".json"), marshalGolden(t, tt.msg.responseData(true)))
		})
	}
	if p := renderGaps(many, 30, 99, ""); !strings.Contains(p.Embeds[0].Footer.Text, "Page 10 of 10 · 60 open") {
		t.Errorf("pages are bounded: %q", p.Embeds[0].Footer.Text)
	}
	m := gapModal(gap(strings.Repeat("a long question ", 20), 1, 0, 1))
	checkModal(t, m)
	golden(t, filepath.Join("moderation", "modal_gap.json"), marshalGolden(t, m.responseData()))

	saved := renderSaved("Saved", docRailway)
	var closed []gaps.Gap
	for k := range 40 {
		closed = append(closed, gap(fmt.Sprintf("closed question %d %s", k, strings.Repeat("word ", 30)), 1, 0, 1))
	}
	addClosedGaps(saved, closed)
	checkMessage(t, saved, true)
	golden(t, filepath.Join("moderation", "saved_closed_gaps.json"), marshalGolden(t, saved.responseData(true)))
}
