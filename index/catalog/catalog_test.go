package catalog

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/summitbot/summitbot/index/reading"
)

// TestEveryKeyInEveryLanguage: each catalogue holds exactly the declared
// keys, each with a text, and no two keys share a name.
func TestEveryKeyInEveryLanguage(t *testing.T) {
	seen := map[Key]bool{}
	for _, k := range Keys() {
		if seen[k] {
			t.Errorf("key %q declared twice", k)
		}
		seen[k] = true
	}
	for _, lang := range Languages() {
		m := catalogues[lang]
		if m == nil {
			t.Fatalf("no catalogue for %q", lang)
		}
		for _, k := range Keys() {
			e, ok := m[k]
			if !ok {
				t.Errorf("%s: key %q missing", lang, k)
				continue
			}
			if strings.TrimSpace(e.text) == "" {
				t.Errorf("%s: key %q has no text", lang, k)
			}
		}
		for k := range m {
			if !seen[k] {
				t.Errorf("%s: key %q is not declared in keys", lang, k)
			}
		}
	}
	if len(catalogues) != len(Languages()) {
		t.Errorf("%d catalogues, %d languages", len(catalogues), len(Languages()))
	}
}

// verbs matches fmt verbs (%% aside).
var verbs = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)

// verbKinds lists the verbs of s as the kind of argument each takes.
func verbKinds(s string) []string {
	var out []string
	for _, v := range verbs.FindAllString(s, -1) {
		switch v[len(v)-1] {
		case '%':
		case 'd':
			out = append(out, "int")
		case 's', 'q', 'v':
			out = append(out, "string")
		default:
			out = append(out, v)
		}
	}
	return out
}

// TestSameArguments: every translation, in every plural form, takes the
// arguments English takes, in the same order.
func TestSameArguments(t *testing.T) {
	for _, k := range Keys() {
		want := verbKinds(english[k].text)
		for _, lang := range Languages() {
			e := catalogues[lang][k]
			for _, form := range []string{e.text, e.one, e.few, e.many} {
				if form == "" {
					continue
				}
				if got := verbKinds(form); !slices.Equal(got, want) {
					t.Errorf("%s %q: arguments %v, English takes %v: %q", lang, k, got, want, form)
				}
			}
		}
	}
}

// TestPluralForms: a language whose numerals inflect the noun (Russian:
// one, few, many) gives each counting entry every form it calls for, and
// Format picks them by the count.
func TestPluralForms(t *testing.T) {
	for _, lang := range Languages() {
		tag := language.Make(lang)
		needs := map[plural.Form]bool{}
		for n := range 1000 {
			needs[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)] = true
		}
		inflects := needs[plural.Few] || needs[plural.Many]
		for _, k := range Keys() {
			if !english[k].plural() {
				continue
			}
			e := catalogues[lang][k]
			if !inflects {
				continue
			}
			for f, field := range map[plural.Form]string{plural.One: e.one, plural.Few: e.few, plural.Many: e.many} {
				if needs[f] && field == "" {
					t.Errorf("%s %q: no form for plural category %v", lang, k, f)
				}
			}
		}
	}
	ru := For(reading.Russian)
	for n, want := range map[int]string{1: "1 секунду", 2: "2 секунды", 5: "5 секунд", 11: "11 секунд", 21: "21 секунду", 24: "24 секунды"} {
		if got := ru.Format(RateLimited, n); !strings.Contains(got, want) {
			t.Errorf("ru RateLimited(%d) = %q, want %q in it", n, got, want)
		}
	}
	en := For(reading.English)
	if got := en.Format(ParagraphRange, "Notes", 1, 1); !strings.Contains(got, "1 paragraph:") {
		t.Errorf("en ParagraphRange(1) = %q", got)
	}
	if got := en.Format(ParagraphRange, "Notes", 7, 7); !strings.Contains(got, "7 paragraphs:") {
		t.Errorf("en ParagraphRange(7) = %q", got)
	}
}

// TestFormatsCleanly: every entry of every language formats with
// arguments of the kinds it takes without a fmt error.
func TestFormatsCleanly(t *testing.T) {
	for _, lang := range Languages() {
		w := For(lang)
		for _, k := range Keys() {
			for _, n := range []int{0, 1, 2, 5, 21, 1000000} {
				var args []any
				for _, kind := range verbKinds(english[k].text) {
					if kind == "int" {
						args = append(args, n)
					} else {
						args = append(args, "x")
					}
				}
				if got := w.Format(k, args...); strings.Contains(got, "%!") {
					t.Errorf("%s %q: %q", lang, k, got)
				}
			}
		}
	}
}

// TestWrittenInTheLanguage: the words of each language are in its
// script (the languages detected as it), so that no entry was left in
// English by mistake. A short Kazakh word without Kazakh's own letters
// ("Авторы") reads as Russian, which is the script's default.
func TestWrittenInTheLanguage(t *testing.T) {
	for _, lang := range Languages() {
		for _, k := range Keys() {
			e := catalogues[lang][k]
			letters := stripCode(e.text)
			got := reading.DetectLanguage(letters, "fr")
			if got != lang && !(lang == reading.Kazakh && got == reading.Russian) {
				t.Errorf("%s %q reads as %s: %q", lang, k, got, e.text)
			}
		}
	}
}

// stripCode removes what stays the same in every language: Markdown
// code spans, command names, the bot's name and AFP.
func stripCode(s string) string {
	s = regexp.MustCompile("`[^`]*`|/[a-z]+|@?summitbot|AFP|\\*\\*").ReplaceAllString(s, " ")
	return s
}

func TestForAndReply(t *testing.T) {
	if got := For("fr").Lang(); got != reading.English {
		t.Errorf("For(fr) is %s, want English", got)
	}
	if For(reading.Kazakh).Text(NotFound) == For(reading.English).Text(NotFound) {
		t.Error("Kazakh refusal is the English one")
	}
	tests := []struct {
		lang, question, hint, want string
	}{
		{reading.Russian, "Где проходил саммит?", "zh-CN", reading.Russian}, // the letters decide, not the locale
		{reading.English, "2024?", "ru", reading.Russian},                   // no deciding letters: the locale
		{reading.English, "2024?", "", reading.English},
		{reading.Kazakh, "2024?", "", reading.Kazakh}, // no hint: the answer's language stands
		{"", "峰会在哪里举行？", "", reading.Chinese},
		{reading.English, "🙂", "kk", reading.Kazakh},
		{reading.English, "where?", "kk", reading.English},
		{reading.Chinese, "サミットはどこで開催されましたか？", "zh-CN", reading.English}, // kana: Japanese, not Chinese
		{reading.English, "정상회의는 어디서 열렸나요?", "ru", reading.English},      // letters, though not ours: no hint
		{reading.Russian, "Где проходил саммит 정상회의?", "", reading.Russian},
	}
	for _, tt := range tests {
		if got := Reply(tt.lang, tt.question, tt.hint); got != tt.want {
			t.Errorf("Reply(%q, %q, %q) = %q, want %q", tt.lang, tt.question, tt.hint, got, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	day := time.Date(2025, time.June, 17, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{
		reading.English: "17 June 2025",
		reading.Russian: "17 июня 2025 г.",
		reading.Chinese: "2025年6月17日",
		reading.Kazakh:  "2025 жылғы 17 маусым",
	} {
		if got := For(lang).Date(day); got != want {
			t.Errorf("%s date %q, want %q", lang, got, want)
		}
	}
}
