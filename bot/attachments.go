package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/summitbot/summitbot/corpus"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"gopkg.in/yaml.v3"
)

// File kinds a moderator may attach to /doc add, by extension.
const (
	fileText     = "text"
	fileMarkdown = "markdown"
	fileHTML     = "html"
)

var fileKinds = map[string]string{
	".txt": fileText, ".text": fileText,
	".md": fileMarkdown, ".markdown": fileMarkdown,
	".html": fileHTML, ".htm": fileHTML,
}

// discordCDNHosts serve attachments on Discord.
var discordCDNHosts = []string{"cdn.discordapp.com", "media.discordapp.net"}

// fileKind returns the kind of an attachment from its file name, or a
// userError for a type the bot does not read.
func fileKind(a *discordgo.MessageAttachment) (string, error) {
	ext := strings.ToLower(path.Ext(a.Filename))
	if k, ok := fileKinds[ext]; ok {
		return k, nil
	}
	return "", userErrorf("Not saved: I can read .txt, .md and .html files, and %q is not one. Nothing was changed.", plainText(a.Filename, 100))
}

// downloader fetches attachments: only from the URL Discord gave, on
// Discord's CDN (or the configured API's host, for a proxy or a test
// server), with a timeout and a byte limit.
type downloader struct {
	client  *http.Client
	apiHost string // host of Config.APIURL, or ""
	max     int    // bytes
}

// newDownloader makes the downloader for cfg (defaults applied).
func newDownloader(cfg Config) *downloader {
	d := &downloader{max: cfg.MaxBodyBytes}
	if u, err := url.Parse(cfg.APIURL); err == nil && cfg.APIURL != "" {
		d.apiHost = u.Host
	}
	d.client = &http.Client{
		Timeout: cfg.DownloadTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 3 || !d.allowed(req.URL) {
				return fmt.Errorf("redirect to %s refused", req.URL.Redacted())
			}
			return nil
		},
	}
	if cfg.HTTPClient != nil {
		d.client.Transport = cfg.HTTPClient.Transport
	}
	return d
}

// allowed reports whether u is an attachment URL the bot may fetch.
func (d *downloader) allowed(u *url.URL) bool {
	if d.apiHost != "" && u.Host == d.apiHost && (u.Scheme == "http" || u.Scheme == "https") {
		return true
	}
	for _, h := range discordCDNHosts {
		if u.Scheme == "https" && u.Host == h {
			return true
		}
	}
	return false
}

// checkSize refuses an attachment whose declared size is over the limit,
// before any download.
func (d *downloader) checkSize(a *discordgo.MessageAttachment) error {
	if a.Size > d.max {
		return userErrorf("Not saved: %q is %s; a document can be at most %s. Nothing was changed.",
			plainText(a.Filename, 100), byteSize(a.Size), byteSize(d.max))
	}
	return nil
}

// errTooBig is returned by fetch when the body exceeds the limit.
var errTooBig = errors.New("attachment larger than the limit")

// fetch downloads rawURL, reading at most d.max bytes.
func (d *downloader) fetch(ctx context.Context, rawURL string) ([]byte, error) {
	u, err := url.Parse(rawURL)
	if err != nil || !d.allowed(u) {
		return nil, fmt.Errorf("attachment URL %q is not on Discord's CDN", rawURL)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("attachment request: %w", err)
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download attachment: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download attachment: HTTP status %s", resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, int64(d.max)+1))
	if err != nil {
		return nil, fmt.Errorf("download attachment: %w", err)
	}
	if len(data) > d.max {
		return nil, fmt.Errorf("%w: more than %d bytes", errTooBig, d.max)
	}
	return data, nil
}

// fileDocument turns a downloaded file into a document's body: text and
// Markdown as they are (a corpus-format header, when there is one, gives
// the metadata the command did not), HTML reduced to its
// text. It fails with a userError for text that is not UTF-8.
func fileDocument(kind string, data []byte) (corpus.Document, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		return corpus.Document{}, userErrorf("Not saved: %s Save the file as UTF-8 and try again. Nothing was changed.", sentence(corpus.ErrInvalidUTF8.Error()))
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	switch kind {
	case fileHTML:
		return corpus.Document{Body: htmlText(text)}, nil
	case fileMarkdown, fileText:
		if d, ok := frontMatter(text); ok {
			return d, nil
		}
	}
	return corpus.Document{Body: text}, nil
}

// frontMatter reads a YAML header between two "---" lines at the start of
// text, as in the corpus format (but leniently: any field may be missing),
// and returns its fields with the rest of text as the body.
func frontMatter(text string) (corpus.Document, bool) {
	rest, ok := strings.CutPrefix(text, "---\n")
	if !ok {
		return corpus.Document{}, false
	}
	header, body, ok := strings.Cut(rest, "\n---\n")
	if !ok {
		return corpus.Document{}, false
	}
	var d corpus.Document
	if err := yaml.Unmarshal([]byte(header), &d); err != nil {
		return corpus.Document{}, false
	}
	d.Body = body
	return d, true
}

// skipped are HTML elements whose content is not text to read.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Iframe: true, atom.Object: true, atom.Canvas: true,
}

// blocks are HTML elements that start and end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Nav: true, atom.Blockquote: true,
	atom.Pre: true, atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Table: true, atom.Tr: true, atom.Figure: true, atom.Figcaption: true,
	atom.Address: true, atom.Hr: true, atom.Form: true, atom.Fieldset: true, atom.Details: true,
	atom.Summary: true, atom.Body: true, atom.Html: true,
}

// headings become section headings ("## text") of the corpus format.
var headings = map[atom.Atom]bool{
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// htmlText reduces an HTML document to its text: scripts, styles and the
// head dropped, each block (paragraph, list item, table row...) a paragraph
// separated by a blank line, headings as "## " section headings, white
// space collapsed. The HTML parser never fails: it repairs what it reads.
func htmlText(src string) string {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil { // only on reader errors, impossible for a string
		return ""
	}
	var (
		paras []string
		cur   strings.Builder
	)
	flush := func(prefix string) {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			paras = append(paras, prefix+t)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch {
			case skipped[n.DataAtom]:
				return
			case n.DataAtom == atom.Br:
				cur.WriteByte(' ')
				return
			case headings[n.DataAtom] || blocks[n.DataAtom]:
				// A block of its own; a heading's text becomes a section.
				prefix := ""
				if headings[n.DataAtom] {
					prefix = "## "
				}
				flush("")
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
				flush(prefix)
				return
			case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
				cur.WriteByte(' ')
			}
		case html.CommentNode, html.DoctypeNode:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	flush("")
	return strings.Join(paras, "\n\n")
}

// byteSize renders a size in bytes for people: 900 bytes, 12 KB, 1.5 MB.
func byteSize(n int) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.0f KB", float64(n)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
