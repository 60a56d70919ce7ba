package reading

import "testing"

func TestDetectLanguage(t *testing.T) {
	tests := []struct {
		text, hint, want string
	}{
		{"Where was the summit held?", "", English},
		{"where was the summit held", "ru", English},
		{"Где проходил саммит?", "", Russian},
		{"где проходил саммит", "en-US", Russian},
		{"峰会在哪里举行？", "", Chinese},
		{"习近平 Xi Jinping 在哪里", "", Chinese},
		{"Саммит қай жерде өтті?", "", Kazakh},
		{"Саммитке кімдер қатысты?", "", Kazakh},
		{"Тоқаев кім?", "", Kazakh},
		{"2025?", "kk", Kazakh},
		{"サミットはどこで開催されましたか？", "", English},
		{"2025?", "zh-CN", Chinese},
		{"2025?", "ru", Russian},
		{"2025?", "fr", English},
		{"?", "", English},
		{"Astana саммит где", "", Russian},
	}
	for _, tt := range tests {
		if got := DetectLanguage(tt.text, tt.hint); got != tt.want {
			t.Errorf("DetectLanguage(%q, %q) = %q, want %q", tt.text, tt.hint, got, tt.want)
		}
	}
}
