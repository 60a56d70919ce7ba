package bot

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/catalog"
)

// How many passages each view shows.
const (
	answerPassages = 3  // passages under an answer
	morePassages   = 3  // passages added by each "More passages"
	maxPassages    = 24 // no "More passages" beyond this many
	pageSize       = 5  // /search results per page
	maxPages       = 10 // /search pages
)

// Embed colours.
const (
	colorAnswer   = 0x2b6cb0
	colorNotFound = 0x718096
	colorSource   = 0x2f855a
)

// Budgets, in characters, chosen so that every embed stays within
// maxEmbedTotal: the sum of the largest title, description, fields and
// footer each view can produce is below 6,000 (see render_test.go).
const (
	budgetAnswerText = 800  // the direct answer
	budgetReadAs     = 150  // how a follow-up was read, above it
	budgetFact       = 240  // one fact line under it
	maxFacts         = 4    // fact lines shown
	budgetHitTitle   = 110  // a passage's title in a field name
	budgetCiteOutlet = 60   // outlet in a citation line
	budgetSection    = 50   // section in a citation line
	maxLinkLen       = 200  // longer links are left out
	budgetSearchHit  = 300  // one /search result's excerpt
	budgetSearchCite = 120  // one /search result's title
	budgetNeighbour  = 800  // a neighbouring paragraph in /source
	budgetParagraph  = 2200 // the paragraph asked for in /source
	budgetDocPara    = 600  // one paragraph of a whole document in /source
	budgetDocText    = 3000 // all paragraphs of a whole document in /source
	budgetSources    = 600  // a document's sources field
	budgetFooter     = 300
	budgetDocList    = 1000 // the documents field of /about
)

// renderAnswer renders an answer to /ask or a mention: the direct answer and
// the facts behind it, the first answerPassages passages with the matched
// words in bold and numbered citations, and the buttons (More passages when
// a has more passages than shown, Show source, feedback). The bot's own
// words are in a.Lang (see catalog.Reply); the passages stay as written.
func renderAnswer(a answer.Answer) message {
	w := catalog.For(a.Lang)
	e := &discordgo.MessageEmbed{
		Title:  renderText(a.Question, nil, maxEmbedTitle),
		Footer: &discordgo.MessageEmbedFooter{Text: plainText(w.Text(catalog.FooterAnswer), budgetFooter)},
		Color:  colorAnswer,
	}
	if !a.Answered || len(a.Passages) == 0 {
		e.Color = colorNotFound
		e.Description = readAsLine(a, w) + renderText(w.Text(catalog.NotFound), nil, budgetAnswerText) + "\n\n" +
			renderText(w.Text(catalog.Scope), nil, budgetAnswerText) +
			"\n\n" + w.Text(catalog.TryOtherWords)
		return message{Embeds: []*discordgo.MessageEmbed{e}, Components: []discordgo.MessageComponent{feedbackRow(a, w)}}
	}
	e.Description = readAsLine(a, w) + answerDescription(a)
	shown := a.Passages[:min(len(a.Passages), answerPassages)]
	for i, h := range shown {
		e.Fields = append(e.Fields, hitField(i+1, h, w))
	}
	var buttons []discordgo.MessageComponent
	if len(a.Passages) > len(shown) {
		buttons = append(buttons, button(w.Text(catalog.ButtonMore), customID{Kind: idMore, N: len(shown)}, discordgo.PrimaryButton))
	}
	if id := (customID{Kind: idSource, Passage: passageID(shown[0])}).String(); id != "" {
		buttons = append(buttons, discordgo.Button{Label: plainText(w.Text(catalog.ButtonSource), maxButtonLabel), Style: discordgo.SecondaryButton, CustomID: id})
	}
	rows := []discordgo.MessageComponent{}
	if len(buttons) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: buttons})
	}
	rows = append(rows, feedbackRow(a, w))
	return message{Embeds: []*discordgo.MessageEmbed{e}, Components: rows}
}

// answerDescription is the direct answer followed by the facts behind it.
func answerDescription(a answer.Answer) string {
	var b strings.Builder
	cite := ""
	if n := a.Cite(); n > 0 {
		cite = " [" + strconv.Itoa(n) + "]"
	}
	b.WriteString(renderText(a.Text, nil, budgetAnswerText-textLen(cite)))
	b.WriteString(cite)
	n := 0
	for _, f := range a.Facts {
		if n == maxFacts || strings.TrimSpace(f.Text) == "" || f.Text == a.Text {
			continue
		}
		if n == 0 {
			b.WriteString("\n")
		}
		n++
		var tail string
		if f.Speaker != "" {
			tail = " — " + renderText(f.Speaker, nil, 40)
		}
		if f.Cite > 0 {
			tail += " [" + strconv.Itoa(f.Cite) + "]"
		}
		b.WriteString("\n› ")
		b.WriteString(renderText(f.Text, nil, budgetFact-2-textLen(tail)))
		b.WriteString(tail)
	}
	return b.String()
}

// renderMore renders "More passages": hits numbered from offset+1, and a
// More passages button for the next ones when hasMore; the bot's words in
// w's language.
func renderMore(question string, hits []answer.Hit, offset int, hasMore bool, w catalog.Words) message {
	e := &discordgo.MessageEmbed{
		Title:  renderText(question, nil, maxEmbedTitle),
		Color:  colorAnswer,
		Footer: &discordgo.MessageEmbedFooter{Text: plainText(w.Text(catalog.FooterAnswer), budgetFooter)},
	}
	if len(hits) == 0 {
		e.Description = renderText(w.Text(catalog.MoreNone), nil, budgetAnswerText)
		return message{Embeds: []*discordgo.MessageEmbed{e}}
	}
	e.Description = renderText(w.Format(catalog.MoreRange, offset+1, offset+len(hits)), nil, budgetAnswerText)
	for i, h := range hits {
		e.Fields = append(e.Fields, hitField(offset+i+1, h, w))
	}
	m := message{Embeds: []*discordgo.MessageEmbed{e}}
	if hasMore && offset+len(hits) < maxPassages {
		m.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			button(w.Text(catalog.ButtonMore), customID{Kind: idMore, N: offset + len(hits)}, discordgo.PrimaryButton),
		}}}
	}
	return m
}

// hitField renders passage number n as an embed field: its title, the
// excerpt around the matched words in bold, and its citation (its date
// written as w's language does).
func hitField(n int, h answer.Hit, w catalog.Words) *discordgo.MessageEmbedField {
	cite := citation(h.Source, h.Published, h.Paragraph, h.Section, h.URL, w)
	value := excerpt(h.Text, h.Matches, maxFieldValue-1-textLen(cite)) + "\n" + cite
	title := h.Title
	if strings.TrimSpace(title) == "" {
		title = h.DocID
	}
	return &discordgo.MessageEmbedField{
		Name:  "[" + strconv.Itoa(n) + "] " + renderText(title, nil, budgetHitTitle),
		Value: value,
	}
}

// citation renders "— *Outlet*, 17 June 2025, ¶3 (Section) · [link](url)"
// with whatever parts are known, the date as w's language writes it.
func citation(outlet, published string, paragraph int, section, link string, w catalog.Words) string {
	var parts []string
	if strings.TrimSpace(outlet) != "" {
		parts = append(parts, "*"+renderText(outlet, nil, budgetCiteOutlet)+"*")
	}
	if d := formatDate(published, w); d != "" {
		parts = append(parts, d)
	}
	if paragraph > 0 {
		p := "¶" + strconv.Itoa(paragraph)
		if strings.TrimSpace(section) != "" {
			p += " (" + renderText(section, nil, budgetSection) + ")"
		}
		parts = append(parts, p)
	}
	s := "— " + strings.Join(parts, ", ")
	if u := safeLink(link); u != "" {
		s += " · [link](" + u + ")"
	}
	return s
}

// formatDate turns YYYY-MM-DD into "17 June 2025" (as w's language writes
// a date); other text is kept, escaped, and "" stays "".
func formatDate(s string, w catalog.Words) string {
	if s == "" {
		return ""
	}
	t, err := time.Parse(corpus.DateLayout, s)
	if err != nil {
		return renderText(s, nil, 20)
	}
	return w.Date(t)
}

// safeLink returns u when it is an http(s) URL short enough to cite, with
// the characters that would end a markdown link encoded; else "".
func safeLink(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || p.Scheme != "http" && p.Scheme != "https" || p.Host == "" {
		return ""
	}
	s := strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(p.String())
	if len(s) > maxLinkLen {
		return ""
	}
	return s
}

// passageID is the id of a hit, built from its document and paragraph when
// the engine left ID empty.
func passageID(h answer.Hit) string {
	if h.ID != "" {
		return h.ID
	}
	return corpus.PassageID(h.DocID, h.Paragraph)
}

// renderSearch renders page (from 0) of /search results: a compact numbered
// list, with Previous and Next buttons; the bot's words in w's language.
func renderSearch(query string, hits []answer.Hit, page int, hasNext bool, w catalog.Words) message {
	e := &discordgo.MessageEmbed{
		Title: renderText(query, nil, maxEmbedTitle),
		Color: colorAnswer,
	}
	if len(hits) == 0 {
		e.Color = colorNotFound
		if page == 0 {
			e.Description = renderText(w.Text(catalog.SearchNone), nil, budgetAnswerText)
		} else {
			e.Description = renderText(w.Text(catalog.SearchNoMore), nil, budgetAnswerText)
		}
	}
	var b strings.Builder
	for i, h := range hits {
		if i > 0 {
			b.WriteString("\n\n")
		}
		n := page*pageSize + i + 1
		title := h.Title
		if strings.TrimSpace(title) == "" {
			title = h.DocID
		}
		fmt.Fprintf(&b, "**%d.** %s\n— *%s*", n, excerpt(h.Text, h.Matches, budgetSearchHit), renderText(title, nil, budgetSearchCite))
		if h.Paragraph > 0 {
			fmt.Fprintf(&b, ", ¶%d", h.Paragraph)
		}
	}
	if len(hits) > 0 {
		e.Description = b.String()
		first := page*pageSize + 1
		e.Footer = &discordgo.MessageEmbedFooter{Text: plainText(w.Format(catalog.SearchFooter, page+1, first, first+len(hits)-1), budgetFooter)}
	}
	prev := button(w.Text(catalog.ButtonPrevious), customID{Kind: idPage, N: max(page-1, 0)}, discordgo.SecondaryButton)
	prev.Disabled = page == 0
	next := button(w.Text(catalog.ButtonNext), customID{Kind: idPage, N: page + 1, Next: true}, discordgo.SecondaryButton)
	next.Disabled = !hasNext || page+1 >= maxPages
	return message{
		Embeds:     []*discordgo.MessageEmbed{e},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{prev, next}}},
	}
}

// renderParagraph renders paragraph n of d with its neighbours, the asked
// one marked; the footer's words in w's language.
func renderParagraph(d corpus.Document, n int, w catalog.Words) message {
	ps := d.Passages()
	e := docEmbed(d)
	var b strings.Builder
	for i := n - 1; i <= n+1; i++ {
		if i < 1 || i > len(ps) {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		p := ps[i-1]
		if i == n {
			fmt.Fprintf(&b, "**¶%d ◀**\n%s", i, renderText(p.Text, nil, budgetParagraph))
		} else {
			fmt.Fprintf(&b, "¶%d\n%s", i, renderText(p.Text, nil, budgetNeighbour))
		}
	}
	e.Description = b.String()
	foot := []string{}
	if d.Outlet != "" {
		foot = append(foot, d.Outlet)
	}
	if d.Published != "" {
		foot = append(foot, d.Published)
	}
	foot = append(foot, w.Format(catalog.ParagraphOf, n, len(ps)))
	if s := ps[n-1].Section; s != "" {
		foot = append(foot, s)
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: plainText(strings.Join(foot, " · "), budgetFooter)}
	return message{Embeds: []*discordgo.MessageEmbed{e}}
}

// renderDocument renders a whole document for /source: its metadata as
// fields and as much of its text as fits; the bot's words in w's language.
func renderDocument(d corpus.Document, w catalog.Words) message {
	ps := d.Passages()
	e := docEmbed(d)
	var b strings.Builder
	shown := 0
	for _, p := range ps {
		chunk := fmt.Sprintf("**¶%d** %s", p.N, renderText(p.Text, nil, budgetDocPara))
		if shown > 0 {
			chunk = "\n\n" + chunk
		}
		if textLen(b.String())+textLen(chunk) > budgetDocText {
			break
		}
		b.WriteString(chunk)
		shown++
	}
	if rest := len(ps) - shown; rest > 0 {
		b.WriteString("\n\n*" + w.Format(catalog.DocumentMore, rest) + "*")
	}
	e.Description = b.String()
	add := func(name catalog.Key, value string) {
		if strings.TrimSpace(value) != "" {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: plainText(w.Text(name), maxFieldName), Value: renderText(value, nil, 100), Inline: true})
		}
	}
	add(catalog.FieldOutlet, d.Outlet)
	add(catalog.FieldPublished, d.Published)
	add(catalog.FieldAuthor, d.Author)
	add(catalog.FieldKind, d.Kind)
	add(catalog.FieldParagraphs, strconv.Itoa(len(ps)))
	add(catalog.FieldID, d.ID)
	if len(d.Sources) > 0 {
		var sb strings.Builder
		for _, s := range d.Sources {
			line := "• " + renderText(s, nil, 200)
			if textLen(sb.String())+textLen(line)+1 > budgetSources {
				break
			}
			if sb.Len() > 0 {
				sb.WriteString("\n")
			}
			sb.WriteString(line)
		}
		if sb.Len() > 0 {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: plainText(w.Text(catalog.FieldSources), maxFieldName), Value: sb.String()})
		}
	}
	return message{Embeds: []*discordgo.MessageEmbed{e}}
}

// docEmbed starts a /source embed: the document's title, linked when its
// URL is safe.
func docEmbed(d corpus.Document) *discordgo.MessageEmbed {
	title := d.Title
	if strings.TrimSpace(title) == "" {
		title = d.ID
	}
	return &discordgo.MessageEmbed{
		Title: renderText(title, nil, maxEmbedTitle),
		URL:   safeLink(d.URL),
		Color: colorSource,
	}
}

// renderAbout renders /about: what the bot knows, the languages it
// understands and how to use it, in w's language.
func renderAbout(st index.Stats, docs []corpus.Document, w catalog.Words) message {
	e := &discordgo.MessageEmbed{
		Title:       plainText(w.Text(catalog.AboutTitle), maxEmbedTitle),
		Color:       colorAnswer,
		Description: w.Text(catalog.AboutText),
		Footer:      &discordgo.MessageEmbedFooter{Text: plainText(w.Text(catalog.AboutFooter), budgetFooter)},
	}
	updated := w.Text(catalog.Unknown)
	if !st.Updated.IsZero() {
		updated = fmt.Sprintf("<t:%d:D>", st.Updated.Unix())
	}
	e.Fields = []*discordgo.MessageEmbedField{
		{Name: w.Text(catalog.FieldDocuments), Value: strconv.Itoa(st.Documents), Inline: true},
		{Name: w.Text(catalog.FieldPassages), Value: strconv.Itoa(st.Passages), Inline: true},
		{Name: w.Text(catalog.FieldUpdated), Value: updated, Inline: true},
	}
	var b strings.Builder
	for i, d := range docs {
		line := "• " + renderText(d.Title, nil, 150)
		if d.Outlet != "" {
			line += " — " + renderText(d.Outlet, nil, 40)
		}
		if d.Published != "" {
			line += ", " + formatDate(d.Published, w)
		}
		more := "\n" + w.Format(catalog.AndMore, len(docs)-i)
		if textLen(b.String())+1+textLen(line)+textLen(more) > budgetDocList {
			b.WriteString(more)
			break
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(line)
	}
	if b.Len() > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: w.Text(catalog.FieldRead), Value: b.String()})
	}
	return message{Embeds: []*discordgo.MessageEmbed{e}}
}

// renderChoices returns the /source autocomplete choices for what the user
// typed: documents whose title starts with it first, then those whose title
// or id contains it; all documents when nothing is typed. At most
// maxChoices, each name 1 to 100 characters and value (the id) at most 100.
func renderChoices(docs []corpus.Document, typed string) []*discordgo.ApplicationCommandOptionChoice {
	q := strings.ToLower(strings.TrimSpace(typed))
	var first, second []corpus.Document
	for _, d := range docs {
		t := strings.ToLower(d.Title)
		switch {
		case d.ID == "" || len(d.ID) > maxChoiceValue || !utf8.ValidString(d.ID):
		case q == "" || strings.HasPrefix(t, q) || strings.HasPrefix(d.ID, q):
			first = append(first, d)
		case strings.Contains(t, q) || strings.Contains(d.ID, q):
			second = append(second, d)
		}
	}
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	for _, d := range append(first, second...) {
		if len(choices) == maxChoices {
			break
		}
		name := plainText(d.Title, maxChoiceName)
		if name == "" {
			name = plainText(d.ID, maxChoiceName)
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: d.ID})
	}
	return choices
}

// renderNotice renders a short text reply (errors, rate limits, thanks).
func renderNotice(text string) message {
	return message{Content: renderText(text, nil, maxContent)}
}

// button makes a button with the custom id c; the label is cut to fit.
func button(label string, c customID, style discordgo.ButtonStyle) discordgo.Button {
	return discordgo.Button{Label: plainText(label, maxButtonLabel), Style: style, CustomID: c.String()}
}

// feedbackRow is the row under an answer: Follow up (a question that
// builds on this one) and 👍/👎, labelled in w's language.
func feedbackRow(a answer.Answer, w catalog.Words) discordgo.ActionsRow {
	return discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		button(w.Text(catalog.ButtonFollowUp), customID{Kind: idFollowUp, Question: readQuestion(a)}, discordgo.SecondaryButton),
		discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👍"}, Style: discordgo.SecondaryButton, CustomID: customID{Kind: idFeedback, Vote: voteUp}.String()},
		discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👎"}, Style: discordgo.SecondaryButton, CustomID: customID{Kind: idFeedback, Vote: voteDown}.String()},
	}}
}

// subtext opens the small line above a follow-up's answer that says how
// it was read: then catalog.ReadAs in the answer's language.
const subtext = "-# "

// readAsLine is that line, or "" for a question read alone.
func readAsLine(a answer.Answer, w catalog.Words) string {
	if a.ReadAs == "" {
		return ""
	}
	return subtext + w.Text(catalog.ReadAs) + renderText(a.ReadAs, nil, budgetReadAs) + "\n"
}

// readQuestion is the question an answer answered, as read.
func readQuestion(a answer.Answer) string {
	if a.ReadAs != "" {
		return a.ReadAs
	}
	return a.Question
}

// questionOf reads back the question or query a message answered: how a
// follow-up was read (its Read as line), else the title of its first embed
// (see the package comment).
func questionOf(m *discordgo.Message) string {
	if m == nil || len(m.Embeds) == 0 {
		return ""
	}
	if line, ok := readAsOf(m.Embeds[0].Description); ok {
		return line
	}
	t := strings.TrimSuffix(m.Embeds[0].Title, ellipsis)
	return strings.TrimSpace(unescapeMarkdown(t))
}

// readAsOf returns the Read as line of a description (in any language the
// bot writes), unescaped.
func readAsOf(desc string) (string, bool) {
	line, _, _ := strings.Cut(desc, "\n")
	rest, ok := strings.CutPrefix(line, subtext)
	if !ok {
		return "", false
	}
	for _, lang := range catalog.Languages() {
		if q, ok := strings.CutPrefix(rest, catalog.For(lang).Text(catalog.ReadAs)); ok {
			return strings.TrimSpace(unescapeMarkdown(strings.TrimSuffix(q, ellipsis))), true
		}
	}
	return "", false
}

// answerTextOf reads back the direct answer of an answer message: the
// first line of its description after the Read as line, without its
// citation number.
func answerTextOf(m *discordgo.Message) string {
	if m == nil || len(m.Embeds) == 0 {
		return ""
	}
	desc := m.Embeds[0].Description
	if _, ok := readAsOf(desc); ok {
		_, desc, _ = strings.Cut(desc, "\n")
	}
	line, _, _ := strings.Cut(desc, "\n")
	line = citeSuffix.ReplaceAllString(line, "")
	return strings.TrimSpace(unescapeMarkdown(strings.TrimSuffix(line, ellipsis)))
}

// citeSuffix is the citation number ending a direct answer.
var citeSuffix = regexp.MustCompile(` \[\d+\]$`)

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
