package catalog

// The keys, by where the words go. Entries that take arguments say so;
// those marked "counts" have plural forms chosen by their first integer.
const (
	// An answer, in Discord and the terminal.

	NotFound      Key = "not-found"       // the refusal: the documents do not hold an answer
	Scope         Key = "scope"           // what the documents cover, after the refusal
	TryOtherWords Key = "try-other-words" // a hint after the refusal (Discord)
	FooterAnswer  Key = "footer-answer"   // the footer of an answer (Discord)
	ReadAs        Key = "read-as"         // the prefix of the line saying how a question was read (Discord)

	// Buttons under an answer and the views they open (Discord).

	ButtonMore     Key = "button-more"      // "More passages"
	ButtonSource   Key = "button-source"    // "Show source"
	ButtonFollowUp Key = "button-follow-up" // "Follow up"
	FeedbackThanks Key = "feedback-thanks"  // the reply to 👍/👎
	MoreNone       Key = "more-none"        // More passages found no more
	MoreRange      Key = "more-range"       // args: first, last passage number
	FollowUpTitle  Key = "follow-up-title"  // the Follow up form's title
	FollowUpLabel  Key = "follow-up-label"  // its text input's label
	FollowUpAfter  Key = "follow-up-after"  // its placeholder; args: the question it follows
	FollowUpEmpty  Key = "follow-up-empty"  // the form was sent empty

	// /search (Discord).

	SearchNone     Key = "search-none"     // no passage matches
	SearchNoMore   Key = "search-no-more"  // a page past the last
	SearchFooter   Key = "search-footer"   // args: page, first, last result number
	ButtonPrevious Key = "button-previous" // "◀ Previous"
	ButtonNext     Key = "button-next"     // "Next ▶"

	// /source and Show source (Discord).

	FieldOutlet     Key = "field-outlet"
	FieldPublished  Key = "field-published"
	FieldAuthor     Key = "field-author"
	FieldKind       Key = "field-kind"
	FieldParagraphs Key = "field-paragraphs"
	FieldID         Key = "field-id"
	FieldSources    Key = "field-sources"
	ParagraphOf     Key = "paragraph-of"  // args: paragraph, paragraphs
	DocumentMore    Key = "document-more" // counts; args: paragraphs not shown

	// /about (Discord).

	AboutTitle     Key = "about-title"     // /about's title
	AboutText      Key = "about-text"      // /about's description: what the bot does, in which languages, its commands
	AboutFooter    Key = "about-footer"    // /about's footer
	FieldDocuments Key = "field-documents" // /about's fields
	FieldPassages  Key = "field-passages"
	FieldUpdated   Key = "field-updated"
	FieldRead      Key = "field-read"
	Unknown        Key = "unknown"  // an unknown date
	AndMore        Key = "and-more" // args: documents not listed

	// Errors an asker sees (Discord).

	RateLimited     Key = "rate-limited"      // counts; args: seconds to wait
	Sorry           Key = "sorry"             // an error that is ours
	Timeout         Key = "timeout"           // the answer took too long
	NoQuestion      Key = "no-question"       // /ask without a question
	NoQuery         Key = "no-query"          // /search without words
	NoDocument      Key = "no-document"       // /source without a document
	UnknownDocument Key = "unknown-document"  // args: what was typed
	ParagraphRange  Key = "paragraph-range"   // counts; args: title, paragraphs, paragraphs
	UnknownCommand  Key = "unknown-command"   // args: the command's name
	OldButton       Key = "old-button"        // a button the bot no longer reads
	OldForm         Key = "old-form"          // a form the bot no longer reads
	QuestionGone    Key = "question-gone"     // a button whose question is gone
	DocumentGone    Key = "document-gone"     // Show source of a removed document
	MentionHelp     Key = "mention-help"      // a mention with no question
	QuestionEmpty   Key = "question-empty"    // a question with no words
	QuestionTooLong Key = "question-too-long" // counts; args: its length, the most allowed

	// The descriptions of the slash commands and their options, as
	// Discord shows them (Discord has Russian and Chinese locales, no
	// Kazakh one).

	CmdAsk             Key = "cmd-ask"
	CmdAskQuestion     Key = "cmd-ask-question"
	CmdAskPrivate      Key = "cmd-ask-private"
	CmdSearch          Key = "cmd-search"
	CmdSearchQuery     Key = "cmd-search-query"
	CmdSource          Key = "cmd-source"
	CmdSourceDocument  Key = "cmd-source-document"
	CmdSourceParagraph Key = "cmd-source-paragraph"
	CmdAbout           Key = "cmd-about"

	// The terminal (`summitbot ask`).

	TermReadAs    Key = "term-read-as"   // args: the question as read
	TermSources   Key = "term-sources"   // the heading of the citations
	TermParagraph Key = "term-paragraph" // args: paragraph number
	TermUnder     Key = "term-under"     // args: the section
	Hello         Key = "hello"          // counts; the reply to small talk; args: documents
	TermWelcome   Key = "term-welcome"   // the interactive prompt's opening lines; args: documents, passages
	TermNew       Key = "term-new"       // a new conversation starts at the prompt
)

// keys is every key, in order.
var keys = []Key{
	NotFound, Scope, TryOtherWords, FooterAnswer, ReadAs,
	ButtonMore, ButtonSource, ButtonFollowUp, FeedbackThanks, MoreNone, MoreRange,
	FollowUpTitle, FollowUpLabel, FollowUpAfter, FollowUpEmpty,
	SearchNone, SearchNoMore, SearchFooter, ButtonPrevious, ButtonNext,
	FieldOutlet, FieldPublished, FieldAuthor, FieldKind, FieldParagraphs, FieldID, FieldSources,
	ParagraphOf, DocumentMore,
	AboutTitle, AboutText, AboutFooter, FieldDocuments, FieldPassages, FieldUpdated, FieldRead, Unknown, AndMore,
	RateLimited, Sorry, Timeout, NoQuestion, NoQuery, NoDocument, UnknownDocument, ParagraphRange,
	UnknownCommand, OldButton, OldForm, QuestionGone, DocumentGone, MentionHelp, QuestionEmpty, QuestionTooLong,
	CmdAsk, CmdAskQuestion, CmdAskPrivate, CmdSearch, CmdSearchQuery, CmdSource, CmdSourceDocument, CmdSourceParagraph, CmdAbout,
	TermReadAs, TermSources, TermParagraph, TermUnder, Hello, TermWelcome, TermNew,
}
