package reading

import (
	"testing"
)

// rarity makes China and Xi common and every other term rare: the
// backdrop of the corpus against the names that set a question apart.
type rarity struct{}

func (rarity) Known(t string) bool { return t != "lol" && t != "yo" }

func (rarity) IDF(t string) float64 {
	switch t {
	case "china", "chines", "xi", "summit":
		return 0.5
	}
	return 3
}

// TestFollow: each move of a follow-up is read, and completed from the
// last turn as its text says; a turn that stands alone takes nothing.
func TestFollow(t *testing.T) {
	r, _ := newReader(t, corpusText)
	trade := Turn{Question: "how much did kazakhstan trade with china in 2024", Answer: "Kazakhstan's trade with China was $43.8 billion.", Shown: []string{"trade#3", "trade#1"}}
	railway := Turn{Question: "which railway did xi push for with the kyrgyz president", Answer: "Xi pressed for the railway.", Shown: []string{"railway#6"}}
	tests := []struct {
		name   string
		turn   string
		before []Turn
		move   Move
		text   string
		own    string
	}{
		{"first turn", "how long is it", nil, Alone, "how long is it", ""},
		{"switch", "different question: what is khorgos", []Turn{trade}, Alone, "what is khorgos", ""},
		{"standalone", "who designed the independence palace in astana", []Turn{trade}, Alone, "who designed the independence palace in astana", ""},
		{"country swapped, the common one kept", "and uzbekistan?", []Turn{trade}, Ellipsis, "how much did uzbekistan trade with china in 2024", "uzbekistan?"},
		{"year swapped", "what about 2023", []Turn{trade}, Ellipsis, "how much did kazakhstan trade with china in 2023", "2023"},
		{"question word swapped", "when?", []Turn{{Question: "where did xi first propose the belt and road"}}, Ellipsis, "when did xi first propose the belt and road", "when?"},
		{"pronoun", "how long is it", []Turn{railway}, Refer, "how long is railway xi push kyrgyz president", "how long is"},
		{"person pronoun", "when did he say that", []Turn{{Question: "what did peskov say about china"}}, Refer, "when did peskov say china", "when did say"},
		{"correction by kind", "sorry, meant mirziyoyev not berdimuhamedov", []Turn{{Question: "what did xi push in his meeting with berdimuhamedov"}}, Correct, "what did xi push in his meeting with mirziyoyev", "mirziyoyev"},
		{"correction by ordinal", "no, the first one", []Turn{{Question: "where was the china central asia summit held"}}, Correct, "where was the first china central asia summit held", "the first one"},
		{"correction after a hesitation", "wait no, mirziyoyev", []Turn{{Question: "what did xi push in his meeting with berdimuhamedov"}}, Correct, "what did xi push in his meeting with mirziyoyev", "mirziyoyev"},
		{"a hesitation after the correction's first word", "no wait i meant mirziyoyev", []Turn{{Question: "what did xi push in his meeting with berdimuhamedov"}}, Correct, "what did xi push in his meeting with mirziyoyev", "mirziyoyev"},
		{"an apology after the correction", "no mirziyoyev sorry", []Turn{{Question: "what did xi push in his meeting with berdimuhamedov"}}, Correct, "what did xi push in his meeting with mirziyoyev", "mirziyoyev sorry"},
		{"a hesitation alone asks anew", "wait, who designed the independence palace in astana", []Turn{trade}, Alone, "wait, who designed the independence palace in astana", ""},
		{"correction that opens with what it rules out", "oh not the cost, i meant how long it is", []Turn{railway}, Correct, "how long railway did xi push for with the kyrgyz president", "how long it is"},
		{"correction that only rules out", "not the treaty, the declaration", []Turn{{Question: "when was the treaty signed"}}, Correct, "when was the signed declaration", "the declaration"},
		{"bare more", "tell me more", []Turn{trade}, More, trade.Question, ""},
		{"more about the person answered", "anything else about him", []Turn{{Question: "who hosted the summit", Answer: "Kassym-Jomart Tokayev, President of the Republic of Kazakhstan, was the host of the second China–Central Asia summit in Astana.", Shown: []string{"note-summit-leaders#3"}}}, More, "Kassym-Jomart Tokayev", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fu, err := r.Follow(tt.turn, tt.before, rarity{})
			if err != nil {
				t.Fatal(err)
			}
			if fu.Move != tt.move || fu.Text != tt.text || fu.Own != tt.own {
				t.Errorf("Follow(%q) = %v %q own %q; want %v %q own %q", tt.turn, fu.Move, fu.Text, fu.Own, tt.move, tt.text, tt.own)
			}
			// A follow-up weighs the passage that answered the last turn;
			// a correction does not weigh that passage's document.
			weighs := tt.move != Alone && len(tt.before[len(tt.before)-1].Shown) > 0
			if (fu.Prev != "") != weighs || (fu.Doc != "") != (weighs && tt.move != Correct) {
				t.Errorf("Follow(%q): prev %q, doc %q", tt.turn, fu.Prev, fu.Doc)
			}
		})
	}
}

// TestFollowMoreExcludesWhatWasShown: a request for more leaves out every
// passage shown in the conversation and goes on from the last answer.
func TestFollowMoreExcludesWhatWasShown(t *testing.T) {
	r, _ := newReader(t, corpusText)
	before := []Turn{
		{Question: "what is khorgos gateway", Answer: "A dry port.", Shown: []string{"khorgos#1", "khorgos#3"}},
		{Question: "who owns it", Answer: "COSCO.", Shown: []string{"khorgos#4", "khorgos#1"}},
	}
	fu, err := r.Follow("go on", before, rarity{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"khorgos#1", "khorgos#3", "khorgos#4"}
	if fu.Move != More || fu.Next != "khorgos#5" || len(fu.Exclude) != len(want) {
		t.Fatalf("go on: %+v", fu)
	}
	for i, id := range want {
		if fu.Exclude[i] != id {
			t.Errorf("exclude %v, want %v", fu.Exclude, want)
		}
	}
}
