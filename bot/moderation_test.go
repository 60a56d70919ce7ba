package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/bot/discordtest"
	"github.com/summitbot/summitbot/corpus"
)

// Moderation test settings: a small body limit keeps the big-file cases fast.
const (
	testMaxBody  = 3000
	testModRole  = "777"
	testModUser  = "u-mod"
	testUserName = "user" + testModUser
)

// moderation is a bot with the moderation commands against a fake Discord.
type moderation struct {
	*harness
	twin *twinEngine
}

func startModeration(t *testing.T, overHTTP bool) *moderation {
	t.Helper()
	fake := discordtest.Start(t, discordtest.Options{Token: testToken})
	twin := newTwin(fixtureDocs())
	twin.maxBody = testMaxBody
	h := startBotOn(t, fake, twin, Config{RatePerMinute: -1, ModeratorRoleIDs: []string{testModRole}, MaxBodyBytes: testMaxBody}, overHTTP)
	return &moderation{harness: h, twin: twin}
}

// asMod makes i come from a member with Manage Server.
func asMod(i *discordgo.Interaction) *discordgo.Interaction {
	return discordtest.WithPermissions(i, discordgo.PermissionManageGuild)
}

// docCmd is /doc <sub> by user with the options.
func (m *moderation) docCmd(user, sub string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return discordtest.SlashCommand(m.id(), user, cmdDoc, discordtest.SubCommand(sub, opts...))
}

// modal sends i and returns the modal it opens.
func (m *moderation) modal(t *testing.T, i *discordgo.Interaction) discordtest.Message {
	t.Helper()
	id := m.send(t, i)
	c, err := m.fake.WaitCallback(ctx(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Type != discordgo.InteractionResponseModal {
		t.Fatalf("response type %d, want a modal (9); data: %+v", c.Type, c.Data)
	}
	if err := discordtest.CheckModal(c.Data); err != nil {
		t.Error(err)
	}
	return c.Data
}

// private sends i and returns the reply, which must be ephemeral.
func (m *moderation) private(t *testing.T, i *discordgo.Interaction) discordtest.Message {
	t.Helper()
	r := m.reply(t, i, discordgo.InteractionResponseChannelMessageWithSource)
	if !r.Ephemeral() {
		t.Errorf("reply is not ephemeral: %+v", r)
	}
	return r
}

// askCites asks q publicly and reports whether the answer cites a document
// with this title.
func (m *moderation) askCites(t *testing.T, q, title string) bool {
	t.Helper()
	r := m.reply(t, discordtest.SlashCommand(m.id(), "u-asker", cmdAsk, discordtest.StringOption(optQuestion, q)),
		discordgo.InteractionResponseChannelMessageWithSource)
	if len(r.Embeds) != 1 {
		t.Fatalf("answer to %q: %+v", q, r)
	}
	for _, f := range r.Embeds[0].Fields {
		if strings.Contains(f.Name, title) {
			return true
		}
	}
	return false
}

// wantSaved checks a confirmation: it names the document and says it is
// searchable now.
func wantSaved(t *testing.T, r discordtest.Message, verb, title, id string) {
	t.Helper()
	if len(r.Embeds) != 1 {
		t.Fatalf("confirmation %+v, want one embed", r)
	}
	e := r.Embeds[0]
	if e.Title != verb+": "+title || !strings.Contains(e.Description, "`"+id+"`") || !strings.Contains(e.Description, "searchable now") {
		t.Errorf("confirmation %q / %q, want %q with id %s, searchable now", e.Title, e.Description, verb+": "+title, id)
	}
}

func TestModerationAdd(t *testing.T) {
	t.Parallel()
	forTransports(t, func(t *testing.T, overHTTP bool) {
		m := startModeration(t, overHTTP)
		before := len(m.twin.Documents())

		t.Run("modal", func(t *testing.T) {
			md := m.modal(t, asMod(m.docCmd(testModUser, subAdd,
				discordtest.StringOption(optTitle, "Wheat corridor note"),
				discordtest.StringOption(optSource, "summitbot moderators"),
				discordtest.StringOption(optPublished, "2025-06-18"))))
			if md.CustomID != "add" {
				t.Errorf("modal custom id %q", md.CustomID)
			}
			for id, want := range map[string]string{inputTitle: "Wheat corridor note", inputSource: "summitbot moderators", inputPublished: "2025-06-18", inputBody: "", inputURL: ""} {
				if in, ok := md.Input(id); !ok || in.Value != want {
					t.Errorf("input %s = %+v, want value %q", id, in, want)
				}
			}
			r := m.private(t, asMod(discordtest.FillModal(m.id(), testModUser, md, map[string]string{
				inputBody: "The summit agreed a wheat corridor through the Khorgos dry port.\n\nShipments start in 2026.",
			})))
			wantSaved(t, r, "Saved", "Wheat corridor note", "wheat-corridor-note")
			if !m.askCites(t, "wheat corridor Khorgos", "Wheat corridor note") {
				t.Error("/ask does not answer from the new document")
			}
			d, _ := m.twin.Document("wheat-corridor-note")
			if d.Outlet != "summitbot moderators" || d.Published != "2025-06-18" || d.Kind != corpus.KindNote {
				t.Errorf("stored %+v", d)
			}
		})

		t.Run("attachments", func(t *testing.T) {
			tests := []struct {
				file, contentType, data string
				title, id, question     string
				absent                  []string // text that must not reach the body
				outlet                  string
			}{
				{
					file: "statement.html", contentType: "text/html; charset=utf-8",
					data: `<!doctype html><html><head><title>Page title</title><style>p { color: red }</style>
<script>alert("hidden")</script></head><body><h1>Joint statement</h1>
<p>The leaders backed a <b>Caspian ferry</b>
link across the sea.</p><div><p>Second paragraph &amp; more.</p></div><noscript>enable js</noscript></body></html>`,
					title: "Joint statement on ferries", id: "joint-statement-on-ferries", question: "Caspian ferry",
					absent: []string{"alert", "color", "Page title", "enable js", "<p>"},
				},
				{
					file: "notes.md", contentType: "text/markdown",
					data:  "---\ntitle: ignored\noutlet: Kazinform\npublished: 2025-06-19\n---\nThe ministers discussed *solar farms* in Turkmenistan.\n",
					title: "Solar farms note", id: "solar-farms-note", question: "solar farms Turkmenistan", absent: []string{"ignored"}, outlet: "Kazinform",
				},
				{
					file: "plain.txt", contentType: "text/plain",
					data:  "\ufeffA text file about the Aral Sea restoration fund.\r\n\r\nSecond line.",
					title: "Aral Sea fund", id: "aral-sea-fund", question: "Aral Sea restoration fund",
				},
			}
			for _, tt := range tests {
				t.Run(tt.file, func(t *testing.T) {
					att := m.fake.AddAttachment(tt.file, tt.contentType, []byte(tt.data))
					i := asMod(discordtest.WithAttachments(m.docCmd(testModUser, subAdd,
						discordtest.StringOption(optTitle, tt.title), discordtest.AttachmentOption(optFile, att.ID)), att))
					id := m.send(t, i)
					c, err := m.fake.WaitCallback(ctx(t), id)
					if err != nil {
						t.Fatal(err)
					}
					if c.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || !c.Data.Ephemeral() {
						t.Errorf("first response %d flags %d, want an ephemeral deferral before the download", c.Type, c.Data.Flags)
					}
					r, err := m.fake.WaitEdit(ctx(t), id)
					if err != nil {
						t.Fatal(err)
					}
					wantNoPings(t, r)
					wantSaved(t, r, "Saved", tt.title, tt.id)
					d, ok := m.twin.Document(tt.id)
					if !ok {
						t.Fatalf("no document %s", tt.id)
					}
					for _, a := range tt.absent {
						if strings.Contains(d.Body, a) || strings.Contains(d.Title, a) {
							t.Errorf("body has %q: %q", a, d.Body)
						}
					}
					if tt.outlet != "" && d.Outlet != tt.outlet {
						t.Errorf("outlet %q, want %q from the file's header", d.Outlet, tt.outlet)
					}
					if !m.askCites(t, tt.question, tt.title) {
						t.Errorf("/ask %q does not answer from %s", tt.question, tt.file)
					}
				})
			}
			d, _ := m.twin.Document("joint-statement-on-ferries")
			if want := "## Joint statement\n\nThe leaders backed a Caspian ferry link across the sea.\n\nSecond paragraph & more."; d.Body != want {
				t.Errorf("HTML body %q, want %q", d.Body, want)
			}
			if n := len(m.fake.Downloads()); n != len(tests) {
				t.Errorf("%d downloads, want %d", n, len(tests))
			}
		})

		t.Run("message command", func(t *testing.T) {
			target := &discordgo.Message{
				ID: "m-forum", ChannelID: "c-news", Timestamp: time.Date(2025, 6, 19, 8, 30, 0, 0, time.UTC),
				Content: "Kazakhstan will host a logistics forum in Aktau in September, <@123> says.\nMore details later.",
				Author:  &discordgo.User{ID: "u-reporter", Username: "reporter"},
			}
			r := m.reply(t, asMod(discordtest.MessageCommand(m.id(), testModUser, cmdNote, target)), discordgo.InteractionResponseChannelMessageWithSource)
			if !r.Ephemeral() {
				t.Error("confirmation is not ephemeral")
			}
			title := "Kazakhstan will host a logistics forum in Aktau in September, <@123> says."
			id := "kazakhstan-will-host-a-logistics-forum-in-aktau-in-september-123-says"
			d, ok := m.twin.Document(id)
			if !ok {
				t.Fatalf("no note %s; reply %+v", id, r)
			}
			if len(r.Embeds) != 1 || !strings.Contains(r.Embeds[0].Description, "`"+id+"`") || !strings.Contains(r.Embeds[0].Description, "searchable now") {
				t.Errorf("confirmation %+v", r.Embeds)
			}
			link := "https://discord.com/channels/" + m.fake.GuildID() + "/c-news/m-forum"
			if d.Title != title || d.Outlet != "Discord: #c-news message by reporter" || d.Author != "reporter" || d.URL != link || d.Published != "2025-06-19" {
				t.Errorf("note %+v", d)
			}
			if len(d.Sources) != 1 || !strings.Contains(d.Sources[0], link) || !strings.Contains(d.Sources[0], "u-reporter") {
				t.Errorf("note sources %q", d.Sources)
			}
			if !m.askCites(t, "logistics forum Aktau", "Kazakhstan will host") {
				t.Error("/ask does not answer from the note")
			}
		})

		if got, want := len(m.twin.Documents()), before+5; got != want {
			t.Errorf("%d documents after the adds, want %d", got, want)
		}
		if !m.logged("msg=moderation", "user="+testModUser, "action=add", "document=wheat-corridor-note", "via=modal", "outcome=done") {
			t.Error("the add is not logged")
		}
		if strings.Contains(m.logs.String(), "Khorgos") || strings.Contains(m.logs.String(), "Caspian") {
			t.Error("a document's text is in the logs")
		}
	})
}

func TestModerationRefused(t *testing.T) {
	t.Parallel()
	forTransports(t, func(t *testing.T, overHTTP bool) {
		m := startModeration(t, overHTTP)
		docs, changes := len(m.twin.Documents()), m.twin.changed()
		user := "u-member"
		att := m.fake.AddAttachment("sneaky.txt", "text/plain", []byte("Text a member wants the bot to say."))
		target := &discordgo.Message{ID: "m-x", ChannelID: "c-x", Content: "A message a member wants saved.", Author: &discordgo.User{ID: "u-x", Username: "x"}}
		member := func(i *discordgo.Interaction) *discordgo.Interaction {
			return discordtest.WithRoles(discordtest.WithPermissions(i, discordgo.PermissionSendMessages|discordgo.PermissionManageMessages), "888")
		}
		tests := []struct {
			name string
			i    *discordgo.Interaction
		}{
			{"add", member(m.docCmd(user, subAdd, discordtest.StringOption(optTitle, "Member note")))},
			{"add file", member(discordtest.WithAttachments(m.docCmd(user, subAdd, discordtest.StringOption(optTitle, "Member file"), discordtest.AttachmentOption(optFile, att.ID)), att))},
			{"update", member(m.docCmd(user, subUpdate, discordtest.StringOption(optDocument, docRailway.ID)))},
			{"remove", member(m.docCmd(user, subRemove, discordtest.StringOption(optDocument, docRailway.ID)))},
			{"list", member(m.docCmd(user, subList))},
			{"message command", member(discordtest.MessageCommand(m.id(), user, cmdNote, target))},
			{"add modal submit", member(discordtest.ModalSubmit(m.id(), user, "add", map[string]string{inputTitle: "Forged", inputBody: "Forged text about the summit."}))},
			{"update modal submit", member(discordtest.ModalSubmit(m.id(), user, "upd:"+docRailway.ID, map[string]string{inputTitle: "Forged", inputBody: "Forged text."}))},
			{"remove button", member(discordtest.ButtonClick(m.id(), user, "rm:"+docRailway.ID, nil))},
			{"list button", member(discordtest.ButtonClick(m.id(), user, "docs:1:n", nil))},
			{"in a DM", discordtest.DM(asMod(m.docCmd(user, subList)))},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := m.private(t, tt.i)
				if unescapeMarkdown(r.Content) != msgNotModerator {
					t.Errorf("reply %+v, want the refusal", r)
				}
			})
		}
		t.Run("autocomplete", func(t *testing.T) {
			c := m.reply(t, discordtest.Autocomplete(m.id(), user, cmdDoc, discordtest.SubCommand(subRemove, discordtest.Focused(discordtest.StringOption(optDocument, "rail")))),
				discordgo.InteractionApplicationCommandAutocompleteResult)
			if len(c.Choices) != 0 {
				t.Errorf("a member got %d document choices", len(c.Choices))
			}
			c = m.reply(t, asMod(discordtest.Autocomplete(m.id(), testModUser, cmdDoc, discordtest.SubCommand(subRemove, discordtest.Focused(discordtest.StringOption(optDocument, "rail"))))),
				discordgo.InteractionApplicationCommandAutocompleteResult)
			if len(c.Choices) != 1 || c.Choices[0].Value != docRailway.ID {
				t.Errorf("a moderator got choices %+v", c.Choices)
			}
		})
		t.Run("moderator role", func(t *testing.T) {
			r := m.private(t, discordtest.WithRoles(m.docCmd("u-role", subList), testModRole))
			if len(r.Embeds) != 1 || r.Embeds[0].Title != "summitbot's documents" {
				t.Errorf("a member with the moderator role got %+v", r)
			}
			r = m.private(t, discordtest.WithPermissions(m.docCmd("u-admin", subList), discordgo.PermissionAdministrator))
			if len(r.Embeds) != 1 {
				t.Errorf("an administrator got %+v", r)
			}
		})
		if got := len(m.twin.Documents()); got != docs || m.twin.changed() != changes {
			t.Errorf("documents %d → %d, changes %d → %d: a refused member changed something", docs, got, changes, m.twin.changed())
		}
		if n := len(m.fake.Downloads()); n != 0 {
			t.Errorf("%d downloads for a member's attachment", n)
		}
		if !m.logged("msg=moderation", "user="+user, "action=refused") {
			t.Error("refusals are not logged")
		}
	})
}

func TestModerationUpdateRemove(t *testing.T) {
	t.Parallel()
	forTransports(t, func(t *testing.T, overHTTP bool) {
		m := startModeration(t, overHTTP)

		// A document to change, added by modal.
		md := m.modal(t, asMod(m.docCmd(testModUser, subAdd, discordtest.StringOption(optTitle, "Pipeline note"))))
		wantSaved(t, m.private(t, asMod(discordtest.FillModal(m.id(), testModUser, md, map[string]string{
			inputBody: "Line D of the gas pipeline was discussed.", inputURL: "https://example.org/line-d",
		}))), "Saved", "Pipeline note", "pipeline-note")

		t.Run("update", func(t *testing.T) {
			md := m.modal(t, asMod(m.docCmd(testModUser, subUpdate, discordtest.StringOption(optDocument, "pipeline-note"))))
			if md.CustomID != "upd:pipeline-note" {
				t.Errorf("modal custom id %q", md.CustomID)
			}
			for id, want := range map[string]string{inputTitle: "Pipeline note", inputBody: "Line D of the gas pipeline was discussed.", inputURL: "https://example.org/line-d"} {
				if in, ok := md.Input(id); !ok || in.Value != want {
					t.Errorf("input %s = %+v, want it prefilled with %q", id, in, want)
				}
			}
			r := m.private(t, asMod(discordtest.FillModal(m.id(), testModUser, md, map[string]string{
				inputTitle: "Pipeline Line D note", inputBody: "Line D of the gas pipeline will carry turquoise gas.",
			})))
			wantSaved(t, r, "Updated", "Pipeline Line D note", "pipeline-note")
			d, _ := m.twin.Document("pipeline-note")
			if d.Title != "Pipeline Line D note" || d.URL != "https://example.org/line-d" || !strings.Contains(d.Body, "turquoise") {
				t.Errorf("updated %+v", d)
			}
			if !m.askCites(t, "turquoise gas", "Pipeline Line D note") {
				t.Error("/ask does not answer from the updated text")
			}
		})

		t.Run("update too long for a modal", func(t *testing.T) {
			before := m.twin.changed()
			r := m.private(t, asMod(m.docCmd(testModUser, subUpdate, discordtest.StringOption(optDocument, docFlood.ID))))
			if text := unescapeMarkdown(r.Content); !strings.Contains(text, "summitbot docs update "+docFlood.ID) || !strings.Contains(text, "as a file to /doc update") || !strings.Contains(text, "4000") {
				t.Errorf("reply %q, want the limit and the terminal command", r.Content)
			}
			if m.twin.changed() != before {
				t.Error("something changed")
			}
		})

		t.Run("remove", func(t *testing.T) {
			prompt := m.private(t, asMod(m.docCmd(testModUser, subRemove, discordtest.StringOption(optDocument, "pipeline-note"))))
			if !strings.Contains(prompt.Content, "Pipeline Line D note") || !strings.Contains(prompt.Content, "`pipeline-note`") {
				t.Errorf("prompt %q", prompt.Content)
			}
			on := prompt.Discord("msg-prompt", "400")
			keep, ok := prompt.Button("keep:pipeline-note")
			if !ok {
				t.Fatalf("no Keep button in %+v", prompt.Buttons())
			}
			r := m.reply(t, asMod(discordtest.ButtonClick(m.id(), testModUser, keep.CustomID, on)), discordgo.InteractionResponseUpdateMessage)
			if !strings.Contains(r.Content, "nothing was changed") || len(r.Components) != 0 {
				t.Errorf("keep: %+v", r)
			}
			if _, ok := m.twin.Document("pipeline-note"); !ok {
				t.Fatal("Keep removed the document")
			}
			rm, ok := prompt.Button("rm:pipeline-note")
			if !ok {
				t.Fatalf("no Remove button in %+v", prompt.Buttons())
			}
			r = m.reply(t, asMod(discordtest.ButtonClick(m.id(), testModUser, rm.CustomID, on)), discordgo.InteractionResponseUpdateMessage)
			if !strings.Contains(r.Content, "Removed **Pipeline Line D note** (`pipeline-note`)") || len(r.Components) != 0 {
				t.Errorf("removed: %+v", r)
			}
			if _, ok := m.twin.Document("pipeline-note"); ok {
				t.Error("the document is still there")
			}
			if m.askCites(t, "turquoise gas", "Pipeline Line D note") {
				t.Error("/ask still answers from the removed document")
			}
			// Twice: it is gone.
			r = m.private(t, asMod(discordtest.ButtonClick(m.id(), testModUser, rm.CustomID, on)))
			if !strings.Contains(unescapeMarkdown(r.Content), "Not removed: No such document") {
				t.Errorf("second removal: %q", r.Content)
			}
		})

		t.Run("built-in", func(t *testing.T) {
			before := m.twin.changed()
			r := m.private(t, asMod(m.docCmd(testModUser, subRemove, discordtest.StringOption(optDocument, docArticle.ID))))
			if !strings.Contains(unescapeMarkdown(r.Content), "Not removed: Documents of the built-in corpus cannot be removed") || len(r.Components) != 0 {
				t.Errorf("built-in removal: %+v", r)
			}
			if m.twin.changed() != before {
				t.Error("something changed")
			}
			// An override of a built-in document can be removed: the original answers again.
			md := m.modal(t, asMod(m.docCmd(testModUser, subUpdate, discordtest.StringOption(optDocument, docArticle.ID))))
			wantSaved(t, m.private(t, asMod(discordtest.FillModal(m.id(), testModUser, md, map[string]string{
				inputBody: "A corrected article about the summit and its zeppelin parade.",
			}))), "Updated", docArticle.Title, docArticle.ID)
			prompt := m.private(t, asMod(m.docCmd(testModUser, subRemove, discordtest.StringOption(optDocument, docArticle.ID))))
			rm, ok := prompt.Button("rm:" + docArticle.ID)
			if !ok || !strings.Contains(prompt.Content, "Remove the changes?") {
				t.Fatalf("override prompt %+v", prompt)
			}
			r = m.reply(t, asMod(discordtest.ButtonClick(m.id(), testModUser, rm.CustomID, prompt.Discord("msg-override", "400"))), discordgo.InteractionResponseUpdateMessage)
			if !strings.Contains(r.Content, "original text again") {
				t.Errorf("override removed: %q", r.Content)
			}
			if d, _ := m.twin.Document(docArticle.ID); d.Body != docArticle.Body {
				t.Error("the built-in text is not back")
			}
		})

		t.Run("list", func(t *testing.T) {
			first := m.private(t, asMod(m.docCmd(testModUser, subList)))
			n := len(m.twin.Documents())
			pages := (n + listPageSize - 1) / listPageSize
			if len(first.Embeds) != 1 || first.Embeds[0].Footer.Text != fmt.Sprintf("Page 1 of %d · %d documents · /doc update and /doc remove change them", pages, n) {
				t.Fatalf("list: %+v", first.Embeds)
			}
			if !strings.Contains(first.Embeds[0].Description, "`"+docArticle.ID+"`") || !strings.Contains(first.Embeds[0].Description, "built-in · AFP · 2025-06-17") {
				t.Errorf("page 1: %q", first.Embeds[0].Description)
			}
			next, ok := first.Button("docs:1:n")
			if !ok {
				t.Fatalf("no Next button in %+v", first.Buttons())
			}
			second := m.reply(t, asMod(discordtest.ButtonClick(m.id(), testModUser, next.CustomID, first.Discord("msg-list", "400"))), discordgo.InteractionResponseUpdateMessage)
			if len(second.Embeds) != 1 || !strings.HasPrefix(second.Embeds[0].Footer.Text, "Page 2 of") {
				t.Errorf("page 2: %+v", second.Embeds)
			}
		})

		for _, action := range []string{"action=update document=pipeline-note", "action=remove document=pipeline-note"} {
			if !m.logged("msg=moderation", "user="+testModUser, action, "outcome=done") {
				t.Errorf("%s is not logged", action)
			}
		}
	})
}

func TestModerationValidation(t *testing.T) {
	t.Parallel()
	forTransports(t, func(t *testing.T, overHTTP bool) {
		m := startModeration(t, overHTTP)
		long := strings.Repeat("long ", 41) // 205 characters
		upload := func(name, contentType, data string, lie int) func() *discordgo.Interaction {
			return func() *discordgo.Interaction {
				att := m.fake.AddAttachment(name, contentType, []byte(data))
				if lie > 0 {
					att.Size = lie
				}
				return asMod(discordtest.WithAttachments(m.docCmd(testModUser, subAdd,
					discordtest.StringOption(optTitle, "A file "+name), discordtest.AttachmentOption(optFile, att.ID)), att))
			}
		}
		submit := func(values map[string]string) func() *discordgo.Interaction {
			return func() *discordgo.Interaction {
				return asMod(discordtest.ModalSubmit(m.id(), testModUser, "add", values))
			}
		}
		tests := []struct {
			name     string
			i        func() *discordgo.Interaction
			want     []string
			download bool
		}{
			{"empty body", submit(map[string]string{inputTitle: "Empty", inputBody: "  \n\n "}),
				[]string{"Not saved: Document body is empty."}, false},
			{"empty message", func() *discordgo.Interaction {
				return asMod(discordtest.MessageCommand(m.id(), testModUser, cmdNote, &discordgo.Message{ID: "m-empty", ChannelID: "c", Author: &discordgo.User{ID: "a"}}))
			}, []string{"Not saved: Document body is empty."}, false},
			{"body over the limit, by modal", submit(map[string]string{inputTitle: "Big", inputBody: strings.Repeat("word ", 700)}),
				[]string{"Not saved: Document body is too large", "at most 3000"}, false},
			{"file over the limit, by its size", upload("big.txt", "text/plain", strings.Repeat("x", testMaxBody+1), 0),
				[]string{"Not saved: \"big.txt\" is 3 KB; a document can be at most 3 KB"}, false},
			{"file over the limit, despite its size", upload("liar.txt", "text/plain", strings.Repeat("y ", testMaxBody), 10),
				[]string{"Not saved: \"liar.txt\" is larger than a document may be"}, true},
			{"invalid UTF-8", upload("latin1.txt", "text/plain", "Caf\xe9 in Astana", 0),
				[]string{"Not saved: Document is not valid UTF-8.", "UTF-8"}, true},
			{"title over 200 characters", func() *discordgo.Interaction {
				return asMod(m.docCmd(testModUser, subAdd, discordtest.StringOption(optTitle, long)))
			}, []string{"Not saved: Document title is missing or too long (one line, 1 to 200 characters; this one has 204)."}, false},
			{"title over 200 characters, by modal", submit(map[string]string{inputTitle: long, inputBody: "Some text."}),
				[]string{"Not saved: Document title is missing or too long"}, false},
			{"duplicate", submit(map[string]string{inputTitle: "Copy", inputBody: "  " + strings.ToUpper(docRailway.Body)}),
				[]string{"Not saved: A document with the same text already exists: \"Note: the China–Kyrgyzstan–Uzbekistan railway\" (note-railway).", "/source document:note-railway"}, false},
			{"unsupported file type", upload("photo.png", "image/png", "\x89PNG", 0),
				[]string{"Not saved: I can read .txt, .md and .html files, and \"photo.png\" is not one."}, false},
			{"unparsable date", func() *discordgo.Interaction {
				return asMod(m.docCmd(testModUser, subAdd, discordtest.StringOption(optTitle, "Dated"), discordtest.StringOption(optPublished, "17 June 2025")))
			}, []string{"Not saved: Published date is not YYYY-MM-DD: \"17 June 2025\"."}, false},
			{"unparsable date, by modal", submit(map[string]string{inputTitle: "Dated", inputBody: "Text.", inputPublished: "2025-13-45"}),
				[]string{"Not saved: Published date is not YYYY-MM-DD"}, false},
			{"unknown form", func() *discordgo.Interaction {
				return asMod(discordtest.ModalSubmit(m.id(), testModUser, "v0-form", map[string]string{inputBody: "x"}))
			}, []string{"older version"}, false},
			{"update of a missing document", func() *discordgo.Interaction {
				return asMod(discordtest.ModalSubmit(m.id(), testModUser, "upd:no-such-doc", map[string]string{inputTitle: "T", inputBody: "Text."}))
			}, []string{"Not updated: No such document: no-such-doc."}, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				docs, changes, downloads := len(m.twin.Documents()), m.twin.changed(), len(m.fake.Downloads())
				r := m.private(t, tt.i())
				for _, w := range tt.want {
					if !strings.Contains(unescapeMarkdown(r.Content), w) {
						t.Errorf("reply %q lacks %q", r.Content, w)
					}
				}
				if len(r.Embeds) != 0 {
					t.Errorf("reply has embeds: %+v", r.Embeds)
				}
				if len(m.twin.Documents()) != docs || m.twin.changed() != changes {
					t.Error("something changed")
				}
				if got := len(m.fake.Downloads()) - downloads; got != map[bool]int{true: 1}[tt.download] {
					t.Errorf("%d downloads, want download=%v", got, tt.download)
				}
			})
		}
	})
}
