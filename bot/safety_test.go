package bot

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/bot/discordtest"
	"github.com/summitbot/summitbot/corpus"
)

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{`Post "https://discord.com/api/v9/interactions/123/aW50ZXJhY3Rpb24/callback": EOF`, `Post "https://discord.com/api/v9/interactions/123/[redacted]/callback": EOF`},
		{"PATCH https://discord.com/api/v9/webhooks/200/tok-en_1/messages/@original", "PATCH https://discord.com/api/v9/webhooks/200/[redacted]/messages/@original"},
		{"https://x/api/webhooks/200/secret?wait=true", "https://x/api/webhooks/200/[redacted]?wait=true"},
		{"nothing secret here", "nothing secret here"},
	}
	for _, tt := range tests {
		if got := redact(tt.in); got != tt.want {
			t.Errorf("redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var buf bytes.Buffer
	log := slog.New(redactHandler{slog.NewTextHandler(&buf, nil)}).With("url", "/interactions/1/tok1/callback")
	log.Info("failed /webhooks/2/tok2/x", "err", errors.New("Post /interactions/3/tok3/callback"),
		slog.Group("g", slog.String("u", "/webhooks/4/tok4")))
	for _, tok := range []string{"tok1", "tok2", "tok3", "tok4"} {
		if strings.Contains(buf.String(), tok) {
			t.Errorf("%s reached the log: %s", tok, buf.String())
		}
	}
}

// TestInteractionTokensNeverReachTheLog: a reply whose REST call fails
// logs the failure, and the interaction's token is not in it.
func TestInteractionTokensNeverReachTheLog(t *testing.T) {
	t.Parallel()
	forTransports(t, func(t *testing.T, overHTTP bool) {
		fake := discordtest.Start(t, discordtest.Options{Token: testToken})
		h := startBotOn(t, fake, newTwin(fixtureDocs()), Config{RatePerMinute: -1}, overHTTP)
		i := discordtest.SlashCommand("tok-1", "u-tok", cmdAbout)
		i.Token = "secret-interaction-token"
		fake.BreakCallback(i.ID)
		if err := fake.SendInteraction(i); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(waitLimit)
		for !h.logged("tok-1", "outcome") && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if !h.logged("could not send") && !h.logged("tok-1") {
			t.Fatalf("the failed reply was not logged:\n%s", h.logs.String())
		}
		if strings.Contains(h.logs.String(), "secret-interaction-token") {
			t.Errorf("the interaction token reached the log:\n%s", h.logs.String())
		}
	})
}

// TestEveryEventIsRateLimited: empty mentions, text-less DMs, autocomplete
// and modal submissions all spend the user's tokens; past them, a few
// slow-down replies and then silence, and a few log lines.
func TestEveryEventIsRateLimited(t *testing.T) {
	t.Parallel()
	forTransports(t, func(t *testing.T, overHTTP bool) {
		fake := discordtest.Start(t, discordtest.Options{Token: testToken})
		twin := newTwin(fixtureDocs())
		h := startBotOn(t, fake, twin, Config{RatePerMinute: 1, RateBurst: 2}, overHTTP)

		// Empty mentions: two help replies (the burst), a few slow-downs, then
		// nothing.
		const mentions = 10
		for n := range mentions {
			m := discordtest.Mention("m-empty-"+string(rune('a'+n)), "c-empty", "300", "u-empty", "<@"+fake.BotID()+">", fake.BotID())
			if err := fake.SendMessage(m); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(500 * time.Millisecond)
		replies := 0
		for _, r := range fake.Requests() {
			if r.Method == "POST" && r.Path == "channels/c-empty/messages" {
				replies++
			}
		}
		if replies < 2 || replies > 2+refusedLogsBurst {
			t.Errorf("%d replies to %d empty mentions, want 2 to %d", replies, mentions, 2+refusedLogsBurst)
		}

		// Autocomplete: its own, larger bucket; past it, no choices.
		empty := 0
		for n := range 40 {
			i := discordtest.Autocomplete(h.id(), "u-typing", cmdSource, discordtest.Focused(discordtest.StringOption(optDocument, "rail"+strings.Repeat("w", n%3))))
			m := h.reply(t, i, discordgo.InteractionApplicationCommandAutocompleteResult)
			if len(m.Choices) == 0 {
				empty++
			}
		}
		if want := 40 - 2*autocompleteFactor; empty < want-2 {
			t.Errorf("%d of 40 autocompletes got no choices, want about %d past the typing bucket", empty, want)
		}

		// Forged modal submissions from a member: rate limited, and logged
		// a few times, not each time.
		for range 20 {
			i := discordtest.ModalSubmit(h.id(), "u-forger", idAdd, map[string]string{inputTitle: "Forged", inputBody: "Forged text."})
			h.reply(t, i, discordgo.InteractionResponseChannelMessageWithSource)
		}
		if twin.changed() != 0 {
			t.Error("a forged submission changed the documents")
		}
		lines := 0
		for _, l := range strings.Split(h.logs.String(), "\n") {
			if strings.Contains(l, "user=u-forger") && !strings.Contains(l, "level=DEBUG") {
				lines++
			}
		}
		if lines > 2*(2+refusedLogsBurst) {
			t.Errorf("%d log lines (info and up) for 20 refused submissions", lines)
		}
	})
}

// TestUpdateKeepsFieldsTheFormCannotShow: an outlet, link or date too
// long for the update form is not shown in it, and submitting the form
// keeps it rather than storing it empty.
func TestUpdateKeepsFieldsTheFormCannotShow(t *testing.T) {
	t.Parallel()
	forTransports(t, func(t *testing.T, overHTTP bool) {
		m := startModeration(t, overHTTP)
		long := strings.Repeat("Very Long Outlet Name ", 12) // over the form's 200
		md := m.modal(t, asMod(m.docCmd(testModUser, subAdd, discordtest.StringOption(optTitle, "Long outlet note"))))
		wantSaved(t, m.private(t, asMod(discordtest.FillModal(m.id(), testModUser, md, map[string]string{
			inputBody: "A note from an outlet with a very long name.",
		}))), "Saved", "Long outlet note", "long-outlet-note")
		d, ok := m.twin.Document("long-outlet-note")
		if !ok {
			t.Fatal("not added")
		}
		d.Outlet = long
		if _, err := m.twin.Update(t.Context(), d, corpus.Actor{ID: "test"}); err != nil {
			t.Fatal(err)
		}
		md = m.modal(t, asMod(m.docCmd(testModUser, subUpdate, discordtest.StringOption(optDocument, "long-outlet-note"))))
		if in, ok := md.Input(inputSource); !ok || in.Value != "" {
			t.Fatalf("the long outlet was put in the form: %+v", in)
		}
		wantSaved(t, m.private(t, asMod(discordtest.FillModal(m.id(), testModUser, md, map[string]string{
			inputBody: "A note from an outlet with a very long name, corrected.",
		}))), "Updated", "Long outlet note", "long-outlet-note")
		if d, _ := m.twin.Document("long-outlet-note"); d.Outlet != long {
			t.Errorf("outlet after the update %q, want it kept", d.Outlet)
		}
	})
}

// TestUpdateFromAFile: /doc update with an attached file replaces the
// document's text and keeps its title and source.
func TestUpdateFromAFile(t *testing.T) {
	t.Parallel()
	forTransports(t, func(t *testing.T, overHTTP bool) {
		m := startModeration(t, overHTTP)
		md := m.modal(t, asMod(m.docCmd(testModUser, subAdd, discordtest.StringOption(optTitle, "Filed note"))))
		wantSaved(t, m.private(t, asMod(discordtest.FillModal(m.id(), testModUser, md, map[string]string{
			inputBody: "The first text of the filed note.", inputSource: "Desk",
		}))), "Saved", "Filed note", "filed-note")
		att := m.fake.AddAttachment("new.txt", "text/plain", []byte("Filed note\n\nThe second text, from a file, about pelicans."))
		i := asMod(discordtest.WithAttachments(m.docCmd(testModUser, subUpdate,
			discordtest.StringOption(optDocument, "filed-note"), discordtest.AttachmentOption(optFile, att.ID)), att))
		id := m.send(t, i)
		if _, err := m.fake.WaitCallback(ctx(t), id); err != nil {
			t.Fatal(err)
		}
		r, err := m.fake.WaitEdit(ctx(t), id)
		if err != nil {
			t.Fatal(err)
		}
		wantSaved(t, r, "Updated", "Filed note", "filed-note")
		d, _ := m.twin.Document("filed-note")
		if !strings.Contains(d.Body, "pelicans") || d.Outlet != "Desk" || d.Title != "Filed note" {
			t.Errorf("updated %+v", d)
		}
	})
}
