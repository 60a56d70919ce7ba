package bot

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestHTMLText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, html, want string
	}{
		{"paragraphs", "<p>One\n  two</p><p>Three</p>", "One two\n\nThree"},
		{"inline", "<p>a <b>bold</b>, <i>it</i><a href=x>link</a>.</p>", "a bold, itlink."},
		{"script and style", "<head><title>T</title><style>p{}</style></head><body><script>x()</script><p>Text</p><noscript>js</noscript></body>", "Text"},
		{"headings", "<h1>Title</h1><p>Para</p><h2>Sub <em>part</em></h2><p>More</p>", "## Title\n\nPara\n\n## Sub part\n\nMore"},
		{"lists", "<ul><li>one</li><li>two <b>2</b></li></ul>", "one\n\ntwo 2"},
		{"table", "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>", "a b\n\nc"},
		{"br", "<p>line<br>next</p>", "line next"},
		{"entities and a no-break space", "<p>&amp; &lt;b&gt; &#8212; &nbsp;x</p>", "& <b> — x"},
		{"bare text", "just text", "just text"},
		{"nested divs", "<div>a<div>b</div>c</div>", "a\n\nb\n\nc"},
		{"comments", "<p>a<!-- hidden -->b</p>", "ab"},
		{"broken", "<p>unclosed <b>bold<p>next", "unclosed bold\n\nnext"},
		{"empty", "<html><body></body></html>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlText(tt.html); got != tt.want {
				t.Errorf("htmlText(%q) = %q, want %q", tt.html, got, tt.want)
			}
		})
	}
}

func TestFileDocument(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, kind, data string
		body, outlet     string
		err              bool
	}{
		{"text", fileText, "\ufeffLine one\r\n\r\nLine two", "Line one\n\nLine two", "", false},
		{"markdown", fileMarkdown, "# Head\n\n*text*", "# Head\n\n*text*", "", false},
		{"front matter", fileMarkdown, "---\noutlet: Xinhua\nauthor: A\n---\nBody", "Body", "Xinhua", false},
		{"bad front matter", fileMarkdown, "---\n: [\n---\nBody", "---\n: [\n---\nBody", "", false},
		{"html", fileHTML, "<p>a</p><p>b</p>", "a\n\nb", "", false},
		{"invalid UTF-8", fileText, "caf\xe9", "", "", true},
		{"invalid UTF-8 html", fileHTML, "<p>caf\xe9</p>", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := fileDocument(tt.kind, []byte(tt.data))
			var ue *userError
			if tt.err {
				if !errors.As(err, &ue) || !strings.Contains(ue.msg, "not valid UTF-8") {
					t.Errorf("err = %v, want a userError about UTF-8", err)
				}
				return
			}
			if err != nil || d.Body != tt.body || d.Outlet != tt.outlet {
				t.Errorf("fileDocument = %q (outlet %q), %v; want %q (outlet %q)", d.Body, d.Outlet, err, tt.body, tt.outlet)
			}
		})
	}
}

func TestFileKind(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"a.txt": fileText, "A.TXT": fileText, "notes.md": fileMarkdown, "x.markdown": fileMarkdown,
		"page.html": fileHTML, "page.HTM": fileHTML, "photo.png": "", "archive.tar.gz": "", "noext": "", "txt": "",
	} {
		got, err := fileKind(&discordgo.MessageAttachment{Filename: name})
		if got != want || (err != nil) != (want == "") {
			t.Errorf("fileKind(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
}

func TestDownloader(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("z", 100)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			_, _ = w.Write([]byte("small file"))
		case "/big":
			_, _ = w.Write([]byte(big))
		case "/slow":
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		case "/away":
			http.Redirect(w, r, "https://example.org/file.txt", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	d := newDownloader(Config{APIURL: srv.URL + "/api/v9", MaxBodyBytes: 50, DownloadTimeout: waitLimit}.withDefaults())

	tests := []struct {
		path    string
		want    string
		wantErr string
	}{
		{"/ok", "small file", ""},
		{"/big", "", "larger than the limit"},
		{"/missing", "", "404"},
		{"/away", "", "redirect to https://example.org/file.txt refused"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := d.fetch(t.Context(), srv.URL+tt.path)
			if tt.wantErr == "" && (err != nil || string(got) != tt.want) || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("fetch %s = %q, %v; want %q, %q", tt.path, got, err, tt.want, tt.wantErr)
			}
		})
	}
	// The timeout (the slow handler waits for the request to end).
	quick := newDownloader(Config{APIURL: srv.URL + "/api/v9", DownloadTimeout: 50 * time.Millisecond}.withDefaults())
	if _, err := quick.fetch(t.Context(), srv.URL+"/slow"); err == nil || !strings.Contains(err.Error(), "Timeout") {
		t.Errorf("fetch /slow = %v, want a timeout", err)
	}
	for raw, want := range map[string]bool{
		"https://cdn.discordapp.com/attachments/1/2/a.txt?ex=1": true,
		"https://media.discordapp.net/attachments/1/2/a.txt":    true,
		"http://cdn.discordapp.com/attachments/1/2/a.txt":       false,
		"https://cdn.discordapp.com.evil.example/a.txt":         false,
		"https://evil.example/a.txt":                            false,
		"file:///etc/passwd":                                    false,
		srv.URL + "/ok":                                         true,
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.allowed(u); got != want {
			t.Errorf("allowed(%s) = %v, want %v", raw, got, want)
		}
	}
	if _, err := d.fetch(t.Context(), "https://evil.example/a.txt"); err == nil || !strings.Contains(err.Error(), "not on Discord's CDN") {
		t.Errorf("fetch from another host: %v", err)
	}
	// Without an API URL, only Discord's CDN.
	if newDownloader(Config{}.withDefaults()).allowed(&url.URL{Scheme: "http", Host: "127.0.0.1:1"}) {
		t.Error("a local URL is allowed without an API URL")
	}
	if err := d.checkSize(&discordgo.MessageAttachment{Filename: "f.txt", Size: 51}); err == nil {
		t.Error("a declared size over the limit passed")
	}
	if err := d.checkSize(&discordgo.MessageAttachment{Filename: "f.txt", Size: 50}); err != nil {
		t.Errorf("a declared size at the limit: %v", err)
	}
}
