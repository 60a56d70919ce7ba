// Package catalog holds the bot's own words in each language it replies
// in: English, Russian, Chinese and Kazakh. Everything summitbot writes
// itself around the English passages it cites (the refusal, button labels,
// footers, the "Read as" line, the errors an asker sees, /about, and the
// terminal's words for `ask`) is a Key looked up in the catalogue of the
// reply's language; Reply chooses that language. Every key is in every
// language (catalog_test.go); the bot checks each string against the
// Discord limit of where it goes.
//
// The moderators' flows (/doc …) stay in English and are not here.
package catalog

import (
	"fmt"
	"time"
	"unicode"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/summitbot/summitbot/index/reading"
)

// Key names one thing the bot writes itself.
type Key string

// msg is one entry of a catalogue: its text, and for an entry that
// counts something, the plural forms its language needs (CLDR's cardinal
// categories: one, few, many; text serves as "other"). The form is chosen
// by the first integer argument.
type msg struct {
	text           string
	one, few, many string
}

// plural reports whether m has plural forms.
func (m msg) plural() bool { return m.one != "" || m.few != "" || m.many != "" }

// catalogues are the entries of each language, by language tag. They are
// never written to.
var catalogues = map[string]map[Key]msg{
	reading.English: english,
	reading.Russian: russian,
	reading.Chinese: chinese,
	reading.Kazakh:  kazakh,
}

// Languages returns the languages the bot replies in, English first.
func Languages() []string {
	return []string{reading.English, reading.Russian, reading.Chinese, reading.Kazakh}
}

// Keys returns every key, in the order they are declared.
func Keys() []Key { return append([]Key(nil), keys...) }

// Words are the bot's words in one language.
type Words struct {
	lang string
	m    map[Key]msg
}

// For returns the words of lang (a tag from Languages), English for any
// other.
func For(lang string) Words {
	if m, ok := catalogues[lang]; ok {
		return Words{lang: lang, m: m}
	}
	return Words{lang: reading.English, m: english}
}

// Lang is the language of w.
func (w Words) Lang() string { return w.lang }

// Text returns the text of k; for a counting entry, its "other" form. A
// key missing from the language falls back to English (the tests keep
// every key in every language).
func (w Words) Text(k Key) string {
	if m, ok := w.m[k]; ok {
		return m.text
	}
	return english[k].text
}

// Format returns k formatted with args as fmt.Sprintf does; for a
// counting entry, in the plural form its first integer argument calls for
// in w's language.
func (w Words) Format(k Key, args ...any) string {
	m, ok := w.m[k]
	if !ok {
		m = english[k]
	}
	text := m.text
	if m.plural() {
		for _, a := range args {
			if n, ok := a.(int); ok {
				text = m.form(w.lang, n)
				break
			}
		}
	}
	return fmt.Sprintf(text, args...)
}

// form is m's text for the count n in lang.
func (m msg) form(lang string, n int) string {
	if n < 0 {
		n = -n
	}
	var s string
	switch plural.Cardinal.MatchPlural(language.Make(lang), n%10000000, 0, 0, 0, 0) {
	case plural.One:
		s = m.one
	case plural.Few:
		s = m.few
	case plural.Many:
		s = m.many
	}
	if s == "" {
		return m.text
	}
	return s
}

// Date writes a day as the language does: 17 June 2025, 17 июня 2025 г.,
// 2025年6月17日, 2025 жылғы 17 маусым.
func (w Words) Date(t time.Time) string {
	day, month, year := t.Day(), t.Month(), t.Year()
	switch w.lang {
	case reading.Russian:
		return fmt.Sprintf("%d %s %d г.", day, russianMonths[month-1], year)
	case reading.Chinese:
		return fmt.Sprintf("%d年%d月%d日", year, int(month), day)
	case reading.Kazakh:
		return fmt.Sprintf("%d жылғы %d %s", year, day, kazakhMonths[month-1])
	}
	return fmt.Sprintf("%d %s %d", day, month.String(), year)
}

var (
	// russianMonths are in the genitive, as a date writes them.
	russianMonths = [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}
	kazakhMonths  = [12]string{"қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"}
)

// Reply returns the language to reply in to question, whose answer's
// language is lang (answer.Answer.Lang, from the question's script and
// letters): lang when the question's letters decide it; hint (a locale
// such as Discord's "ru" or "zh-CN", or the terminal's LANG) only for a
// question with no letters at all ("2024?"); and English for a question
// written mostly in a script none of the languages writes (Japanese kana,
// Hangul, Arabic), whatever its Han characters or the hint say. The result
// is one of Languages.
func Reply(lang, question, hint string) string {
	ours, foreign := 0, 0
	for _, r := range question {
		switch {
		case !unicode.IsLetter(r):
		case unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Han):
			ours++
		default:
			foreign++
		}
	}
	switch {
	case foreign > 0 && foreign >= ours:
		return reading.English
	case ours == 0 && hint != "":
		return reading.DetectLanguage(question, hint)
	}
	if _, ok := catalogues[lang]; ok {
		return lang
	}
	return reading.DetectLanguage(question, hint)
}
