package main

import (
	"unicode"

	"github.com/summitbot/summitbot/index/answer"
	"github.com/summitbot/summitbot/index/catalog"
	"github.com/summitbot/summitbot/index/reading"
)

// The terminal's words for `ask` are the bot's (index/catalog), in the
// question's language: English, Russian, Chinese or Kazakh, told by its
// script and letters, with the locale of the environment (LC_ALL,
// LC_MESSAGES, LANG) as a hint only for a question with no deciding
// letters. A question in a script summitbot does not read (Japanese
// kana, Korean, Arabic, …) is told, in its language where known and in
// English, which languages it understands.

// localeHint is the locale of the environment, as POSIX orders it.
func localeHint(getenv func(string) string) string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			return s
		}
	}
	return ""
}

// replyIn sets a's language to the one the terminal answers it in, hint
// being the environment's locale: English for a question in a script
// summitbot does not read, else catalog.Reply.
func replyIn(a *answer.Answer, hint string) {
	if _, ok := otherScript(a.Question); ok {
		a.Lang = reading.English
		return
	}
	a.Lang = catalog.Reply(a.Lang, a.Question, hint)
}

// localized returns a with the refusal in a.Lang: the JSON answer's
// "answer" field follows the question's language, like the text.
func localized(a answer.Answer) answer.Answer {
	if !a.Answered && a.Text == answer.NotFound {
		a.Text = catalog.For(a.Lang).Text(catalog.NotFound)
	}
	return a
}

// understood says in English what otherScripts say: the languages
// questions are understood in.
const understood = "I understand questions in English, Russian, Chinese and Kazakh about the second China–Central Asia summit (Astana, 17 June 2025). Please ask in one of them, e.g. \"Where was the summit held?\""

// otherScripts are the replies to a question written in a script
// summitbot does not read, by language: which languages it understands.
var otherScripts = map[string]string{
	"ja": "第2回中国・中央アジア首脳会議（2025年6月17日、アスタナ）についての質問は、英語、ロシア語、中国語、カザフ語で受け付けています。いずれかの言語で質問してください。",
	"ko": "제2차 중국-중앙아시아 정상회의(2025년 6월 17일, 아스타나)에 관한 질문은 영어, 러시아어, 중국어, 카자흐어로 받습니다. 이 중 한 언어로 질문해 주세요.",
	"ar": "أفهم الأسئلة المطروحة بالإنجليزية أو الروسية أو الصينية أو الكازاخية حول القمة الثانية بين الصين وآسيا الوسطى (أستانا، 17 يونيو 2025). يُرجى طرح سؤالك بإحدى هذه اللغات.",
}

// otherScript tells whether q is written mostly in a script summitbot
// does not read (not Latin, Cyrillic or Han alone); then it returns the
// lines to say instead of the refusal: in q's language when it is one of
// otherScripts (kana mark Japanese), and in English.
func otherScript(q string) ([]string, bool) {
	var known, other int
	count := map[string]int{}
	kana := false
	for _, r := range q {
		if !unicode.IsLetter(r) {
			continue
		}
		switch {
		case unicode.Is(unicode.Latin, r), unicode.Is(unicode.Cyrillic, r):
			known++
		case unicode.Is(unicode.Han, r):
			count["han"]++
		case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
			count["ja"]++
			kana = true
		case unicode.Is(unicode.Hangul, r):
			count["ko"]++
			other++
		case unicode.Is(unicode.Arabic, r):
			count["ar"]++
			other++
		default:
			count["other"]++
			other++
		}
	}
	if kana {
		// Han among kana is Japanese kanji.
		count["ja"] += count["han"]
		other += count["ja"]
	}
	if other == 0 || other <= known {
		return nil, false
	}
	delete(count, "han")
	best, n := "", 0
	for script, c := range count {
		if c > n || c == n && script < best {
			best, n = script, c
		}
	}
	if msg, ok := otherScripts[best]; ok {
		return []string{msg, understood}, true
	}
	return []string{understood}, true
}
