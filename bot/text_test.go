package bot

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/summitbot/summitbot/index/answer"
)

func TestRenderText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		bold []answer.Span
		max  int
		want string
	}{
		{"plain", "Xi met five leaders", nil, 100, "Xi met five leaders"},
		{"collapse spaces", "  Xi \n met\tfive  ", nil, 100, "Xi met five"},
		{"bold", "Xi met five leaders", []answer.Span{{Start: 3, End: 6}, {Start: 12, End: 19}}, 100, "Xi **met** five **leaders**"},
		{"bold inside word", "Astana's summit", []answer.Span{{Start: 0, End: 6}}, 100, "**Astana**'s summit"},
		{"escape", `a*b_c~d` + "`" + `e|f[g](h)<i\j`, nil, 100, `a\*b\_c\~d` + "\\`" + `e\|f\[g\]\(h\)\<i\\j`},
		{"mentions", "hi <@123> and @everyone or @here", nil, 100, `hi \<@123> and @` + zwsp + `everyone or @` + zwsp + `here`},
		{"line start", "> quote", nil, 100, `\> quote`},
		{"heading", "# big", nil, 100, `\# big`},
		{"list", "1. item", nil, 100, `1\. item`},
		{"not list", "In 1991. Then", nil, 100, "In 1991. Then"},
		{"dash mid text", "Kassym-Jomart - Tokayev", nil, 100, "Kassym-Jomart - Tokayev"},
		{"cut at word", "one two three four", nil, 10, "one two…"},
		{"exact fit", "one two", nil, 7, "one two"},
		{"cut long word", "abcdefghijklmnop", nil, 5, "abcd…"},
		{"cut escaped word", "****************", nil, 6, `\*\*…`},
		{"zero", "text", nil, 0, ""},
		{"bad spans ignored", "abc def", []answer.Span{{Start: 5, End: 3}, {Start: 0, End: 99}, {Start: 4, End: 7}}, 100, "abc **def**"},
		{"overlapping spans", "abc def", []answer.Span{{Start: 0, End: 5}, {Start: 4, End: 7}}, 100, "**abc** **d**ef"},
		{"span mid rune", "é é", []answer.Span{{Start: 1, End: 2}}, 100, "é é"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderText(tt.text, tt.bold, tt.max)
			if got != tt.want {
				t.Errorf("renderText(%q, %v, %d)\n got %q\nwant %q", tt.text, tt.bold, tt.max, got, tt.want)
			}
			if n := textLen(got); n > tt.max {
				t.Errorf("length %d > max %d", n, tt.max)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	t.Parallel()
	text := strings.Repeat("filler ", 200) + "Astana hosted the summit. " + strings.Repeat("more ", 200)
	i := strings.Index(text, "Astana")
	got := excerpt(text, []answer.Span{{Start: i, End: i + len("Astana")}}, 100)
	if !strings.HasPrefix(got, ellipsis) || !strings.Contains(got, "**Astana**") || !strings.HasSuffix(got, ellipsis) {
		t.Errorf("excerpt = %q, want the match in bold between ellipses", got)
	}
	if n := textLen(got); n > 100 {
		t.Errorf("excerpt is %d characters, max 100", n)
	}
	if got := excerpt("short text", nil, 100); got != "short text" {
		t.Errorf("excerpt of short text = %q", got)
	}
}

func TestEscapeRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []string{
		"Where was the summit held?",
		`a*b_c~d` + "`" + `e|f[g](h)<i\j>k`,
		"> not a quote",
		"# not a heading",
		"- not a list",
		"12. not a list",
		"@everyone and @here and <@123> and <@&4> and <#5>",
		`trailing backslash \`,
		"éèà – “quotes” ‘single’ 🙂",
	}
	for _, s := range tests {
		if got := unescapeMarkdown(escapeMarkdown(s)); got != s {
			t.Errorf("unescape(escape(%q)) = %q", s, got)
		}
		if got := unescapeMarkdown(renderText(s, nil, 1000)); got != s {
			t.Errorf("unescape(renderText(%q)) = %q", s, got)
		}
	}
}

// TestRenderTextRandom checks the length limit and span handling on random
// text made of the characters that need care.
func TestRenderTextRandom(t *testing.T) {
	t.Parallel()
	alphabet := []rune("ab é*_~`|[]()<>@#-.1 \n\\🙂everyonehere")
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 2000 {
		var b strings.Builder
		for range r.IntN(300) {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		text := b.String()
		var spans []answer.Span
		for pos := 0; pos < len(text); {
			s := pos + r.IntN(20)
			e := s + 1 + r.IntN(10)
			if e > len(text) {
				break
			}
			spans = append(spans, answer.Span{Start: s, End: e})
			pos = e
		}
		max := r.IntN(200)
		for name, got := range map[string]string{
			"renderText": renderText(text, spans, max),
			"excerpt":    excerpt(text, spans, max),
			"plainText":  plainText(text, max),
		} {
			if l := textLen(got); l > max {
				t.Fatalf("case %d: %s(%q, max %d) is %d characters: %q", n, name, text, max, l, got)
			}
			if strings.Contains(got, "@everyone") || strings.Contains(got, "@here") {
				t.Fatalf("case %d: %s left a mass mention: %q", n, name, got)
			}
		}
	}
}
