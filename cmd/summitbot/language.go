package main

import (
	"strings"
	"unicode"
)

// englishOnly says in English what otherLanguages say: that questions
// are understood in English.
const englishOnly = "I understand questions in English about the second China–Central Asia summit (Astana, 17 June 2025). Please ask in English, e.g. \"Where was the summit held?\""

// otherLanguages are the replies to a question written in another script,
// by language: that the bot understands questions in English.
var otherLanguages = map[string]string{
	"ru": "Я понимаю только вопросы на английском языке о втором саммите «Центральная Азия — Китай» (Астана, 17 июня 2025 года). Пожалуйста, задайте вопрос по-английски.",
	"kk": "Мен екінші «Орталық Азия — Қытай» саммиті (Астана, 2025 жылғы 17 маусым) туралы тек ағылшын тіліндегі сұрақтарды түсінемін. Сұрағыңызды ағылшын тілінде қойыңыз.",
	"zh": "我只能理解有关第二届中国—中亚峰会（2025年6月17日，阿斯塔纳）的英文问题。请用英文提问。",
	"ja": "第2回中国・中央アジア首脳会議（2025年6月17日、アスタナ）については、英語の質問にのみお答えします。英語で質問してください。",
	"ko": "저는 제2차 중국-중앙아시아 정상회의(2025년 6월 17일, 아스타나)에 관한 영어 질문에만 답합니다. 영어로 질문해 주세요.",
	"ar": "أجيب فقط عن الأسئلة المطروحة باللغة الإنجليزية حول القمة الثانية بين الصين وآسيا الوسطى (أستانا، 17 يونيو 2025). يُرجى طرح سؤالك باللغة الإنجليزية.",
}

// readLanguages are the languages besides English the engine reads
// questions in (answer.Answer.Lang): their refusals are the engine's
// own, not a word that questions are understood in English.
var readLanguages = map[string]bool{"ru": true, "zh": true, "kk": true}

// kazakhLetters are Cyrillic letters Kazakh writes and Russian does not.
const kazakhLetters = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"

// otherLanguage tells whether q is written mostly in a script other than
// Latin, which the engine does not read; then it returns the lines to say
// instead of the bare refusal: in q's language when it is one of
// otherLanguages (Cyrillic is Russian, or Kazakh when it has Kazakh's own
// letters), and in English.
func otherLanguage(q string) ([]string, bool) {
	var latin, other int
	count := map[string]int{}
	kazakh, kana := false, false
	for _, r := range q {
		if !unicode.IsLetter(r) {
			continue
		}
		switch {
		case unicode.Is(unicode.Latin, r):
			latin++
			continue
		case unicode.Is(unicode.Cyrillic, r):
			count["cyrillic"]++
			kazakh = kazakh || strings.ContainsRune(kazakhLetters, r)
		case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
			count["ja"]++
			kana = true
		case unicode.Is(unicode.Han, r):
			count["zh"]++
		case unicode.Is(unicode.Hangul, r):
			count["ko"]++
		case unicode.Is(unicode.Arabic, r):
			count["ar"]++
		default:
			count["other"]++
		}
		other++
	}
	if other == 0 || other <= latin {
		return nil, false
	}
	best, n := "", 0
	for script, c := range count {
		if c > n || c == n && script < best {
			best, n = script, c
		}
	}
	switch {
	case kana && (best == "zh" || best == "ja"):
		best = "ja"
	case best == "cyrillic" && kazakh:
		best = "kk"
	case best == "cyrillic":
		best = "ru"
	}
	if msg, ok := otherLanguages[best]; ok {
		return []string{msg, englishOnly}, true
	}
	return []string{englishOnly}, true
}
