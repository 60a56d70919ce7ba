package bot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/bot/discordtest"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/library"
)

// TestModerationRealLibrary runs the moderation flows on the real
// library.Library over the embedded corpus: a document a moderator adds by
// modal is stored, audited and answered by /ask in the next interaction;
// a built-in document cannot be removed; an added one can.
func TestModerationRealLibrary(t *testing.T) {
	t.Parallel()
	docs, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	lib, err := library.Open(t.Context(), library.Config{DataDir: dir, Base: docs, Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { // after the bot stops: cleanups run last first
		if err := lib.Close(); err != nil {
			t.Error(err)
		}
	})
	fake := discordtest.Start(t, discordtest.Options{Token: testToken})
	h := startBot(t, fake, lib, Config{RatePerMinute: -1})
	m := &moderation{harness: h}
	before := len(lib.Documents())

	const (
		title = "Aktau logistics forum"
		id    = "aktau-logistics-forum"
		q     = "When is the logistics forum in Aktau?"
	)
	md := m.modal(t, asMod(m.docCmd(testModUser, subAdd, discordtest.StringOption(optTitle, title), discordtest.StringOption(optSource, "summitbot moderators"))))
	r := m.private(t, asMod(discordtest.FillModal(m.id(), testModUser, md, map[string]string{
		inputBody: "Kazakhstan will host a logistics forum in Aktau in September 2025, after the Astana summit.\n\n" +
			"The forum will discuss the Trans-Caspian route and the port of Aktau.",
		inputPublished: "2025-06-20",
	})))
	wantSaved(t, r, "Saved", title, id)

	// The next interaction answers from it.
	if !m.askCites(t, q, title) {
		t.Errorf("/ask %q does not cite the new document", q)
	}
	if got := len(lib.Documents()); got != before+1 {
		t.Errorf("%d documents, want %d", got, before+1)
	}
	if !lib.Stored(id) {
		t.Error("the document is not stored")
	}
	audit, err := os.ReadFile(filepath.Join(dir, library.AuditFileName))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(audit), testModUser) || !strings.Contains(string(audit), id) || !strings.Contains(string(audit), "discord") {
		t.Errorf("audit log %s lacks the change", audit)
	}

	// Its "Questions it answers" button edits the questions it is indexed
	// with: a paraphrase the text does not hold then finds it.
	btn, ok := r.Button(idQuestions + ":")
	if !ok {
		t.Fatalf("no questions button on %+v", r)
	}
	if r := m.private(t, discordtest.ButtonClick(m.id(), "u-someone", btn.CustomID, r.Discord("m1", "c1"))); !strings.Contains(r.Content, "Only moderators") {
		t.Errorf("a member opened the questions: %+v", r)
	}
	qm := m.modal(t, asMod(discordtest.ButtonClick(m.id(), testModUser, btn.CustomID, r.Discord("m1", "c1"))))
	r = m.private(t, asMod(discordtest.FillModal(m.id(), testModUser, qm, map[string]string{
		inputQuestions: "1: which caspian port hosts the trade fair\n2: what is the trade fair about",
	})))
	wantSaved(t, r, "Questions saved", title, id)
	stored, ok := lib.Document(id)
	if !ok || len(stored.Questions) != 2 || stored.Questions[0].Hash == "" || stored.Passages()[0].Questions[0] != "which caspian port hosts the trade fair" {
		t.Errorf("questions not stored with their paragraph: %+v", stored.Questions)
	}
	if !m.askCites(t, "which caspian port hosts the trade fair", title) {
		t.Error("the document's own question does not find it")
	}
	r = m.private(t, asMod(discordtest.FillModal(m.id(), testModUser, qm, map[string]string{inputQuestions: "9: no such paragraph"})))
	if !strings.Contains(r.Content, "paragraph 9") {
		t.Errorf("a bad question line: %q", r.Content)
	}

	// A duplicate points to it.
	r = m.private(t, asMod(discordtest.FillModal(m.id(), testModUser, md, map[string]string{
		inputTitle: "Copy", inputBody: "Kazakhstan will host a logistics forum in Aktau in September 2025, after the Astana summit.\n\n" +
			"The forum will discuss the Trans-Caspian route and the port of Aktau.",
	})))
	if !strings.Contains(unescapeMarkdown(r.Content), "Not saved: A document with the same text already exists: \""+title+"\" ("+id+")") {
		t.Errorf("duplicate: %q", r.Content)
	}

	// Built-in documents are protected; the added one goes.
	builtIn := docs[0].ID
	r = m.private(t, asMod(m.docCmd(testModUser, subRemove, discordtest.StringOption(optDocument, builtIn))))
	if !strings.Contains(unescapeMarkdown(r.Content), "Not removed: Documents of the built-in corpus cannot be removed") {
		t.Errorf("built-in removal: %q", r.Content)
	}
	prompt := m.private(t, asMod(m.docCmd(testModUser, subRemove, discordtest.StringOption(optDocument, id))))
	rm, ok := prompt.Button("rm:" + id)
	if !ok {
		t.Fatalf("prompt %+v", prompt)
	}
	r = m.reply(t, asMod(discordtest.ButtonClick(m.id(), testModUser, rm.CustomID, prompt.Discord("msg-rm", "400"))), discordgo.InteractionResponseUpdateMessage)
	if !strings.Contains(r.Content, "Removed") {
		t.Errorf("remove: %+v", r)
	}
	if _, ok := lib.Document(id); ok || lib.Stored(id) || len(lib.Documents()) != before {
		t.Error("the document is still there")
	}
}
