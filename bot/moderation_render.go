package bot

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/catalog"
	"github.com/summitbot/summitbot/index/reading"
)

// modal is a rendered modal before it is sent: a title and up to five text
// inputs, one a row.
type modal struct {
	CustomID string
	Title    string
	Inputs   []discordgo.TextInput
}

// renderFollowUpModal is the Follow up form: one line for a question
// that builds on question (carried in the modal's custom id).
func renderFollowUpModal(question string, w catalog.Words) modal {
	return modal{
		CustomID: customID{Kind: idFollowUpSubmit, Question: question}.String(),
		Title:    plainText(w.Text(catalog.FollowUpTitle), maxModalTitle),
		Inputs: []discordgo.TextInput{{
			CustomID: inputFollowUp, Label: plainText(w.Text(catalog.FollowUpLabel), maxInputLabel), Style: discordgo.TextInputShort,
			Placeholder: plainText(w.Format(catalog.FollowUpAfter, question), maxPlaceholder), Required: true, MinLength: 1, MaxLength: maxFollowUpLen,
		}},
	}
}

// responseData is m as the data of a modal response (type 9).
func (m modal) responseData() *discordgo.InteractionResponseData {
	rows := make([]discordgo.MessageComponent, 0, len(m.Inputs))
	for _, in := range m.Inputs {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{in}})
	}
	return &discordgo.InteractionResponseData{CustomID: m.CustomID, Title: m.Title, Components: rows}
}

// Text inputs of the document modals, by custom id.
const (
	inputTitle     = "title"
	inputBody      = "body"
	inputSource    = "source"
	inputURL       = "url"
	inputPublished = "published"
)

// Lengths of the document fields a moderator types, in characters.
const (
	maxSourceLen = 200
	maxURLLen    = 500
	maxDateLen   = 10
)

// docFields are the fields of a document a moderator fills in a modal.
type docFields struct {
	Title, Body, Source, URL, Published string
}

// fieldsOf returns d's fields as a modal shows them.
func fieldsOf(d corpus.Document) docFields {
	return docFields{Title: d.Title, Body: d.Body, Source: d.Outlet, URL: d.URL, Published: d.Published}
}

// documentModal renders the modal adding (c.Kind idAdd) or updating
// (idUpdate) a document, prefilled with f. Values that would not fit an
// input are left out rather than cut; the callers check the body first.
func documentModal(c customID, title string, f docFields) modal {
	input := func(id, label string, style discordgo.TextInputStyle, value, placeholder string, required bool, max int) discordgo.TextInput {
		if utf8.RuneCountInString(value) > max {
			value = ""
		}
		return discordgo.TextInput{
			CustomID: id, Label: label, Style: style, Value: value, Placeholder: placeholder,
			Required: required, MinLength: boolInt(required), MaxLength: max,
		}
	}
	return modal{
		CustomID: c.String(),
		Title:    plainText(title, maxModalTitle),
		Inputs: []discordgo.TextInput{
			input(inputTitle, "Title", discordgo.TextInputShort, f.Title, "What the document is about, in one line", true, corpus.MaxTitleLen),
			input(inputBody, "Text (paragraphs separated by a blank line)", discordgo.TextInputParagraph, f.Body, "The text the bot will answer from", true, maxInputValue),
			input(inputSource, "Source (outlet or author)", discordgo.TextInputShort, f.Source, "e.g. Xinhua, or a moderator's note", false, maxSourceLen),
			input(inputURL, "Link", discordgo.TextInputShort, f.URL, "https://…", false, maxURLLen),
			input(inputPublished, "Published (YYYY-MM-DD)", discordgo.TextInputShort, f.Published, "2025-06-17", false, maxDateLen),
		},
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// colorSaved is the colour of confirmations.
const colorSaved = 0x2f855a

// renderSaved confirms a saved document: its title and id, that it is
// searchable now, and how to read it.
func renderSaved(verb string, d corpus.Document) message {
	e := &discordgo.MessageEmbed{
		Title: renderText(verb+": "+d.Title, nil, maxEmbedTitle),
		URL:   safeLink(d.URL),
		Color: colorSaved,
		Description: fmt.Sprintf("**%s** (`%s`) is saved and searchable now: `/ask` answers from it, and `/source document:%s` shows it.",
			renderText(d.Title, nil, 300), d.ID, d.ID),
	}
	add := func(name, value string) {
		if strings.TrimSpace(value) != "" {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: value, Inline: true})
		}
	}
	add("Id", "`"+d.ID+"`")
	add("Source", renderText(d.Outlet, nil, 200))
	add("Published", formatDate(d.Published, catalog.For(reading.English)))
	n := len(d.Passages())
	add("Paragraphs", strconv.Itoa(n))
	asked := 0
	for _, p := range d.Passages() {
		asked += len(p.Questions)
	}
	if asked > 0 || len(d.Questions) > 0 {
		add("Questions it answers", fmt.Sprintf("%d (%d stale)", asked, len(d.StaleQuestions())))
	}
	msg := message{Embeds: []*discordgo.MessageEmbed{e}}
	if c := (customID{Kind: idQuestions, Doc: d.ID}); c.String() != "" {
		msg.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			button("Questions it answers", c, discordgo.SecondaryButton),
		}}}
	}
	return msg
}

// inputQuestions is the input of the passage-questions modal.
const inputQuestions = "questions"

// questionsModal renders the modal editing d's passage questions: one a
// line, after the number of the paragraph it answers.
func questionsModal(d corpus.Document) modal {
	value := d.QuestionLines()
	if utf8.RuneCountInString(value) > maxInputValue {
		value = ""
	}
	return modal{
		CustomID: customID{Kind: idQuestionsSubmit, Doc: d.ID}.String(),
		Title:    plainText("Questions "+d.Title+" answers", maxModalTitle),
		Inputs: []discordgo.TextInput{{
			CustomID: inputQuestions, Label: "One a line: paragraph number, then question", Style: discordgo.TextInputParagraph,
			Value: value, Placeholder: "1: where was the summit held\n2: what did the leaders sign",
			Required: false, MaxLength: maxInputValue,
		}},
	}
}

// renderSavedNotIndexed confirms a saved document whose indexing failed:
// it is on disk and will be searchable soon, and a retry would only find
// it saved.
func renderSavedNotIndexed(verb string, d corpus.Document) message {
	m := renderSaved(verb, d)
	e := m.Embeds[0]
	e.Description = fmt.Sprintf("**%s** (`%s`) is saved, but not searchable yet: indexing it failed, and it will be "+
		"within seconds or at the next start. There is no need to add it again.", renderText(d.Title, nil, 300), d.ID)
	return m
}

// renderRemovePrompt asks a moderator to confirm the removal of d; override
// says d is a moderator's version of a built-in document, which then
// answers from its original text again.
func renderRemovePrompt(d corpus.Document, override bool) message {
	text := fmt.Sprintf("Remove **%s** (`%s`)? The bot will no longer answer from it. This cannot be undone.", renderText(d.Title, nil, 300), d.ID)
	label := "Remove"
	if override {
		text = fmt.Sprintf("**%s** (`%s`) is a built-in document that a moderator changed. Remove the changes? The bot will answer from its original text again.", renderText(d.Title, nil, 300), d.ID)
		label = "Remove the changes"
	}
	return message{Content: text, Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		button(label, customID{Kind: idRemove, Doc: d.ID}, discordgo.DangerButton),
		button("Keep it", customID{Kind: idKeep, Doc: d.ID}, discordgo.SecondaryButton),
	}}}}
}

// renderRemoved confirms a removal.
func renderRemoved(d corpus.Document, override bool) message {
	if override {
		return message{Content: fmt.Sprintf("Removed the changes to **%s** (`%s`): it answers from its original text again, now.", renderText(d.Title, nil, 300), d.ID)}
	}
	return message{Content: fmt.Sprintf("Removed **%s** (`%s`): it is no longer searchable.", renderText(d.Title, nil, 300), d.ID)}
}

// renderKept answers "Keep it".
func renderKept(id string) message {
	return message{Content: fmt.Sprintf("Kept `%s`: nothing was changed.", id)}
}

// listPageSize is the number of documents on a /doc list page.
const listPageSize = 10

// listEntry is one document in /doc list.
type listEntry struct {
	Doc     corpus.Document
	BuiltIn bool // of the built-in corpus
	Changed bool // built-in, with a moderator's override
}

// renderDocList renders page (from 0) of the documents: id, title,
// source, date and whether it is built-in or added, with Previous and
// Next buttons.
func renderDocList(entries []listEntry, page int) message {
	pages := max(1, (len(entries)+listPageSize-1)/listPageSize)
	page = min(max(page, 0), pages-1)
	e := &discordgo.MessageEmbed{Title: "summitbot's documents", Color: colorSource}
	var b strings.Builder
	from := page * listPageSize
	for _, en := range entries[from:min(from+listPageSize, len(entries))] {
		d := en.Doc
		origin := "added"
		switch {
		case en.BuiltIn && en.Changed:
			origin = "built-in, changed"
		case en.BuiltIn:
			origin = "built-in"
		}
		parts := []string{origin}
		if d.Outlet != "" {
			parts = append(parts, renderText(d.Outlet, nil, 40))
		}
		if d.Published != "" {
			parts = append(parts, d.Published)
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "`%s` **%s**\n%s", d.ID, renderText(d.Title, nil, 150), strings.Join(parts, " · "))
	}
	if len(entries) == 0 {
		b.WriteString("No documents.")
	}
	e.Description = b.String()
	e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page %d of %d · %d document%s · /doc update and /doc remove change them",
		page+1, pages, len(entries), plural(len(entries)))}
	prev := button("◀ Previous", customID{Kind: idDocs, N: max(page-1, 0)}, discordgo.SecondaryButton)
	prev.Disabled = page == 0
	next := button("Next ▶", customID{Kind: idDocs, N: page + 1, Next: true}, discordgo.SecondaryButton)
	next.Disabled = page+1 >= pages
	return message{
		Embeds:     []*discordgo.MessageEmbed{e},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{prev, next}}},
	}
}
