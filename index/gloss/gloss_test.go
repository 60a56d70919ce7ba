package gloss

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/summitbot/summitbot/corpus"
)

func glossary(t *testing.T) *Glossary {
	t.Helper()
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// find returns the word read from source, failing when there is none.
func find(t *testing.T, ws []Word, source string) Word {
	t.Helper()
	for _, w := range ws {
		if w.Source == source {
			return w
		}
	}
	var got []string
	for _, w := range ws {
		got = append(got, w.Source)
	}
	t.Fatalf("no word %q among %q", source, got)
	return Word{}
}

func wantSense(t *testing.T, w Word, sense string) {
	t.Helper()
	if !slices.Contains(w.Senses, sense) {
		t.Errorf("%q read as %q, want %q among them", w.Source, w.Senses, sense)
	}
}

// TestChinese: maximum matching takes the longest headword at each
// place (names first), drops particles and passes digits on.
func TestChinese(t *testing.T) {
	g := glossary(t)
	ws := g.Read("峰会在哪里举行？", Chinese)
	var src []string
	for _, w := range ws {
		src = append(src, w.Source)
	}
	if want := []string{"峰会", "在哪里", "举行"}; !slices.Equal(src, want) {
		t.Fatalf("segmented %q, want %q", src, want)
	}
	wantSense(t, ws[0], "summit")
	wantSense(t, ws[1], "where")
	wantSense(t, ws[2], "held")

	ws = g.Read("托卡耶夫和习近平2025年签署了什么条约吗", Chinese)
	if w := find(t, ws, "托卡耶夫"); !w.Name || w.Senses[0] != "Tokayev" {
		t.Errorf("托卡耶夫 read as %+v, want the name Tokayev", w)
	}
	wantSense(t, find(t, ws, "习近平"), "Xi Jinping")
	wantSense(t, find(t, ws, "2025"), "2025")
	wantSense(t, find(t, ws, "条约"), "treaty")
	for _, w := range ws {
		if w.Source == "吗" || w.Source == "了" {
			t.Errorf("particle %q read as %q", w.Source, w.Senses)
		}
	}
	wantSense(t, find(t, g.Read("中吉乌铁路有多长", Chinese), "中吉乌铁路"), "China–Kyrgyzstan–Uzbekistan railway")
}

// TestChineseSegments: of matching from the start and from the end, the
// reading takes fewer words, then fewer single characters, then more of
// the project's own words, and else the one from the end.
func TestChineseSegments(t *testing.T) {
	g := glossary(t)
	for _, tt := range []struct {
		in   string
		want []string
	}{
		// From the start: 年中 (mid-year) 哈.
		{"2024年中哈双边贸易额", []string{"2024", "年", "中哈", "双边", "贸易额"}},
		// From the start: 中国海 (China Seas) 关.
		{"中国海关数据", []string{"中国", "海关", "数据"}},
		// From the end: 条 约吗 (CEDICT's slang "are you interested").
		{"签署什么条约吗", []string{"签署", "什么", "条约"}},
	} {
		var src []string
		for _, w := range g.Read(tt.in, Chinese) {
			src = append(src, w.Source)
		}
		if !slices.Equal(src, tt.want) {
			t.Errorf("segmented %q as %q, want %q", tt.in, src, tt.want)
		}
	}
}

// TestChineseCrossReferences: CEDICT's definitions that point at another
// headword, name whom a nickname names, or describe grammar are read,
// not copied (scripts/glossdata).
func TestChineseCrossReferences(t *testing.T) {
	g := glossary(t)
	// "dialectal equivalent of 为什么".
	wantSense(t, find(t, g.Read("为啥", Chinese), "为啥"), "why")
	// "Papa Xi, nickname for Xi Jinping 習近平|习近平".
	wantSense(t, find(t, g.Read("习大大", Chinese), "习大大"), "Xi Jinping")
	// "(prefix indicating ordinal number…)": a particle, not "residence
	// of a high official".
	var src []string
	for _, w := range g.Read("排第几", Chinese) {
		src = append(src, w.Source)
	}
	if want := []string{"排", "几"}; !slices.Equal(src, want) {
		t.Errorf("排第几 read as %q, want %q (第 a particle)", src, want)
	}
}

// TestRussian: names in any case form, whole before stems (Китая is
// China, not the stem "кит", whale), and a form the list gives a rare
// sense for also has its stem's senses.
func TestRussian(t *testing.T) {
	g := glossary(t)
	ws := g.Read("Когда Си Цзиньпин встретился с Токаевым в Астане по поводу Китая и Центральной Азии?", Russian)
	for src, en := range map[string]string{"Си Цзиньпин": "Xi Jinping", "Токаевым": "Tokayev", "Астане": "Astana", "Китая": "China", "Центральной Азии": "Central Asia"} {
		if w := find(t, ws, src); !w.Name || w.Senses[0] != en {
			t.Errorf("%q read as %+v, want the name %q", src, w, en)
		}
	}
	// A verb with its preposition is one phrase (the Mueller list's
	// "встретиться с", meet).
	wantSense(t, find(t, ws, "встретился с"), "meet")
	wantSense(t, find(t, g.Read("где проходил саммит", Russian), "проходил"), "held")
	wantSense(t, find(t, g.Read("где прошёл саммит", Russian), "прошёл"), "held")
	// Сиане is Xi'an (the longer name), not Xi.
	if w := find(t, g.Read("первый саммит в Сиане", Russian), "Сиане"); w.Senses[0] != "Xi'an" {
		t.Errorf("Сиане read as %q, want Xi'an", w.Senses)
	}
	wantSense(t, find(t, g.Read("когда стартовала стройка", Russian), "стартовала"), "start")
	// enru-dict gives "кроме" only a sense the documents lack (wooers);
	// Mueller's likeliest, a word they hold, fills it. "население" keeps
	// enru-dict's populace: Mueller's likeliest, population, is no word of
	// theirs either, so the word stays one they lack.
	wantSense(t, find(t, g.Read("что еще приняли кроме договора", Russian), "кроме"), "besides")
	if w := find(t, g.Read("население узбекистана", Russian), "население"); w.Senses[0] != "populace" {
		t.Errorf("население read as %q, want populace alone", w.Senses)
	}
	// A form read by its stem takes the plain word's senses first:
	// договор (treaty), not договориться (agree), which shares its stem.
	for _, form := range []string{"договоре", "договоры"} {
		if w := find(t, g.Read("в "+form, Russian), form); w.Senses[0] != "treaty" {
			t.Errorf("%s read as %q, want treaty first", form, w.Senses)
		}
	}
	// Everyday words enru-dict gives a rare sense for first, or a
	// neighbour's through a shared stem, read as the project's list has
	// them: впервые (pioneered), статей (become, from стать).
	wantFirst := func(text, form, sense string) {
		t.Helper()
		if w := find(t, g.Read(text, Russian), form); w.Senses[0] != sense {
			t.Errorf("%s read as %q, want %q first", form, w.Senses, sense)
		}
	}
	wantFirst("это впервые", "впервые", "first time")
	wantFirst("сколько статей в договоре", "статей", "articles")
	wantFirst("сообщил министр", "сообщил", "reported")
	// Chat spellings read as the words they stand for.
	wantSense(t, find(t, g.Read("скока стоит", Russian), "скока"), "how many")
	wantSense(t, find(t, g.Read("а чё там", Russian), "чё"), "what")
	wantSense(t, find(t, g.Read("как щас", Russian), "щас"), "now")
	// A word no dictionary knows is spelt in Latin letters.
	if w := find(t, g.Read("что такое зюкрандер", Russian), "зюкрандер"); !w.Spelt || w.Senses[0] != "ziukrander" {
		t.Errorf("зюкрандер read as %+v, want it spelt ziukrander", w)
	}
}

// TestKazakh: suffixes stripped down to a glossary root, names with
// Kazakh endings, abbreviations with a hyphenated ending, and Russian
// loanwords.
func TestKazakh(t *testing.T) {
	g := glossary(t)
	ws := g.Read("Қытайдың теміржол құрылысы қай күні басталды, АЭС-ін кім салады, президент", Kazakh)
	if w := find(t, ws, "Қытайдың"); !w.Name || w.Senses[0] != "China" {
		t.Errorf("Қытайдың read as %+v, want the name China", w)
	}
	wantSense(t, find(t, ws, "басталды"), "started")
	wantSense(t, find(t, ws, "АЭС-ін"), "nuclear power plant")
	wantSense(t, find(t, ws, "кім"), "who")
	wantSense(t, find(t, ws, "салады"), "build")
	wantSense(t, find(t, ws, "президент"), "president")
	// Everyday verbs and words beside the summit's: "came", "bought",
	// "multilateral", and "ет" (do) an auxiliary with nothing to search.
	kw := g.Read("Си Астанаға қашан келді, қандай көпжақты құжаттар бар, кім үлесті сатып алды, уәде етті", Kazakh)
	wantSense(t, find(t, kw, "келді"), "came")
	wantSense(t, find(t, kw, "көпжақты"), "multilateral")
	wantSense(t, find(t, kw, "сатып алды"), "bought")
	wantSense(t, find(t, kw, "үлесті"), "stake")
	// Kazakh without its own letters reads as Russian, and is still read.
	wantSense(t, find(t, g.Read("шартта неше бап бар", Russian), "бап"), "articles")
}

// TestForeignAliases: every group of the foreign alias list leads with
// its English expression, followed by Cyrillic or Han spellings only.
func TestForeignAliases(t *testing.T) {
	groups, err := corpus.DefaultForeignAliases()
	if err != nil {
		t.Fatal(err)
	}
	foreign := func(s string) bool {
		return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) || unicode.Is(unicode.Han, r) })
	}
	for _, g := range groups {
		if foreign(g.Names[0].Text) {
			t.Errorf("group %q leads with a foreign expression", g.Names[0].Text)
		}
		for _, a := range g.Names[1:] {
			if !foreign(a.Text) {
				t.Errorf("group %q: %q is no Russian, Kazakh or Chinese spelling", g.Names[0].Text, a.Text)
			}
		}
	}
}

// TestCountries: country names come from CLDR in all three languages.
func TestCountries(t *testing.T) {
	g := glossary(t)
	for _, c := range []struct{ text, lang, src, en string }{
		{"Франция", Russian, "Франция", "France"},
		{"法国", Chinese, "法国", "France"},
		{"Францияның", Kazakh, "Францияның", "France"},
	} {
		if w := find(t, g.Read(c.text, c.lang), c.src); !w.Name || w.Senses[0] != c.en {
			t.Errorf("%q read as %+v, want the name %q", c.src, w, c.en)
		}
	}
}

// TestDataSorted: the large dictionaries are read by bisection, so each
// must be well-formed lines sorted by headword, each headword once; every
// headword is then found.
func TestDataSorted(t *testing.T) {
	for name, data := range map[string]string{"zh.txt": zhData, "ru.txt": ruData, "ru-stems.txt": ruStems} {
		d := newSorted(data)
		prev, n := "", 0
		d.each(func(head, senses string) {
			n++
			if head == "" || senses == "" || strings.Contains(senses, "\t") {
				t.Errorf("%s: line %d is not headword<TAB>senses", name, n)
			}
			if n > 1 && head <= prev {
				t.Errorf("%s: %q after %q: not sorted or repeated", name, head, prev)
			}
			prev = head
			if n%97 == 0 {
				if got, ok := d.find(head); !ok || strings.Join(got, "|") != senses {
					t.Errorf("%s: %q found as %q, %v", name, head, got, ok)
				}
			}
		})
		if n < 1000 {
			t.Errorf("%s holds %d headwords", name, n)
		}
		if _, ok := d.find("no such headword"); ok {
			t.Errorf("%s: found a headword it lacks", name)
		}
	}
}

// TestPlainKazakh: Kazakh typed without its own letters ("канша" for
// "қанша") reads as Kazakh, with the glossary's senses and suffixes
// written plain, and is told from Russian by its words.
func TestPlainKazakh(t *testing.T) {
	g := glossary(t)
	ws := g.Read("саммит кай куни болды", Kazakh)
	wantSense(t, find(t, ws, "кай"), "which")
	wantSense(t, find(t, ws, "куни"), "day")
	// With its letters, "күні" is "day", never "құн" (cost), which
	// reads the same once plain.
	wantSense(t, find(t, g.Read("саммит қай күні болды", Kazakh), "күні"), "day")
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"темир жол канша турады, кыргыз болиги канша", true},
		{"Мирзиеевпен кездесуде Xi не сурады сауда бойынша", true},
		{"қай күні", true},
		{"когда прошел саммит в астане", false},
		{"Инвестфорум соглашения", false},
		{"что Си Цзиньпин сказал про торговые войны", false},
	} {
		if got := g.ReadsKazakh(tt.text); got != tt.want {
			t.Errorf("ReadsKazakh(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestChineseDates: a month or a day written with digits is read as
// English writes a date; other numbers before the same characters are not.
func TestChineseDates(t *testing.T) {
	g := glossary(t)
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"6月17日", []string{"June", "17"}},
		{"12月", []string{"December"}},
		{"16号到18号", []string{"16", "to", "18"}},
		{"是几号", []string{"is", "what day"}},
		// No month 13, no day 40: the number as written, then the character.
		{"13月", []string{"13", "moon"}},
		{"40日", []string{"40", "day"}},
	} {
		var got []string
		for _, w := range g.Read(tt.in, Chinese) {
			got = append(got, w.Senses[0])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("read %q as %q, want %q", tt.in, got, tt.want)
		}
	}
}
