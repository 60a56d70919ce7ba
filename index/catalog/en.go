package catalog

// english is the English catalogue.
var english = map[Key]msg{
	NotFound:      {text: "I couldn't find that in the summit documents."},
	Scope:         {text: "I answer from an AFP report on the second China–Central Asia summit (Astana, 17 June 2025) and background notes: the leaders, the treaty and declaration, trade, the China–Kyrgyzstan–Uzbekistan railway, Khorgos, Kazakhstan's nuclear plans and the first summit in Xi'an."},
	TryOtherWords: {text: "Try other words, or `/search` for passages that mention them."},
	FooterAnswer:  {text: "summitbot answers only from its documents · /source to read them"},
	ReadAs:        {text: "Read as: "},

	ButtonMore:     {text: "More passages"},
	ButtonSource:   {text: "Show source"},
	ButtonFollowUp: {text: "Follow up"},
	FeedbackThanks: {text: "Thanks for the feedback!"},
	MoreNone:       {text: "No more passages."},
	MoreRange:      {text: "Passages %d–%d"},
	FollowUpTitle:  {text: "Follow up"},
	FollowUpLabel:  {text: "Your follow-up question"},
	FollowUpAfter:  {text: "After: %s"},
	FollowUpEmpty:  {text: "Please type a follow-up question."},

	SearchNone:     {text: "No passage matches. Try other words."},
	SearchNoMore:   {text: "No more results."},
	SearchFooter:   {text: "Page %d · results %d–%d"},
	ButtonPrevious: {text: "◀ Previous"},
	ButtonNext:     {text: "Next ▶"},

	FieldOutlet:     {text: "Outlet"},
	FieldPublished:  {text: "Published"},
	FieldAuthor:     {text: "Author"},
	FieldKind:       {text: "Kind"},
	FieldParagraphs: {text: "Paragraphs"},
	FieldID:         {text: "Id"},
	FieldSources:    {text: "Sources"},
	ParagraphOf:     {text: "paragraph %d of %d"},
	DocumentMore: {
		one:  "%d more paragraph: use `/source` with `paragraph:` to read it.",
		text: "%d more paragraphs: use `/source` with `paragraph:` to read one.",
	},

	AboutTitle: {text: "About summitbot"},
	AboutText: {text: "I answer questions about the second China–Central Asia summit " +
		"(Astana, 17 June 2025) from a small set of trusted documents, and show " +
		"where every answer comes from. When the documents don't say, I say so.\n\n" +
		"I understand questions in English, Russian, Chinese and Kazakh, and reply in the " +
		"language of the question; the passages I cite stay in English, as written.\n\n" +
		"**/ask** `question` — an answer with cited passages (`private: True` to see it alone)\n" +
		"**/search** `query` — the passages that match, page by page\n" +
		"**/source** `document` `[paragraph]` — read a document, or one paragraph in context\n" +
		"**@summitbot** your question — the same answer as a reply, in channels, threads and DMs"},
	AboutFooter:    {text: "Answers are only as good as the documents: check the citations."},
	FieldDocuments: {text: "Documents"},
	FieldPassages:  {text: "Passages"},
	FieldUpdated:   {text: "Last update"},
	FieldRead:      {text: "What I have read"},
	Unknown:        {text: "unknown"},
	AndMore:        {text: "…and %d more"},

	RateLimited: {
		one:  "You're asking faster than I can keep up — please try again in %d second.",
		text: "You're asking faster than I can keep up — please try again in %d seconds.",
	},
	Sorry:           {text: "Sorry, something went wrong on my side. Please try again in a moment."},
	Timeout:         {text: "Sorry, that took too long. Please try again, perhaps with fewer words."},
	NoQuestion:      {text: "Please give a question."},
	NoQuery:         {text: "Please give some words to look for."},
	NoDocument:      {text: "Please pick a document."},
	UnknownDocument: {text: "I have no document %q. Pick one from the list as you type."},
	ParagraphRange: {
		one:  "%q has %d paragraph: pick one from 1 to %d.",
		text: "%q has %d paragraphs: pick one from 1 to %d.",
	},
	UnknownCommand: {text: "I don't know /%s any more. Try /about."},
	OldButton:      {text: "This button comes from an older version of me. Please ask again."},
	OldForm:        {text: "This form comes from an older version of me. Nothing was changed; please start again."},
	QuestionGone:   {text: "I can't find the question this button belongs to. Please ask again."},
	DocumentGone:   {text: "That document is no longer in my collection."},
	MentionHelp:    {text: "Ask me a question after the mention, for example: where was the summit held? Or try /about."},
	QuestionEmpty:  {text: "The question is empty; ask something about the summit, e.g. \"Where was the summit held?\""},
	QuestionTooLong: {
		one:  "The question is %d character long; at most %d are allowed.",
		text: "The question is %d characters long; at most %d are allowed.",
	},

	TermReadAs:    {text: "(read as: %s)"},
	TermSources:   {text: "Sources:"},
	TermParagraph: {text: "paragraph %d"},
	TermUnder:     {text: "under %q"},
	Hello: {
		one: "Hello! I answer questions about the second China–Central Asia summit (Astana, 17 June 2025) " +
			"from %d trusted document, and show where every answer comes from; when the documents don't say, I say so. " +
			"Ask, for example: \"Where was the summit held?\" or \"What did Xi say about tariff wars?\"",
		text: "Hello! I answer questions about the second China–Central Asia summit (Astana, 17 June 2025) " +
			"from %d trusted documents, and show where every answer comes from; when the documents don't say, I say so. " +
			"Ask, for example: \"Where was the summit held?\" or \"What did Xi say about tariff wars?\"",
	},
	TermWelcome: {text: "summitbot: ask about the second China–Central Asia summit (%d documents, %d passages).\n" +
		"Type a question and press Enter; the arrow keys bring back earlier ones.\n" +
		"Follow-ups (\"how long is it?\", \"tell me more\") build on the questions before;\n" +
		"/new, or an empty line twice, starts afresh.\n" +
		"Ctrl-C clears the line; Ctrl-D, or Ctrl-C on an empty line, quits."},
	TermNew: {text: "(a new conversation)"},

	CmdAsk:             {text: "Ask a question about the China–Central Asia summit; the answer cites its sources"},
	CmdAskQuestion:     {text: "Your question, e.g. where was the treaty signed?"},
	CmdAskPrivate:      {text: "Show the answer to you only"},
	CmdSearch:          {text: "List the passages of the summit documents that match some words"},
	CmdSearchQuery:     {text: "Words to look for"},
	CmdSource:          {text: "Read a document, or one paragraph of it in context"},
	CmdSourceDocument:  {text: "The document (start typing its title)"},
	CmdSourceParagraph: {text: "A paragraph number, shown with its neighbours"},
	CmdAbout:           {text: "What summitbot knows and how to use it"},
}
