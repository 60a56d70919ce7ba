package bot

import (
	"strings"
	"testing"
)

func TestCustomIDs(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 80)
	tests := []struct {
		id   customID
		want string
	}{
		{customID{Kind: idMore, N: 3}, "more:3"},
		{customID{Kind: idSource, Passage: "afp-summit-2025-06-17#4"}, "src:afp-summit-2025-06-17#4"},
		{customID{Kind: idSource, Passage: long + "#12345"}, "src:" + long + "#12345"},
		{customID{Kind: idFeedback, Vote: voteUp}, "fb:up"},
		{customID{Kind: idFeedback, Vote: voteDown}, "fb:down"},
		{customID{Kind: idPage, N: 0}, "page:0:p"},
		{customID{Kind: idPage, N: 2, Next: true}, "page:2:n"},
		{customID{Kind: idDocs, N: 0}, "docs:0:p"},
		{customID{Kind: idDocs, N: 3, Next: true}, "docs:3:n"},
		{customID{Kind: idRemove, Doc: "note-railway"}, "rm:note-railway"},
		{customID{Kind: idRemove, Doc: long}, "rm:" + long},
		{customID{Kind: idKeep, Doc: "note-railway"}, "keep:note-railway"},
		{customID{Kind: idUpdate, Doc: long}, "upd:" + long},
		{customID{Kind: idAdd}, "add"},
		{customID{Kind: idGaps, Days: 7, N: 0}, "gaps:7:0:p"},
		{customID{Kind: idGaps, Days: 30, N: 2, Next: true}, "gaps:30:2:n"},
		{customID{Kind: idGapAdd, Gap: "0123456789ab"}, "gadd:0123456789ab"},
		{customID{Kind: idGapDismiss, Gap: "0123456789ab", Days: 30, N: 9}, "gdis:0123456789ab:30:9"},
	}
	for _, tt := range tests {
		got := tt.id.String()
		if got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.id, got, tt.want)
		}
		if len(got) > maxCustomID {
			t.Errorf("%q is longer than %d", got, maxCustomID)
		}
		back, ok := parseCustomID(got)
		if !ok || back != tt.id {
			t.Errorf("parseCustomID(%q) = %+v, %v; want %+v", got, back, ok, tt.id)
		}
	}
	if got := (customID{Kind: idSource, Passage: strings.Repeat("a", 100) + "#1"}).String(); got != "" {
		t.Errorf("an over-long id encoded as %q", got)
	}
	for _, bad := range []customID{{Kind: idRemove, Doc: long + "a"}, {Kind: idUpdate, Doc: "../etc"}, {Kind: idKeep},
		{Kind: idGapAdd, Gap: "nothex"}, {Kind: idGapDismiss, Gap: "0123456789ab", Days: 0}, {Kind: idGaps, Days: 400}, {Kind: idGaps, Days: 7, N: -1}} {
		if got := bad.String(); got != "" {
			t.Errorf("%+v encoded as %q, want nothing", bad, got)
		}
	}
	for _, bad := range []string{"", "more", "more:x", "more:-1", "src:nohash", "src:#1", "fb:maybe", "page:1", "page:1:x", "page:-1:n", "other:1",
		"rm:", "rm:Bad", "rm:a/b", "rm:" + long + "a", "upd:../x", "keep:a b", "add:x", "add:", "docs:1", "docs:x:n",
		"gaps:7:0", "gaps:0:0:p", "gaps:7:-1:p", "gaps:7:0:x", "gadd:", "gadd:0123456789AB", "gadd:0123456789abc", "gdis:0123456789ab:7", "gdis:0123456789ab:7:x", "gdis:zz:7:0"} {
		if c, ok := parseCustomID(bad); ok {
			t.Errorf("parseCustomID(%q) = %+v, want failure", bad, c)
		}
	}
}
