package bot

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/corpus"
)

// Moderator is what the moderation flows need of the engine, besides
// Engine: changing the documents. *library.Library implements it. When the
// Engine given to New also implements Moderator, the bot registers and
// serves the moderation commands (/doc and the "Add to summit notes"
// message command); otherwise it has none.
//
// A change must be durable and searchable when the method returns nil: the
// bot then tells the moderator it is saved. Errors wrapping the corpus
// validation errors, corpus.ErrNotFound, corpus.ErrDuplicate and
// corpus.ErrProtected are shown to the moderator as they are.
type Moderator interface {
	// Add stores and indexes a new document, its id made from its title.
	Add(ctx context.Context, d corpus.Document, who corpus.Actor) (corpus.Document, error)
	// Update replaces the document d.ID, which must exist.
	Update(ctx context.Context, d corpus.Document, who corpus.Actor) (corpus.Document, error)
	// Remove deletes a stored document (corpus.ErrProtected for a built-in one).
	Remove(ctx context.Context, id string, who corpus.Actor) error
	// IsBuiltIn reports whether id is a document of the built-in corpus.
	IsBuiltIn(id string) bool
	// Stored reports whether id has a stored file: an added document, or a
	// moderator's override of a built-in one.
	Stored(id string) bool
}

// Moderation actions, as logged.
const (
	actionAdd     = "add"
	actionUpdate  = "update"
	actionRemove  = "remove"
	actionRefused = "refused"
)

// msgNotModerator is the refusal for members who may not change documents.
const msgNotModerator = "Only moderators can change summitbot's documents (the Manage Server permission or a moderator role). Nothing was changed."

// isModerator reports whether the member behind i may change documents:
// in a server, with the Manage Server or Administrator permission (as
// Discord computed it for the interaction's channel), or one of the roles
// in Config.ModeratorRoleIDs. Default member permissions hide the
// commands from others, but server admins can change that, so every
// moderation interaction is checked again here.
func (b *Bot) isModerator(i *discordgo.Interaction) bool {
	if i.Member == nil || i.GuildID == "" {
		return false
	}
	if i.Member.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0 {
		return true
	}
	for _, r := range i.Member.Roles {
		if slices.Contains(b.cfg.ModeratorRoleIDs, r) {
			return true
		}
	}
	return false
}

// moderated wraps a moderation handler with the permission check: anyone
// else gets an ephemeral refusal and nothing changes.
func (b *Bot) moderated(h componentHandler) componentHandler {
	return func(i *discordgo.Interaction, id customID) (job, error) {
		if !b.isModerator(i) {
			b.logChange(context.Background(), i, actionRefused, id.Doc, nil, slog.String("on", interactionName(i)))
			return job{}, userErrorf(msgNotModerator)
		}
		return h(i, id)
	}
}

// moderatedCommand is moderated for a command handler.
func (b *Bot) moderatedCommand(h commandHandler) commandHandler {
	return func(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) (job, error) {
		if !b.isModerator(i) {
			b.logChange(context.Background(), i, actionRefused, "", nil, slog.String("on", interactionName(i)))
			return job{}, userErrorf(msgNotModerator)
		}
		return h(i, data)
	}
}

// actor is who asks for a change, for the engine's audit log.
func actor(i *discordgo.Interaction) corpus.Actor {
	a := corpus.Actor{ID: userOf(i), Via: "discord"}
	switch {
	case i.Member != nil && i.Member.User != nil:
		a.Name = i.Member.User.Username
	case i.User != nil:
		a.Name = i.User.Username
	}
	return a
}

// logChange logs one moderation action: who, what, on which document and
// how it ended. It never logs a document's text.
func (b *Bot) logChange(ctx context.Context, i *discordgo.Interaction, action, docID string, err error, attrs ...slog.Attr) {
	all := append([]slog.Attr{
		slog.String("user", userOf(i)),
		slog.String("action", action),
		slog.String("document", docID),
		slog.String("interaction", i.ID),
	}, attrs...)
	level := slog.LevelInfo
	switch {
	case action == actionRefused:
		if !b.logRefused(userOf(i)) {
			return // a flood of refusals is a few log lines
		}
		level = slog.LevelWarn
	case err != nil:
		all = append(all, slog.String("err", err.Error()))
		if !safeChangeError(err) || errors.Is(err, corpus.ErrUnavailable) {
			level = slog.LevelError
		}
	}
	outcome := "done"
	if err != nil {
		outcome = "refused"
	}
	b.log.LogAttrs(ctx, level, "moderation", append(all, slog.String("outcome", outcome))...)
}

// changeError is a change of the documents that the engine refused or
// failed, with the change for the log. What the moderator sees is decided
// in userMessage: the engine's own message when it is about their input,
// prefixed with what did not happen.
type changeError struct {
	action string // actionAdd, actionUpdate or actionRemove
	doc    string // the document id or title
	err    error
}

func (e *changeError) Error() string { return e.action + " document " + e.doc + ": " + e.err.Error() }
func (e *changeError) Unwrap() error { return e.err }

// userText is the message for a moderator: what did not happen, and why.
func (e *changeError) userText() string {
	verb := map[string]string{actionAdd: "Not saved", actionUpdate: "Not updated", actionRemove: "Not removed"}[e.action]
	if verb == "" {
		verb = "Nothing was changed"
	}
	if errors.Is(e.err, corpus.ErrUnavailable) {
		// Not the connection's details: what happened and what to do.
		return verb + ": " + sentence(corpus.ErrUnavailable.Error())
	}
	text := verb + ": " + sentence(e.err.Error())
	var dup *corpus.DuplicateError
	if errors.As(e.err, &dup) && validDocID(dup.ID) {
		text += " Read it with /source document:" + dup.ID + "."
	}
	return text
}

// safeChangeErrors are the errors whose messages are written for the
// moderator who asked for the change.
var safeChangeErrors = []error{
	corpus.ErrEmptyBody, corpus.ErrBodyTooBig, corpus.ErrInvalidUTF8, corpus.ErrTitle, corpus.ErrQuestions,
	corpus.ErrID, corpus.ErrDate, corpus.ErrKind, corpus.ErrNotFound, corpus.ErrExists,
	corpus.ErrDuplicate, corpus.ErrProtected, corpus.ErrUnavailable,
}

// safeChangeError reports whether err's message may be shown to a
// moderator.
func safeChangeError(err error) bool {
	for _, target := range safeChangeErrors {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

// sentence makes an error message a sentence: capitalised, with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	if c := s[0]; c >= 'a' && c <= 'z' {
		s = string(c-'a'+'A') + s[1:]
	}
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}
