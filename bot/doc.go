// Package bot is summitbot's Discord front end: the gateway session, slash
// command registration, interaction and mention handlers, per-user rate
// limits and the rendering of answers into Discord messages.
//
// It asks the answer engine through the small [Engine] interface and never
// reaches into the search index itself. Rendering is a set of pure functions
// from an index.Answer (or documents) to a message that respects every
// Discord limit by construction; handlers return errors, and one function
// (userMessage) turns them into what the user sees.
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
//
// The question or query itself is read back from the title of the first
// embed of the message the button is on (the interaction carries that
// message), so a question longer than an embed title (256 characters) is
// re-asked from its first 255 characters.
package bot
