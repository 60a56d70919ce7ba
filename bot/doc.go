// Package bot is summitbot's Discord front end: the gateway session, slash
// command registration, interaction and mention handlers, per-user rate
// limits, the rendering of answers into Discord messages, and the
// moderators' flows that change the documents.
//
// It asks the answer engine through the small [Engine] interface and never
// reaches into the search index itself. Rendering is a set of pure functions
// from an answer.Answer (or documents) to a message that respects every
// Discord limit by construction; handlers return errors, and one function
// (userMessage) turns them into what the user sees.
//
// # Two transports, one dispatch
//
// Interactions come over the gateway (INTERACTION_CREATE) or, with
// Config.InteractionsAddr, over Discord's HTTP interactions endpoint
// (http.go): every request's Ed25519 signature is verified with
// Config.PublicKey (discordgo.VerifyInteraction) and its timestamp must be
// at most MaxSignatureAge old (MaxClockAhead ahead); a refused request
// gets 401 and a log line without its body; bodies are bounded
// (MaxInteractionBytes) and the server has read, write and idle timeouts.
// PING gets PONG. Anything else goes to the same dispatch (handle, route)
// as the gateway's: the responder's first response (a reply, a deferral,
// a modal, autocomplete choices) is a REST callback on the gateway and the
// HTTP response body on the endpoint (the callback interface in
// respond.go); edits and follow-ups go through the webhook API on both.
// /healthz answers 200 while the bot takes interactions and Config.Ready
// says the engine is ready, 503 otherwise. At shutdown the bot refuses new
// events, drains the HTTP requests in flight (http.Server.Shutdown), then
// waits for the replies in progress. Once an Interactions Endpoint URL is
// set in the developer portal, Discord sends every interaction there and
// none over the gateway, so none reaches the bot twice. With
// Config.NoGateway no gateway
// connection is opened (the application id for registering the commands
// comes from the REST API), so mentions and DMs need another process with
// the gateway.
//
// # Acknowledging under a burst
//
// Answers are computed by at most Config.AnswerWorkers at once (default
// GOMAXPROCS-1, at least 1: the engine's work is CPU-bound, more at once
// only makes each slower, and a core left free keeps the acknowledgements,
// the gateway and the REST calls from waiting for the scheduler to
// preempt an answer; on 2 cores this halved the acknowledgement p99 of a
// burst, with no later answers). An interaction that finds a worker free,
// and fewer other interactions waiting for their acknowledgement than free
// workers, is answered as before: directly when the answer is ready within
// Config.DeferAfter, else deferred and edited. One that finds every worker
// busy would queue behind the answers before it, and one that comes in a
// burst would take the CPU the others' acknowledgements need, so it is
// acknowledged at once with a
// deferral (type 5, or 6 for a button's update; ephemeral when the reply
// will be) and its answer is edited in when a worker is free (after at
// most two minutes of waiting it is told to ask again). We chose this
// over deferring every /ask: an idle bot still answers in one response,
// with no "thinking…" flash, while a burst is acknowledged at the speed of
// a REST call instead of the answers queued before it. A queued answer
// starts once no interaction waits for its acknowledgement and none came
// for 20 ms (at most 500 ms later: over the gateway an interaction is
// counted only once discordgo has decoded it, and in a burst the count
// falls to zero between two events); over HTTP a request counts as
// waiting from its arrival, while it is read and its signature checked. Mentions wait for a worker too (they
// have no acknowledgement to make). BENCHMARKS.md,
// "Acknowledgement under a burst", has the figures.
//
// # Custom ids
//
// Buttons must keep working after a restart with no in-memory state, so
// each custom id carries what its handler needs, in at most 100 characters
// (see components.go):
//
//	more:<shown>        "More passages": passages after the first <shown>
//	src:<docID>#<n>     "Show source": paragraph n of docID with its neighbours
//	fb:up, fb:down      feedback on an answer
//	page:<n>:<p|n>      /search page n (0-based); the suffix keeps the
//	                    Previous and Next ids distinct
//	docs:<n>:<p|n>      /doc list page n (0-based)
//	rm:<docID>          confirm the removal of a document
//	keep:<docID>        cancel it
//	gaps:<d>:<n>:<p|n>  /doc gaps page n of the last d days
//	gadd:<gap>          "Add a document" for gap (12 hexadecimal digits)
//	gdis:<gap>:<d>:<n>  "Dismiss" gap, on page n of the last d days
//	fu:<question>       "Follow up": the question as read, cut at a word to fit
//
// and each modal's custom id what its submission needs (the fields travel
// as the modal's text inputs: title, body, source, url, published):
//
//	add                 /doc add: a new document
//	upd:<docID>         /doc update: replace docID
//	fuq:<question>      the Follow up form: the question it follows
//
// Document ids are at most 80 bytes of [a-z0-9-] (corpus.MaxIDLen), so
// every one of these fits.
//
// The question or query itself is read back from the title of the first
// embed of the message the button is on (the interaction carries that
// message), so a question longer than an embed title (256 characters) is
// re-asked from its first 255 characters.
//
// # Conversations
//
// A follow-up is read with the turns before it (Engine.AskAfter): a reply
// to one of the bot's answers (whoever replies), a mention in a thread
// where the bot answered or in a DM, and the Follow up form. The turns are
// kept in a bounded store (conversation.go: 4 turns, 30 minutes, 10,000
// conversations), keyed by the server or the DM's user; an answer the
// store no longer knows is read back from the message itself.
//
// # Languages
//
// Everything the bot writes itself for an asker (the refusal, labels,
// buttons, footers, the Read as line, /about, the errors they see) comes
// from index/catalog in the language of their question: Russian, Chinese,
// Kazakh or English, told by its letters (catalog.Reply); Discord's
// locale is a hint only for text with no letters, and the language of
// replies with no question in them (/about, /source). A button's reply
// follows the question of the answer it is on (its embed title); a
// Read as line is read back in any of the languages. The passages and
// facts stay in English, as cited; the moderators' flows stay English.
//
// # Moderation
//
// When the Engine given to New also implements [Moderator] (as
// *library.Library does), the bot registers /doc (add, update, remove, list)
// and the message command "Add to summit notes", with default member
// permissions Manage Server and, for global commands, in servers only.
// Every moderation interaction (commands, buttons, modal submissions,
// autocomplete) is checked again in the handler: the member must have
// Manage Server or Administrator, or a role in Config.ModeratorRoleIDs;
// anyone else gets an ephemeral refusal and nothing changes. Replies are
// ephemeral; a confirmation comes only after the engine returned, when the
// document is stored and searchable. Attachments are size-checked from the
// payload, then downloaded from Discord's CDN only (or the host of
// Config.APIURL), with Config.DownloadTimeout and Config.MaxBodyBytes.
// Each action is logged (msg=moderation) with the user, action, document
// id and outcome, never the text.
//
// # Coverage gaps
//
// With Config.Gaps set, every question the bot could not answer (by /ask
// or a mention) and every 👎 goes to the gaps log (index/gaps: a salted
// hash of the user, never the id or name; "DM" for direct messages), and
// moderators get /doc gaps: the open gaps of the last 7 or 30 days asked
// in their server or in DMs, grouped, paged, each with "Add a document"
// (the add modal, the gap's question as the hint) and "Dismiss" (audited).
// Whenever a document is saved from Discord the open gaps are asked again,
// and the confirmation says which ones it closed.
package bot
