package gloss

import "testing"

// BenchmarkDefault is the start-up cost of the foreign dictionaries.
func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead is the cost of reading one question of each language.
func BenchmarkRead(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, lang, q string }{
		{"ru", Russian, "Сколько соглашений подписали лидеры Китая и Центральной Азии в Астане?"},
		{"zh", Chinese, "中吉乌铁路有多长？习近平和托卡耶夫签署了什么条约？"},
		{"kk", Kazakh, "Қытай мен Қазақстан арасындағы сауда көлемі 2024 жылы қанша болды?"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				g.Read(c.q, c.lang)
			}
		})
	}
}
