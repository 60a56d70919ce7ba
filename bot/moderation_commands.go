package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/corpus"
)

// Moderation command, subcommand and option names.
const (
	cmdDoc  = "doc"
	cmdNote = "Add to summit notes" // a message command: its name is its menu label

	subAdd    = "add"
	subUpdate = "update"
	subRemove = "remove"
	subList   = "list"

	optTitle     = "title"
	optFile      = "file"
	optSource    = "source"
	optURL       = "url"
	optPublished = "published"
)

// moderationTimeout bounds the work of one change: a download and a
// durable write and indexing of up to a megabyte. A deferred response can
// be edited for 15 minutes.
const moderationTimeout = 2 * time.Minute

// moderationDefs returns the moderation commands: /doc (with /doc gaps
// when gaps is true) and the message command. They are shown to members
// with Manage Server only (server admins may change that, so handlers
// check again) and only in servers.
func moderationDefs(global, gaps bool) []*discordgo.ApplicationCommand {
	perm := int64(discordgo.PermissionManageGuild)
	one, titleLen, sourceLen, urlLen, dateLen := 1, corpus.MaxTitleLen, maxSourceLen, maxURLLen, 40
	docOption := func(desc string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: optDocument, Description: desc, Required: true, Autocomplete: true}
	}
	cmds := []*discordgo.ApplicationCommand{
		{
			Name:                     cmdDoc,
			Description:              "Moderators: add, update, remove or list the documents summitbot answers from",
			DefaultMemberPermissions: &perm,
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: subAdd,
					Description: "Add a document: type its text in a form, or attach a .txt, .md or .html file",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: discordgo.ApplicationCommandOptionString, Name: optTitle, Description: "The document's title, one line", Required: true, MinLength: &one, MaxLength: titleLen},
						{Type: discordgo.ApplicationCommandOptionAttachment, Name: optFile, Description: "A .txt, .md or .html file whose text is the document (else a form opens)"},
						{Type: discordgo.ApplicationCommandOptionString, Name: optSource, Description: "Where it comes from: outlet, author or 'moderators'", MaxLength: sourceLen},
						{Type: discordgo.ApplicationCommandOptionString, Name: optURL, Description: "A link to the original", MaxLength: urlLen},
						{Type: discordgo.ApplicationCommandOptionString, Name: optPublished, Description: "Publication date, YYYY-MM-DD", MaxLength: dateLen},
					},
				},
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: subUpdate,
					Description: "Change a document's title, text or source in a form, or its text from a file",
					Options: []*discordgo.ApplicationCommandOption{
						docOption("The document to change (start typing its title)"),
						{Type: discordgo.ApplicationCommandOptionAttachment, Name: optFile, Description: "A .txt, .md or .html file whose text replaces the document's (else a form opens)"},
					},
				},
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: subRemove,
					Description: "Remove a document that moderators added (asks to confirm)",
					Options:     []*discordgo.ApplicationCommandOption{docOption("The document to remove (start typing its title)")},
				},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: subList, Description: "List the documents, built-in and added"},
			},
		},
		{
			Name:                     cmdNote,
			Type:                     discordgo.MessageApplicationCommand,
			DefaultMemberPermissions: &perm,
		},
	}
	if gaps {
		cmds[0].Options = append(cmds[0].Options, gapsDef())
	}
	if global {
		contexts := []discordgo.InteractionContextType{discordgo.InteractionContextGuild}
		for _, c := range cmds {
			c.Contexts = &contexts
		}
	}
	return cmds
}

// doc handles /doc: it routes to the subcommand.
func (b *Bot) doc(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) (job, error) {
	if len(data.Options) != 1 || data.Options[0].Type != discordgo.ApplicationCommandOptionSubCommand {
		return job{}, userErrorf("Please pick what to do: /doc add, update, remove or list.")
	}
	sub := data.Options[0]
	switch sub.Name {
	case subAdd:
		return b.docAdd(i, data, sub)
	case subUpdate:
		return b.docUpdate(i, data, sub)
	case subRemove:
		return b.docRemove(i, sub)
	case subList:
		return b.docList(i)
	case subGaps:
		return b.docGaps(i, sub)
	}
	return job{}, userErrorf("I don't know /doc %s any more. Try /doc list.", sub.Name)
}

// stringOption returns the string option name of o, or "" when absent. It
// never panics on a wrong type.
func stringOption(o *discordgo.ApplicationCommandInteractionDataOption, name string) string {
	if opt := o.GetOption(name); opt != nil {
		if s, ok := opt.Value.(string); ok {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// checkFields reports, before anything is typed or downloaded, what would
// make the engine refuse a document with these fields: a bad title or date.
func checkFields(action string, f docFields) error {
	d := corpus.Document{Title: f.Title, Published: f.Published}
	switch {
	case strings.TrimSpace(f.Title) == "" || utf8.RuneCountInString(f.Title) > corpus.MaxTitleLen || strings.ContainsAny(f.Title, "\r\n"):
		return &changeError{action: action, doc: fmt.Sprintf("%q", truncateForLog(f.Title)), err: fmt.Errorf("%w (one line, 1 to %d characters; this one has %d)", corpus.ErrTitle, corpus.MaxTitleLen, utf8.RuneCountInString(f.Title))}
	case d.Published != "" && d.PublishedTime().IsZero():
		return &changeError{action: action, doc: fmt.Sprintf("%q", truncateForLog(f.Title)), err: fmt.Errorf("%w: %q", corpus.ErrDate, f.Published)}
	}
	return nil
}

// docAdd handles /doc add: a modal for the text, or the attached file.
func (b *Bot) docAdd(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData, sub *discordgo.ApplicationCommandInteractionDataOption) (job, error) {
	f := docFields{
		Title: stringOption(sub, optTitle), Source: stringOption(sub, optSource),
		URL: stringOption(sub, optURL), Published: stringOption(sub, optPublished),
	}
	if err := checkFields(actionAdd, f); err != nil {
		b.logChange(context.Background(), i, actionAdd, "", err, slog.String("via", "command"))
		return job{}, err
	}
	fileOpt := sub.GetOption(optFile)
	if fileOpt == nil {
		return job{modal: new(documentModal(customID{Kind: idAdd}, "Add a document to summitbot", f))}, nil
	}
	return b.withAttachment(i, data, fileOpt, actionAdd, func(ctx context.Context, d corpus.Document) (message, error) {
		d.ID = ""
		d.Title = f.Title
		d.Outlet = firstNonEmpty(f.Source, d.Outlet)
		d.URL = firstNonEmpty(f.URL, d.URL)
		d.Published = firstNonEmpty(f.Published, d.Published)
		return b.add(ctx, i, d, "file")
	})
}

// withAttachment checks the attached file of option opt, then, in a
// deferred job, downloads it, reads it into a document and hands it to
// use.
func (b *Bot) withAttachment(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData, opt *discordgo.ApplicationCommandInteractionDataOption,
	action string, use func(context.Context, corpus.Document) (message, error)) (job, error) {
	attID, _ := opt.Value.(string)
	var att *discordgo.MessageAttachment
	if data.Resolved != nil {
		att = data.Resolved.Attachments[attID]
	}
	if att == nil {
		return job{}, userErrorf("I can't see the attached file. Please attach it again.")
	}
	kind, err := fileKind(att)
	if err == nil {
		err = b.download.checkSize(att)
	}
	if err != nil {
		b.logChange(context.Background(), i, action, "", err, slog.String("via", "file"), slog.String("file", att.Filename), slog.Int("size", att.Size))
		return job{}, err
	}
	return job{ephemeral: true, deferNow: true, timeout: moderationTimeout, work: func(ctx context.Context) (message, error) {
		raw, err := b.download.fetch(ctx, att.URL)
		if errors.Is(err, errTooBig) {
			err = userErrorf("Not saved: %q is larger than a document may be (%s). Nothing was changed.", plainText(att.Filename, 100), byteSize(b.download.max))
		}
		if err != nil {
			b.logChange(ctx, i, action, "", err, slog.String("via", "file"), slog.String("file", att.Filename))
			var ue *userError
			if !errors.As(err, &ue) {
				err = fmt.Errorf("%w; %w", userErrorf("I could not download %q. Please try again in a moment. Nothing was changed.", plainText(att.Filename, 100)), err)
			}
			return message{}, err
		}
		d, err := fileDocument(kind, raw)
		if err != nil {
			b.logChange(ctx, i, action, "", err, slog.String("via", "file"), slog.String("file", att.Filename))
			return message{}, err
		}
		return use(ctx, d)
	}}, nil
}

// firstNonEmpty returns the first of its arguments that is not "".
func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// add asks the engine to add d and renders the confirmation.
func (b *Bot) add(ctx context.Context, i *discordgo.Interaction, d corpus.Document, via string) (message, error) {
	saved, err := b.mod.Add(ctx, d, actor(i))
	b.logChange(ctx, i, actionAdd, saved.ID, err, slog.String("via", via), slog.Int("bytes", len(d.Body)))
	if errors.Is(err, corpus.ErrNotIndexed) && saved.ID != "" {
		return renderSavedNotIndexed("Saved", saved), nil
	}
	if err != nil {
		return message{}, &changeError{action: actionAdd, doc: fmt.Sprintf("%q", truncateForLog(d.Title)), err: err}
	}
	return b.saved(ctx, "Saved", saved), nil
}

// addSubmit handles the submitted add modal.
func (b *Bot) addSubmit(i *discordgo.Interaction, _ customID) (job, error) {
	f := modalFields(i.ModalSubmitData())
	if err := checkFields(actionAdd, f); err != nil {
		b.logChange(context.Background(), i, actionAdd, "", err, slog.String("via", "modal"))
		return job{}, err
	}
	d := corpus.Document{Title: f.Title, Body: f.Body, Outlet: f.Source, URL: f.URL, Published: f.Published, Kind: corpus.KindNote}
	return job{ephemeral: true, timeout: moderationTimeout, work: func(ctx context.Context) (message, error) {
		return b.add(ctx, i, d, "modal")
	}}, nil
}

// modalFields reads the document fields of a submitted modal.
func modalFields(data discordgo.ModalSubmitInteractionData) docFields {
	var f docFields
	for _, v := range modalValues(data) {
		switch v.id {
		case inputTitle:
			f.Title = strings.TrimSpace(v.value)
		case inputBody:
			f.Body = v.value
		case inputSource:
			f.Source = strings.TrimSpace(v.value)
		case inputURL:
			f.URL = strings.TrimSpace(v.value)
		case inputPublished:
			f.Published = strings.TrimSpace(v.value)
		}
	}
	return f
}

// inputValue is one text input of a submitted modal.
type inputValue struct{ id, value string }

// modalValues lists the text inputs of a submitted modal.
func modalValues(data discordgo.ModalSubmitInteractionData) []inputValue {
	var out []inputValue
	for _, c := range data.Components {
		var inner []discordgo.MessageComponent
		switch row := c.(type) {
		case *discordgo.ActionsRow:
			inner = row.Components
		case discordgo.ActionsRow:
			inner = row.Components
		}
		for _, in := range inner {
			switch v := in.(type) {
			case *discordgo.TextInput:
				out = append(out, inputValue{v.CustomID, v.Value})
			case discordgo.TextInput:
				out = append(out, inputValue{v.CustomID, v.Value})
			}
		}
	}
	return out
}

// docUpdate handles /doc update: a modal prefilled with the document.
func (b *Bot) docUpdate(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData, sub *discordgo.ApplicationCommandInteractionDataOption) (job, error) {
	d, err := b.findDocument(stringOption(sub, optDocument))
	if err != nil {
		return job{}, err
	}
	if fileOpt := sub.GetOption(optFile); fileOpt != nil {
		// The text of the attached file replaces the document's; its
		// title, source and other fields stay.
		return b.withAttachment(i, data, fileOpt, actionUpdate, func(ctx context.Context, f corpus.Document) (message, error) {
			d.Body = f.Body
			saved, err := b.mod.Update(ctx, d, actor(i))
			b.logChange(ctx, i, actionUpdate, d.ID, err, slog.String("via", "file"), slog.Int("bytes", len(d.Body)))
			if errors.Is(err, corpus.ErrNotIndexed) && saved.ID != "" {
				return renderSavedNotIndexed("Updated", saved), nil
			}
			if err != nil {
				return message{}, &changeError{action: actionUpdate, doc: d.ID, err: err}
			}
			return b.saved(ctx, "Updated", saved), nil
		})
	}
	if n := utf8.RuneCountInString(d.Body); n > maxInputValue {
		b.logChange(context.Background(), i, actionUpdate, d.ID, errors.New("body too long for a modal"), slog.Int("chars", n))
		return job{}, userErrorf("%q is %d characters long, and a Discord form holds at most %d, so I can't show it for editing. "+
			"Attach its new text as a file to /doc update instead, or an operator can replace it with `summitbot docs update %s FILE` in the terminal. Nothing was changed.", plainText(d.Title, 200), n, maxInputValue, d.ID)
	}
	c := customID{Kind: idUpdate, Doc: d.ID}
	if c.String() == "" {
		return job{}, userErrorf("The document id %q can't be edited from Discord; use the terminal. Nothing was changed.", plainText(d.ID, 100))
	}
	return job{modal: new(documentModal(c, "Update a document", fieldsOf(d)))}, nil
}

// updateSubmit handles the submitted update modal: the document's other
// fields (author, kind, language, sources) are kept.
func (b *Bot) updateSubmit(i *discordgo.Interaction, id customID) (job, error) {
	f := modalFields(i.ModalSubmitData())
	if err := checkFields(actionUpdate, f); err != nil {
		b.logChange(context.Background(), i, actionUpdate, id.Doc, err, slog.String("via", "modal"))
		return job{}, err
	}
	return job{ephemeral: true, timeout: moderationTimeout, work: func(ctx context.Context) (message, error) {
		d, ok := b.eng.Document(id.Doc)
		if !ok {
			err := fmt.Errorf("%w: %s", corpus.ErrNotFound, id.Doc)
			b.logChange(ctx, i, actionUpdate, id.Doc, err)
			return message{}, &changeError{action: actionUpdate, doc: id.Doc, err: err}
		}
		// A field too long for the form was not shown in it: left empty,
		// it keeps what the document holds, never blanked.
		d.Title, d.Body = f.Title, f.Body
		d.Outlet = keptIfHidden(d.Outlet, f.Source, maxSourceLen)
		d.URL = keptIfHidden(d.URL, f.URL, maxURLLen)
		d.Published = keptIfHidden(d.Published, f.Published, maxDateLen)
		saved, err := b.mod.Update(ctx, d, actor(i))
		b.logChange(ctx, i, actionUpdate, id.Doc, err, slog.String("via", "modal"), slog.Int("bytes", len(d.Body)))
		if errors.Is(err, corpus.ErrNotIndexed) && saved.ID != "" {
			return renderSavedNotIndexed("Updated", saved), nil
		}
		if err != nil {
			return message{}, &changeError{action: actionUpdate, doc: id.Doc, err: err}
		}
		return b.saved(ctx, "Updated", saved), nil
	}}, nil
}

// questions handles the "Questions it answers" button of a saved
// document: a modal with its passage questions.
func (b *Bot) questions(i *discordgo.Interaction, id customID) (job, error) {
	d, ok := b.eng.Document(id.Doc)
	if !ok {
		return job{}, userErrorf("I can't find the document `%s` any more. Nothing was changed.", id.Doc)
	}
	if utf8.RuneCountInString(d.QuestionLines()) > maxInputValue {
		return job{}, userErrorf("The questions of %q are more than a Discord form holds; an operator can change them in the document's file with the terminal. Nothing was changed.", plainText(d.Title, 200))
	}
	return job{modal: new(questionsModal(d))}, nil
}

// questionsSubmit handles the submitted questions modal: the document's
// passage questions are replaced by those given, and it is saved as an
// update (audited, indexed).
func (b *Bot) questionsSubmit(i *discordgo.Interaction, id customID) (job, error) {
	var text string
	for _, v := range modalValues(i.ModalSubmitData()) {
		if v.id == inputQuestions {
			text = v.value
		}
	}
	return job{ephemeral: true, timeout: moderationTimeout, work: func(ctx context.Context) (message, error) {
		d, ok := b.eng.Document(id.Doc)
		if !ok {
			err := fmt.Errorf("%w: %s", corpus.ErrNotFound, id.Doc)
			b.logChange(ctx, i, actionUpdate, id.Doc, err)
			return message{}, &changeError{action: actionUpdate, doc: id.Doc, err: err}
		}
		qs, err := corpus.ParseQuestionLines(text, len(d.Passages()))
		if err != nil {
			b.logChange(ctx, i, actionUpdate, id.Doc, err, slog.String("via", "questions"))
			return message{}, &changeError{action: actionUpdate, doc: id.Doc, err: err}
		}
		d.Questions = qs
		saved, err := b.mod.Update(ctx, d, actor(i))
		b.logChange(ctx, i, actionUpdate, id.Doc, err, slog.String("via", "questions"), slog.Int("questions", strings.Count(text, "\n")+1))
		if err != nil {
			return message{}, &changeError{action: actionUpdate, doc: id.Doc, err: err}
		}
		return b.saved(ctx, "Questions saved", saved), nil
	}}, nil
}

// keptIfHidden is the value of a field after an update form: what was
// submitted, unless the stored value was too long for the form to show
// and nothing was submitted, when the stored one stays.
func keptIfHidden(stored, submitted string, max int) string {
	if submitted == "" && utf8.RuneCountInString(stored) > max {
		return stored
	}
	return submitted
}

// docRemove handles /doc remove: a confirmation, or at once the refusal
// for a built-in document.
func (b *Bot) docRemove(i *discordgo.Interaction, sub *discordgo.ApplicationCommandInteractionDataOption) (job, error) {
	d, err := b.findDocument(stringOption(sub, optDocument))
	if err != nil {
		return job{}, err
	}
	builtIn, stored := b.mod.IsBuiltIn(d.ID), b.mod.Stored(d.ID)
	if builtIn && !stored {
		err := fmt.Errorf("%w: %s", corpus.ErrProtected, d.ID)
		b.logChange(context.Background(), i, actionRemove, d.ID, err)
		return job{}, &changeError{action: actionRemove, doc: d.ID, err: err}
	}
	if (customID{Kind: idRemove, Doc: d.ID}).String() == "" {
		return job{}, userErrorf("The document id %q can't be removed from Discord; use the terminal. Nothing was changed.", plainText(d.ID, 100))
	}
	return job{ephemeral: true, work: func(context.Context) (message, error) {
		return renderRemovePrompt(d, builtIn), nil
	}}, nil
}

// confirmRemove handles the Remove button: it removes the document and
// replaces the confirmation with the result.
func (b *Bot) confirmRemove(i *discordgo.Interaction, id customID) (job, error) {
	return job{update: true, timeout: moderationTimeout, work: func(ctx context.Context) (message, error) {
		d, ok := b.eng.Document(id.Doc)
		if !ok {
			d = corpus.Document{ID: id.Doc, Title: id.Doc}
		}
		override := b.mod.IsBuiltIn(id.Doc)
		err := b.mod.Remove(ctx, id.Doc, actor(i))
		b.logChange(ctx, i, actionRemove, id.Doc, err)
		if err != nil {
			return message{}, &changeError{action: actionRemove, doc: id.Doc, err: err}
		}
		return renderRemoved(d, override), nil
	}}, nil
}

// keep handles the Keep it button.
func (b *Bot) keep(_ *discordgo.Interaction, id customID) (job, error) {
	return job{update: true, work: func(context.Context) (message, error) {
		return renderKept(id.Doc), nil
	}}, nil
}

// docList handles /doc list: the first page, privately.
func (b *Bot) docList(*discordgo.Interaction) (job, error) {
	return job{ephemeral: true, work: func(context.Context) (message, error) {
		return renderDocList(b.listEntries(), 0), nil
	}}, nil
}

// listPage handles the /doc list Previous and Next buttons.
func (b *Bot) listPage(_ *discordgo.Interaction, id customID) (job, error) {
	return job{update: true, work: func(context.Context) (message, error) {
		return renderDocList(b.listEntries(), id.N), nil
	}}, nil
}

// listEntries returns every document with its origin, in the engine's order.
func (b *Bot) listEntries() []listEntry {
	docs := b.eng.Documents()
	out := make([]listEntry, len(docs))
	for k, d := range docs {
		builtIn := b.mod.IsBuiltIn(d.ID)
		out[k] = listEntry{Doc: d, BuiltIn: builtIn, Changed: builtIn && b.mod.Stored(d.ID)}
	}
	return out
}

// note handles the "Add to summit notes" message command: the message
// becomes a note at once.
func (b *Bot) note(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) (job, error) {
	var m *discordgo.Message
	if data.Resolved != nil {
		m = data.Resolved.Messages[data.TargetID]
	}
	if m == nil {
		return job{}, userErrorf("I can't see that message. Please try again.")
	}
	if m.ChannelID == "" {
		m.ChannelID = i.ChannelID
	}
	d := noteFromMessage(i.GuildID, m)
	return job{ephemeral: true, deferNow: true, timeout: moderationTimeout, work: func(ctx context.Context) (message, error) {
		return b.add(ctx, i, d, "message")
	}}, nil
}
