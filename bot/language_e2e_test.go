package bot

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/bot/discordtest"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/catalog"
	"github.com/summitbot/summitbot/index/reading"
)

// wantWordsIn checks that an answer the bot sent has its own words in
// lang, whether the documents answered or not, and none of the English
// ones (unless lang is English); it reports whether it was answered.
// The fake has checked every limit and wantNoPings the allowed mentions.
func wantWordsIn(t *testing.T, m discordtest.Message, lang string) (answered bool) {
	t.Helper()
	w := catalog.For(lang)
	if len(m.Embeds) != 1 {
		t.Fatalf("%d embeds, want one answer: %+v", len(m.Embeds), m)
	}
	e := m.Embeds[0]
	if e.Footer == nil || e.Footer.Text != w.Text(catalog.FooterAnswer) {
		t.Errorf("footer %+v, want %q", e.Footer, w.Text(catalog.FooterAnswer))
	}
	refused := strings.Contains(e.Description, renderText(w.Text(catalog.NotFound), nil, budgetAnswerText))
	if refused && (!strings.Contains(e.Description, w.Text(catalog.TryOtherWords)) || len(e.Fields) > 0) {
		t.Errorf("refusal not wholly in %s, or with passages: %q", lang, e.Description)
	}
	if !refused {
		src, ok := m.Button(idSource + ":")
		if len(e.Fields) == 0 || !ok || src.Label != w.Text(catalog.ButtonSource) {
			t.Errorf("an answer with %d passages and Show source %+v (found %v), want %q", len(e.Fields), src, ok, w.Text(catalog.ButtonSource))
		}
	}
	if fu, ok := m.Button(idFollowUp + ":"); !ok || fu.Label != w.Text(catalog.ButtonFollowUp) {
		t.Errorf("Follow up button %+v (found %v), want %q", fu, ok, w.Text(catalog.ButtonFollowUp))
	}
	if lang != reading.English {
		for _, k := range []catalog.Key{catalog.NotFound, catalog.FooterAnswer, catalog.ButtonFollowUp, catalog.ButtonSource, catalog.ButtonMore} {
			if english := en.Text(k); strings.Contains(m.Text(), english) || slicesHasLabel(m, english) {
				t.Errorf("English %q in a %s reply", english, lang)
			}
		}
	}
	return !refused
}

func slicesHasLabel(m discordtest.Message, label string) bool {
	for _, b := range m.Buttons() {
		if b.Label == label {
			return true
		}
	}
	return false
}

// TestRepliesInTheAskersLanguage: through the fake Discord, on the real
// engine over the embedded corpus, the bot's own words follow the
// question's language; the passages stay English.
func TestRepliesInTheAskersLanguage(t *testing.T) {
	t.Parallel()
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	eng := realEngine(t, docs)
	fake := discordtest.Start(t, discordtest.Options{Token: testToken})
	h := startBot(t, fake, eng, Config{RatePerMinute: -1})
	guild, bot := fake.GuildID(), fake.BotID()
	ask := func(user, question string, locale discordgo.Locale) discordtest.Message {
		t.Helper()
		i := discordtest.SlashCommand(h.id(), user, cmdAsk, discordtest.StringOption(optQuestion, question))
		i.Locale = locale
		return h.reply(t, i, discordgo.InteractionResponseChannelMessageWithSource)
	}
	mention := func(id, channel, user, content string) discordtest.Message {
		t.Helper()
		if err := fake.SendMessage(discordtest.Mention(id, channel, guild, user, "<@"+bot+"> "+content, bot)); err != nil {
			t.Fatal(err)
		}
		m, err := fake.WaitChannelMessage(ctx(t), channel, id)
		if err != nil {
			t.Fatal(err)
		}
		wantNoPings(t, m)
		return m
	}

	t.Run("a Russian /ask gets Russian words, whatever the locale", func(t *testing.T) {
		m := ask("u-ru", "Где проходил саммит?", discordgo.EnglishUS)
		wantWordsIn(t, m, reading.Russian)
	})

	t.Run("a Chinese mention gets Chinese words", func(t *testing.T) {
		m := mention("zh1", "c-zh", "u-zh", "峰会在哪里举行？")
		wantWordsIn(t, m, reading.Chinese)
		if m.MessageReference == nil {
			t.Error("the mention's answer is no reply")
		}
	})

	t.Run("a Kazakh question the corpus cannot answer is refused in Kazakh", func(t *testing.T) {
		m := ask("u-kk", "Бәйтерек мұнарасының биіктігі қанша?", discordgo.Russian)
		if wantWordsIn(t, m, reading.Kazakh) {
			t.Fatalf("answered a question the documents do not hold: %q", m.Embeds[0].Description)
		}
		// Under the "Read as" line, in small print, the refusal.
		d := m.Embeds[0].Description
		if strings.HasPrefix(d, "-# ") {
			_, d, _ = strings.Cut(d, "\n")
		}
		if !strings.HasPrefix(d, catalog.For(reading.Kazakh).Text(catalog.NotFound)) {
			t.Errorf("refusal %q, want it to open with the Kazakh one", m.Embeds[0].Description)
		}
	})

	// Questions answered: English terms in a sentence of the language,
	// and questions wholly in it, read into English (index/gloss).
	answered := []struct{ lang, question string }{
		{reading.Russian, "Что говорил про tariff wars?"},
		{reading.Chinese, "习近平关于 tariff wars 说了什么"},
		{reading.Russian, "Сколько статей в договоре?"},
		{reading.Chinese, "条约有多少条？"},
	}
	for _, tt := range answered {
		t.Run("answered in "+tt.lang+": "+tt.question, func(t *testing.T) {
			m := ask("u-answered-"+tt.lang, tt.question, "")
			if !wantWordsIn(t, m, tt.lang) {
				t.Fatalf("refused: %q", m.Embeds[0].Description)
			}
			f := m.Embeds[0].Fields[0]
			cite := f.Value[strings.LastIndex(f.Value, "\n")+1:] // the attribution line, under the passage
			if strings.Contains(cite, " June 2025") {
				t.Errorf("citation dated in English: %q", cite)
			}
			// The buttons under it answer in the language too.
			on := m.Discord("m-"+tt.lang, "400", bot)
			thanks := h.reply(t, discordtest.ButtonClick(h.id(), "u-answered-"+tt.lang, idFeedback+":"+voteUp, on), discordgo.InteractionResponseChannelMessageWithSource)
			if want := catalog.For(tt.lang).Text(catalog.FeedbackThanks); thanks.Content != want {
				t.Errorf("feedback thanks %q, want %q", thanks.Content, want)
			}
			fu, _ := m.Button(idFollowUp + ":")
			c, err := fake.WaitCallback(ctx(t), h.send(t, discordtest.ButtonClick(h.id(), "u-answered-"+tt.lang, fu.CustomID, on)))
			if err != nil {
				t.Fatal(err)
			}
			if want := catalog.For(tt.lang).Text(catalog.FollowUpTitle); c.Type != discordgo.InteractionResponseModal || c.Data.Title != want {
				t.Errorf("Follow up form: type %d, title %q, want %q", c.Type, c.Data.Title, want)
			}
		})
	}

	t.Run("a follow-up in another language replies in the follow-up's", func(t *testing.T) {
		first := mention("fu1", "c-fu", "u-fu", "What did Xi say about tariff wars?")
		if !wantWordsIn(t, first, reading.English) {
			t.Fatalf("the English question was refused: %q", first.Embeds[0].Description)
		}
		if err := fake.SendMessage(discordtest.Reply("fu2", "c-fu", guild, "u-fu", "а что ещё?", first.Discord(first.ID, "c-fu", bot), true)); err != nil {
			t.Fatal(err)
		}
		second, err := fake.WaitChannelMessage(ctx(t), "c-fu", "fu2")
		if err != nil {
			t.Fatal(err)
		}
		wantNoPings(t, second)
		wantWordsIn(t, second, reading.Russian)
	})

	t.Run("/about in the user's locale says which languages it understands", func(t *testing.T) {
		for _, lang := range catalog.Languages() {
			i := discordtest.SlashCommand(h.id(), "u-about-"+lang, cmdAbout)
			i.Locale = discordgo.Locale(lang)
			m := h.reply(t, i, discordgo.InteractionResponseChannelMessageWithSource)
			w := catalog.For(lang)
			if len(m.Embeds) != 1 || m.Embeds[0].Title != w.Text(catalog.AboutTitle) || !strings.Contains(m.Embeds[0].Description, w.Text(catalog.AboutText)) {
				t.Errorf("%s /about: %+v", lang, m.Embeds)
			}
		}
	})

	t.Run("an asker's error is in their language", func(t *testing.T) {
		i := discordtest.SlashCommand(h.id(), "u-err", cmdSource, discordtest.StringOption(optDocument, "no-such-doc"))
		i.Locale = discordgo.ChineseCN
		m := h.reply(t, i, discordgo.InteractionResponseChannelMessageWithSource)
		if want := catalog.For(reading.Chinese).Format(catalog.UnknownDocument, "no-such-doc"); !m.Ephemeral() || m.Content != want {
			t.Errorf("error %q, want %q", m.Content, want)
		}
	})

	if f := fake.Failures(); len(f) > 0 {
		t.Errorf("fake Discord saw: %v", f)
	}
}

// TestRateLimitInTheAskersLanguage: past the bucket, a Russian asker is
// told to wait in Russian.
func TestRateLimitInTheAskersLanguage(t *testing.T) {
	t.Parallel()
	fake := discordtest.Start(t, discordtest.Options{Token: testToken})
	h := startBot(t, fake, newTwin(fixtureDocs()), Config{RatePerMinute: 1, RateBurst: 1})
	ask := func() discordtest.Message {
		i := discordtest.SlashCommand(h.id(), "u-fast", cmdAsk, discordtest.StringOption(optQuestion, "Где подписали договор?"))
		return h.reply(t, i, discordgo.InteractionResponseChannelMessageWithSource)
	}
	ask()
	m := ask()
	if !m.Ephemeral() || !strings.Contains(m.Content, "Вы спрашиваете быстрее") || !strings.Contains(m.Content, "секунд") {
		t.Errorf("rate limit reply %q, want it in Russian", m.Content)
	}
	if f := fake.Failures(); len(f) > 0 {
		t.Errorf("fake Discord saw: %v", f)
	}
}
