package reading

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index/lang"
)

// wordsLexicon knows the analysed terms of a text: a stand-in for the
// index, which reading does not need.
type wordsLexicon map[string]bool

func (w wordsLexicon) Known(t string) bool { return w[t] }

func (w wordsLexicon) InText(t string) bool { return w[t] }

func (w wordsLexicon) Corrections(t string) []string {
	var ed lang.Editor
	var out []string
	for k := range w {
		if lang.MaxEdits(len([]rune(t))) > 0 && ed.Distance([]rune(t), []rune(k), 1) == 1 {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func newReader(t *testing.T, text string) (*Reader, wordsLexicon) {
	t.Helper()
	lg, err := lang.Default()
	if err != nil {
		t.Fatal(err)
	}
	s, err := corpus.DefaultSubject()
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(lg, s)
	if err != nil {
		t.Fatal(err)
	}
	lex := wordsLexicon{}
	for _, term := range lg.Terms(text) {
		lex[term] = true
	}
	return r, lex
}

const corpusText = `The second China–Central Asia summit met on Tuesday, 17 June 2025, at the
Independence Palace in Astana. Xi Jinping and Kassym-Jomart Tokayev signed a treaty. The
railway runs 523 km. The first summit was held in Xi'an. The G7 summit met in Kananaskis.
Peskov told reporters. Trade rose.`

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  where   was\tthe summit?? ", "where was the summit?"},
		{"<@123> who is peskov?!?!", "who is peskov?"},
		{"@everyone when\x00was it", "when was it"},
	}
	for _, tt := range tests {
		got, err := Clean(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Clean(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "   ", "<@1>", strings.Repeat("a", MaxQuestionLen+1)} {
		if _, err := Clean(bad); !errors.Is(err, ErrBadQuestion) {
			t.Errorf("Clean(%.20q): %v, want ErrBadQuestion", bad, err)
		}
	}
}

func TestSplitUnits(t *testing.T) {
	for in, want := range map[string]string{"trade 44bn?": "trade 44 billion?", "is it 590km": "is it 590 km", "on the 16th": "on the 16", "3.9b": "3.9 billion", "B2B": "B2B"} {
		if got := splitUnits(in); got != want {
			t.Errorf("splitUnits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCasualForms(t *testing.T) {
	r, _ := newReader(t, corpusText)
	tests := []struct{ in, want string }{
		{"whats the name of the treaty", "what is the name of the treaty"},
		{"whos peskov", "who is peskov"},
		{"wheres the summit pls", "where is the summit please"},
		{"u know when it was?", "you know when it was?"},
		{"who r u", "who are you"},
		{"Whats up", "what is up"},
		{"the status quo", "the status quo"}, // no form inside a word
	}
	for _, tt := range tests {
		if got := r.casual.expand(tt.in); got != tt.want {
			t.Errorf("expand(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadTermsAndGroups(t *testing.T) {
	r, lex := newReader(t, corpusText)
	q, err := r.Read("whats the name of the treaty tokaev signed", lex)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(q.Asked, "name") || !slices.Contains(q.Asked, "treati") {
		t.Errorf("asked %v: want the treaty, not the name", q.Asked)
	}
	if len(q.Groups) == 0 || r.lang.Aliases().Name(q.Groups[len(q.Groups)-1].ID) != "Kassym-Jomart Tokayev" {
		t.Errorf("Tokaev not read as Tokayev: %+v", q.Groups)
	}
	q, err = r.Read("what did Peskow tell reporters", lex)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(q.Text, "Peskov") {
		t.Errorf("Peskow not respelt: %q", q.Text)
	}
	q, err = r.Read("What did Putin say about the summit?", lex)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(q.Unknown, "putin") || !slices.Contains(q.UnknownNames, "putin") {
		t.Errorf("Putin should be unknown: %+v", q)
	}
	if q.Sayer.None() {
		t.Error("what did Putin say: no sayer")
	}
	// A hesitation it opens with is not asked; a hesitation alone is.
	for question, hesitates := range map[string]bool{"wait which treaty did tokayev sign": false, "hmm": true, "hold on, who signed the treaty": false} {
		q, err = r.Read(question, lex)
		if err != nil {
			t.Fatal(err)
		}
		if asked := slices.ContainsFunc(q.Asked, func(t string) bool { return t == "wait" || t == "hmm" || t == "hold" }); asked != hesitates {
			t.Errorf("Read(%q).Asked = %v: the hesitation asked %v, want %v", question, q.Asked, asked, hesitates)
		}
	}
}

func TestReadKind(t *testing.T) {
	tests := []struct {
		q      string
		typ    Type
		sub    string
		strict bool
	}{
		{"When did the Soviet Union fall?", Date, "", true},
		{"where was the summit held", Place, "", false},
		{"in which building did they meet", Place, SubBuilding, false},
		{"how long is the railway", Quantity, SubLength, true},
		{"how much money did china pledge", Quantity, SubMoney, true},
		{"what day did xi arrive in astana", Date, SubDay, true},
		{"which day was the summit", Date, SubDay, true},
		{"what day of the week was the summit", Date, SubWeekday, true},
		{"Which countries took part?", Agent, SubCountry, false},
		{"who is peskov", Agent, "", false},
		{"why does china invest", Reason, "", false},
		{"what treaty did they sign", Named, "", false},
		{"does China skip procedures when funding projects?", Date, "", false},
	}
	for _, tt := range tests {
		k := ReadKind(tt.q)
		if k.Type != tt.typ || k.Sub != tt.sub || k.Strict() != tt.strict {
			t.Errorf("ReadKind(%q) = %+v (strict %v), want %v/%q strict %v", tt.q, k, k.Strict(), tt.typ, tt.sub, tt.strict)
		}
	}
}

func TestSubject(t *testing.T) {
	r, lex := newReader(t, corpusText)
	tests := []struct {
		q    string
		want bool
	}{
		{"where was the summit held", true},
		{"when was the china central asia summit", true},
		{"what did xi say at the summit", true},
		{"where was the first summit held", false},
		{"where was the G7 summit", false},
		{"when was the summit in xian", false},
		{"what was the 2023 summit about", false},
		{"who built the railway", false},
	}
	for _, tt := range tests {
		q, err := r.Read(tt.q, lex)
		if err != nil {
			t.Fatal(err)
		}
		if q.Subject != tt.want {
			t.Errorf("%q: subject %v, want %v", tt.q, q.Subject, tt.want)
		}
	}
}

func TestSmallTalk(t *testing.T) {
	r, lex := newReader(t, corpusText)
	for q, want := range map[string]bool{"hi": true, "thanks bot!": true, "hello there": true, "hi, where was the summit": false, "who is xi": false} {
		got, err := r.Read(q, lex)
		if err != nil {
			t.Fatal(err)
		}
		if got.SmallTalk != want {
			t.Errorf("%q: small talk %v, want %v", q, got.SmallTalk, want)
		}
	}
}
