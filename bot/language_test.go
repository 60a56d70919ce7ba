package bot

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/catalog"
	"github.com/summitbot/summitbot/index/reading"
)

// placements are where each of the bot's words goes in Discord, as the
// limit of that place; the terminal's words have none (0). Every key of
// the catalogue is here, so that a new one gets a place.
var placements = map[catalog.Key]int{
	catalog.NotFound: budgetAnswerText, catalog.Scope: budgetAnswerText, catalog.TryOtherWords: budgetAnswerText,
	catalog.FooterAnswer: budgetFooter, catalog.ReadAs: budgetReadAs,
	catalog.ButtonMore: maxButtonLabel, catalog.ButtonSource: maxButtonLabel, catalog.ButtonFollowUp: maxButtonLabel,
	catalog.ButtonPrevious: maxButtonLabel, catalog.ButtonNext: maxButtonLabel,
	catalog.FeedbackThanks: maxContent, catalog.MoreNone: budgetAnswerText, catalog.MoreRange: budgetAnswerText,
	catalog.FollowUpTitle: maxModalTitle, catalog.FollowUpLabel: maxInputLabel, catalog.FollowUpAfter: maxPlaceholder,
	catalog.FollowUpEmpty: maxContent,
	catalog.SearchNone:    budgetAnswerText, catalog.SearchNoMore: budgetAnswerText, catalog.SearchFooter: budgetFooter,
	catalog.FieldOutlet: maxFieldName, catalog.FieldPublished: maxFieldName, catalog.FieldAuthor: maxFieldName,
	catalog.FieldKind: maxFieldName, catalog.FieldParagraphs: maxFieldName, catalog.FieldID: maxFieldName,
	catalog.FieldSources: maxFieldName, catalog.ParagraphOf: 100, catalog.DocumentMore: 200,
	catalog.AboutTitle: maxEmbedTitle, catalog.AboutText: budgetAboutText, catalog.AboutFooter: budgetFooter,
	catalog.FieldDocuments: maxFieldName, catalog.FieldPassages: maxFieldName, catalog.FieldUpdated: maxFieldName,
	catalog.FieldRead: maxFieldName, catalog.Unknown: 40, catalog.AndMore: 40,
	catalog.RateLimited: maxContent, catalog.Sorry: maxContent, catalog.Timeout: maxContent,
	catalog.NoQuestion: maxContent, catalog.NoQuery: maxContent, catalog.NoDocument: maxContent,
	catalog.UnknownDocument: maxContent - 2*maxQueryLen, catalog.ParagraphRange: maxContent - maxEmbedTitle,
	catalog.UnknownCommand: maxContent - 40, catalog.OldButton: maxContent, catalog.OldForm: maxContent,
	catalog.QuestionGone: maxContent, catalog.DocumentGone: maxContent, catalog.MentionHelp: maxContent,
	catalog.QuestionEmpty: maxContent, catalog.QuestionTooLong: maxContent,
	catalog.TermReadAs: 0, catalog.TermSources: 0, catalog.TermParagraph: 0, catalog.TermUnder: 0, catalog.Hello: 0,
	catalog.TermWelcome: 0, catalog.TermNew: 0,
	catalog.CmdAsk: 100, catalog.CmdAskQuestion: 100, catalog.CmdAskPrivate: 100, catalog.CmdSearch: 100,
	catalog.CmdSearchQuery: 100, catalog.CmdSource: 100, catalog.CmdSourceDocument: 100, catalog.CmdSourceParagraph: 100,
	catalog.CmdAbout: 100,
}

// budgetAboutText is what /about's description may take of the embed:
// the fields and the documents list take the rest of maxEmbedTotal.
const budgetAboutText = 2000

// TestCatalogFitsDiscord: in every language, each of the bot's words fits
// the Discord limit of where it goes, with its arguments at their
// longest (numbers of seven digits, texts of the length they are cut to).
func TestCatalogFitsDiscord(t *testing.T) {
	for _, k := range catalog.Keys() {
		if _, ok := placements[k]; !ok {
			t.Errorf("catalogue key %q has no place in the placements table", k)
		}
	}
	for _, lang := range catalog.Languages() {
		t.Run(lang, func(t *testing.T) {
			w := catalog.For(lang)
			for k, limit := range placements {
				if limit == 0 {
					continue
				}
				got := w.Format(k, longestArgs(w, k)...)
				if n := textLen(got); n > limit {
					t.Errorf("%q is %d characters, over %d: %q", k, n, limit, got)
				}
				if strings.Contains(got, "@everyone") || strings.Contains(got, "<@") {
					t.Errorf("%q could ping: %q", k, got)
				}
			}
		})
	}
}

// longestArgs are arguments for k at their longest: 1,000,000 for a number
// and an empty string for a text (the text's own budget is added by the
// placement).
func longestArgs(w catalog.Words, k catalog.Key) []any {
	var args []any
	en := catalog.For(reading.English).Text(k)
	for i := 0; i < len(en); i++ {
		if en[i] != '%' || i+1 == len(en) {
			continue
		}
		switch en[i+1] {
		case 'd':
			args = append(args, 1000000)
		case 's', 'q':
			args = append(args, "")
		}
		i++
	}
	return args
}

// TestEnglishCatalogIsTheEngines: the English refusal and scope are the
// engine's, word for word.
func TestEnglishCatalogIsTheEngines(t *testing.T) {
	if got := en.Text(catalog.NotFound); got != answer.NotFound {
		t.Errorf("catalogue refusal %q, engine's %q", got, answer.NotFound)
	}
	if got := en.Text(catalog.Scope); got != answer.Scope {
		t.Errorf("catalogue scope %q, engine's %q", got, answer.Scope)
	}
}

// TestReadAsInEveryLanguage: a follow-up's Read as line is read back from
// the answer whatever language it was written in.
func TestReadAsInEveryLanguage(t *testing.T) {
	for _, lang := range catalog.Languages() {
		a := answer.Answer{Question: "и Узбекистан?", ReadAs: "how much did *uzbekistan* trade", Lang: lang, Answered: true,
			Text: "x", Passages: []answer.Hit{{DocID: "d", Paragraph: 1, Text: "t"}}}
		m := renderAnswer(a)
		if got := questionOf(&discordgo.Message{Embeds: m.Embeds}); got != a.ReadAs {
			t.Errorf("%s: read back %q, want %q", lang, got, a.ReadAs)
		}
		if !strings.Contains(m.Embeds[0].Description, catalog.For(lang).Text(catalog.ReadAs)) {
			t.Errorf("%s: no Read as in its language: %q", lang, m.Embeds[0].Description)
		}
	}
}

// TestInteractionLanguage: the words of a reply follow the text of the
// interaction, the locale only when the text does not decide.
func TestInteractionLanguage(t *testing.T) {
	cmd := func(name, opt, value string, locale discordgo.Locale) *discordgo.Interaction {
		return &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand, Locale: locale,
			Data: discordgo.ApplicationCommandInteractionData{Name: name, Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: opt, Type: discordgo.ApplicationCommandOptionString, Value: value}}}}
	}
	answered := &discordgo.Message{Embeds: []*discordgo.MessageEmbed{{Title: "峰会在哪里举行？"}}}
	tests := []struct {
		name string
		i    *discordgo.Interaction
		want string
	}{
		{"russian question, chinese locale", cmd(cmdAsk, optQuestion, "Где проходил саммит?", discordgo.ChineseCN), reading.Russian},
		{"digits, kazakh locale", cmd(cmdAsk, optQuestion, "2024?", "kk"), reading.Kazakh},
		{"search in english, russian locale", cmd(cmdSearch, optQuery, "railway", discordgo.Russian), reading.English},
		{"about, russian locale", &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand, Locale: discordgo.Russian,
			Data: discordgo.ApplicationCommandInteractionData{Name: cmdAbout}}, reading.Russian},
		{"button on a chinese answer, english locale", &discordgo.Interaction{Type: discordgo.InteractionMessageComponent, Locale: discordgo.EnglishUS,
			Message: answered, Data: discordgo.MessageComponentInteractionData{CustomID: "fb:up"}}, reading.Chinese},
		{"no data at all", &discordgo.Interaction{}, reading.English},
		{"japanese, chinese locale", cmd(cmdAsk, optQuestion, "サミットはどこで開催されましたか？", discordgo.ChineseCN), reading.English},
	}
	for _, tt := range tests {
		if got := interactionWords(tt.i).Lang(); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestErrorsInTheAskersLanguage: the errors an asker sees are said in
// their language; the moderators' stay English.
func TestErrorsInTheAskersLanguage(t *testing.T) {
	ru := catalog.For(reading.Russian)
	if got := (&rateError{&userError{key: catalog.RateLimited, args: []any{5}}}); !strings.Contains(userMessage(t.Context(), discardLog(), got, ru), "5 секунд") {
		t.Errorf("rate limit in Russian: %q", userMessage(t.Context(), discardLog(), got, ru))
	}
	if got := userMessage(t.Context(), discardLog(), checkQuestion("   "), ru); got != ru.Text(catalog.QuestionEmpty) {
		t.Errorf("empty question in Russian: %q", got)
	}
	long := strings.Repeat("я", reading.MaxQuestionLen+1)
	if got := userMessage(t.Context(), discardLog(), checkQuestion(long), catalog.For(reading.Chinese)); !strings.Contains(got, "6001") {
		t.Errorf("long question in Chinese: %q", got)
	}
	if got := userMessage(t.Context(), discardLog(), userErrorf("Not saved: nothing was changed."), ru); got != "Not saved: nothing was changed." {
		t.Errorf("a moderator's error was changed: %q", got)
	}
	if checkQuestion("Где проходил саммит?") != nil {
		t.Error("a good question refused")
	}
}

func discardLog() *slog.Logger { return slog.New(slog.DiscardHandler) }
