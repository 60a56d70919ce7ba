package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/corpus"
)

// maxNoteTitle is the length of a title made from a message's first line.
const maxNoteTitle = 100

// noteFromMessage makes the note a moderator saves from a Discord message
// ("Add to summit notes"): the title from its first line, the message's
// text as the body, and where it comes from as its source: the channel and
// author as the outlet and author, the message link as the URL, and the
// day it was posted.
func noteFromMessage(guildID string, m *discordgo.Message) corpus.Document {
	author, authorID := "unknown", ""
	if m.Author != nil {
		authorID = m.Author.ID
		author = m.Author.Username
		if m.Author.GlobalName != "" {
			author = m.Author.GlobalName
		}
	}
	link := messageLink(guildID, m.ChannelID, m.ID)
	d := corpus.Document{
		Title:  noteTitle(m.Content),
		Body:   m.Content,
		Outlet: "Discord: #" + m.ChannelID + " message by " + author,
		Author: author,
		URL:    link,
		Kind:   corpus.KindNote,
	}
	if !m.Timestamp.IsZero() {
		d.Published = m.Timestamp.UTC().Format(corpus.DateLayout)
	}
	src := "Discord message " + link + " by " + author
	if authorID != "" {
		src += " (user " + authorID + ")"
	}
	d.Sources = []string{src}
	return d
}

// messageLink is the link to a message on Discord.
func messageLink(guildID, channelID, messageID string) string {
	if guildID == "" {
		guildID = "@me"
	}
	return "https://discord.com/channels/" + guildID + "/" + channelID + "/" + messageID
}

// noteTitle is the first line of text with words in it, without Markdown
// heading or quote marks, cut at a word to maxNoteTitle characters.
func noteTitle(text string) string {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimLeft(strings.TrimSpace(line), "#> ")
		if strings.IndexFunc(line, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
			continue
		}
		words := strings.Fields(line)
		var b strings.Builder
		for i, w := range words {
			if utf8.RuneCountInString(b.String())+1+utf8.RuneCountInString(w) > maxNoteTitle-1 {
				if i == 0 {
					r := []rune(w)
					b.WriteString(string(r[:maxNoteTitle-1]))
				}
				b.WriteString(ellipsis)
				break
			}
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		return b.String()
	}
	return "Note from Discord"
}
