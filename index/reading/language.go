package reading

import (
	"strings"
	"unicode"

	"github.com/summitbot/summitbot/index/gloss"
)

// The languages a question can be written in, as BCP 47 tags. Answer
// text the bot writes itself follows the question's language; the
// documents stay in English.
const (
	English = "en"
	Russian = "ru"
	Chinese = "zh"
	Kazakh  = "kk"
)

// DetectLanguage tells the language of a question by its script and
// letters: Han characters mean Chinese, Cyrillic with any of Kazakh's own
// letters (ә ғ қ ң ө ұ ү һ і) Kazakh, other Cyrillic Russian, and Latin
// letters English. Han written with kana is Japanese, which is none of
// them (English, as any other script). hint, a locale such as Discord's ("ru", "zh-CN"), is
// used only when the text has no letters that decide (digits, emoji);
// it is never the rule. The answer is one of English, Russian, Chinese
// or Kazakh.
func DetectLanguage(text, hint string) string {
	var han, cyrillic, latin, kazakh, kana int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
			if strings.ContainsRune(gloss.KazakhLetters, r) {
				kazakh++
			}
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	switch {
	case han > 0 && han*2 >= latin && kana == 0:
		return Chinese
	case cyrillic > 0 && cyrillic >= latin:
		if kazakh > 0 {
			return Kazakh
		}
		return Russian
	case latin > 0:
		return English
	}
	return hinted(hint)
}

// hinted maps a locale to one of the languages, English when it is none
// of them.
func hinted(locale string) string {
	if len(locale) < 2 {
		return English
	}
	switch locale[:2] {
	case "ru":
		return Russian
	case "zh":
		return Chinese
	case "kk":
		return Kazakh
	}
	return English
}
