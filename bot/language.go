package bot

import (
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/catalog"
	"github.com/summitbot/summitbot/index/reading"
)

// The language of a reply: the bot writes its own words (catalog) in the
// language of the question it answers, told by its script and letters
// (catalog.Reply, over reading.DetectLanguage); Discord's locale of the
// user, or the server's preferred locale for a mention, is only a hint,
// for text with no letters. What the bot writes without a question
// (/about, /source) follows the locale; a question in a script none of
// its languages writes (kana, Hangul) gets English. The passages and
// facts stay in English.

// interactionWords are the words to reply to i in: in the language of
// the text the user gave (the question, the query, the follow-up typed,
// or the question of the answer a button is on), the user's locale as the
// hint.
func interactionWords(i *discordgo.Interaction) catalog.Words {
	return catalog.For(catalog.Reply("", interactionText(i), string(i.Locale)))
}

// interactionText is the text a reply to i follows the language of;
// "" when there is none. It never panics on unexpected data.
func interactionText(i *discordgo.Interaction) string {
	switch d := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		for _, o := range d.Options {
			if o == nil || o.Name != optQuestion && o.Name != optQuery {
				continue
			}
			if s, ok := o.Value.(string); ok {
				return s
			}
		}
	case discordgo.ModalSubmitInteractionData:
		for _, v := range modalValues(d) {
			if v.id == inputFollowUp && v.value != "" {
				return v.value
			}
		}
		if i.Message == nil {
			id, _ := parseCustomID(d.CustomID)
			return id.Question
		}
	}
	return askedOf(i.Message)
}

// askedOf is the question an answer of the bot was asked in (the title of
// its first embed), "" when m is none.
func askedOf(m *discordgo.Message) string {
	if m == nil || len(m.Embeds) == 0 {
		return ""
	}
	return unescapeMarkdown(m.Embeds[0].Title)
}

// messageHint is the locale a mention's reply may lean on: the server's
// preferred locale when the session knows the server, else none.
func messageHint(s *discordgo.Session, m *discordgo.Message) string {
	if s == nil || s.State == nil || m.GuildID == "" {
		return ""
	}
	g, err := s.State.Guild(m.GuildID)
	if err != nil || g == nil {
		return ""
	}
	return g.PreferredLocale
}

// checkQuestion refuses, in the asker's language, a question the engine
// cannot read: one with no words, or one over reading.MaxQuestionLen.
func checkQuestion(q string) error {
	if _, err := reading.Clean(q); err == nil {
		return nil
	}
	if n := utf8.RuneCountInString(q); n > reading.MaxQuestionLen {
		return sayError(catalog.QuestionTooLong, n, reading.MaxQuestionLen)
	}
	return sayError(catalog.QuestionEmpty)
}

// replyLanguage sets a's language to the one to reply in (catalog.Reply),
// hint being the locale.
func replyLanguage(a *answer.Answer, hint string) {
	a.Lang = catalog.Reply(a.Lang, a.Question, hint)
}
