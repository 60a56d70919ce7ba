package reading

import (
	"regexp"
	"slices"
	"strings"

	"github.com/summitbot/summitbot/corpus"
)

// Turn is an earlier turn of a conversation, as it was answered.
type Turn struct {
	// Question is the question as it was read: the resolved text of a
	// follow-up, or the question itself.
	Question string
	// Answer is the direct answer given, "" when the documents held none.
	Answer string
	// Shown are the ids of the passages shown, best first.
	Shown []string
}

// Move says how a turn leans on the conversation before it.
type Move int

// Moves.
const (
	// Alone: the turn stands on its own (a first question, a new topic).
	Alone Move = iota
	// Refer: a pronoun or demonstrative points at the last turn ("how
	// long is it?").
	Refer
	// Ellipsis: the turn leaves out what the last one said ("and
	// Uzbekistan?", "when?").
	Ellipsis
	// More: the turn asks for more on the last turn's topic.
	More
	// Correct: the turn corrects how the last one was read ("no, I meant
	// the highway").
	Correct
)

func (m Move) String() string {
	return [...]string{"alone", "refer", "ellipsis", "more", "correct"}[m]
}

// FollowUp is a turn read with the turns before it.
type FollowUp struct {
	Move Move
	// Text is the question to answer: the turn itself when it stands
	// alone, else the turn completed from the last one.
	Text string
	// Exclude are passages already shown, which a request for more must
	// not show again.
	Exclude []string
	// Own is what of the turn is its own: its words but those that
	// point back ("how long is it" → "how long is").
	Own string
	// Next is, for a bare request for more, the passage after the one
	// that answered the last turn: what "go on" means first.
	Next string
	// Doc is the document that answered the last turn.
	Doc string
	// Prev is the passage that answered the last turn (for a
	// correction, the answer it corrects).
	Prev string
	// Foreign is, for a turn in Russian, Chinese or Kazakh, how it was
	// read into English (the turn the rest reads); nil for English.
	Foreign *Foreign
}

// Rarity tells whether the documents hold an analysed term and how rare
// it is in them; *index.Snapshot is one.
type Rarity interface {
	Known(term string) bool
	IDF(term string) float64
}

// Follow reads a turn with the turns before it (oldest first) into the
// question to answer. A turn that stands on its own, or opens with a
// change of topic ("different question: …"), takes nothing from before.
// A turn in Russian, Chinese or Kazakh is read into English first (see
// FollowUp.Foreign). Errors are Clean's.
func (r *Reader) Follow(turn string, before []Turn, lex Rarity) (FollowUp, error) {
	raw, err := Clean(turn)
	if err != nil {
		return FollowUp{}, err
	}
	if l := r.Language(raw); l != English {
		f := r.foreign(raw, l, lex)
		fu, err := r.followEnglish(f.Text, before, lex)
		fu.Foreign = &f
		return fu, err
	}
	return r.followEnglish(raw, before, lex)
}

// followEnglish reads a cleaned turn in English with the turns before it.
func (r *Reader) followEnglish(raw string, before []Turn, lex Rarity) (FollowUp, error) {
	if rest, ok := cutSwitch(raw); ok {
		return FollowUp{Text: rest}, nil
	}
	if len(before) == 0 || isSmallTalk(raw) {
		return FollowUp{Text: raw}, nil
	}
	last := before[len(before)-1]
	fu, err := r.follow(raw, last, before, lex)
	if fu.Move != Alone && len(last.Shown) > 0 {
		fu.Prev = last.Shown[0]
		// A correction says the last answer missed: its document is no
		// guide.
		if fu.Move != Correct {
			fu.Doc, _, _ = corpus.ParsePassageID(last.Shown[0])
		}
	}
	return fu, err
}

func (r *Reader) follow(raw string, last Turn, before []Turn, lex Rarity) (FollowUp, error) {
	t := r.casual.expand(raw)
	switch {
	case correction.MatchString(t) || notFirst.MatchString(t):
		// What it rules out first, then what it means, its lead gone.
		pos, neg := splitCorrection(hesitationLead.ReplaceAllString(t, ""))
		pos = strings.TrimSpace(correction.ReplaceAllString(strings.TrimLeft(pos, " ,.:;!—–-"), ""))
		return FollowUp{Move: Correct, Text: r.combine(last, pos, neg, lex), Own: pos}, nil
	case moreAsk.MatchString(t):
		rest := moreAsk.ReplaceAllString(t, " ")
		f := FollowUp{Move: More, Text: last.Question, Exclude: shown(before)}
		if len(r.content(rest)) > 0 {
			f.Text = tidy(r.substitute(rest, last, lex))
		} else if p := r.personReferred(rest, last, lex); p != "" {
			// More about the person the last turn named ("anything else
			// about him"): what the documents say of them.
			f.Text = p
		} else if len(last.Shown) > 0 {
			f.Next = nextPassage(last.Shown[0])
		}
		return f, nil
	case r.refers(t):
		return FollowUp{Move: Refer, Text: tidy(r.substitute(t, last, lex)), Own: r.ownWords(t)}, nil
	case r.elliptic(t):
		pos := ellipsisLead.ReplaceAllString(t, "")
		return FollowUp{Move: Ellipsis, Text: r.combine(last, pos, "", lex), Own: pos}, nil
	}
	return FollowUp{Text: raw}, nil
}

// personReferred returns the person the last turn named, when t points
// at a person ("him", "her"); "" otherwise.
func (r *Reader) personReferred(t string, last Turn, lex Rarity) string {
	for _, loc := range referringSpans(t) {
		if personPronoun.MatchString(t[loc[0]:loc[1]]) {
			return r.named(last, corpus.AliasPeople, lex)
		}
	}
	return ""
}

// nextPassage is the id of the paragraph after passage id.
func nextPassage(id string) string {
	doc, n, ok := corpus.ParsePassageID(id)
	if !ok {
		return ""
	}
	return corpus.PassageID(doc, n+1)
}

// shown returns every passage shown in a conversation, once each.
func shown(before []Turn) []string {
	var out []string
	for _, t := range before {
		for _, id := range t.Shown {
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	return out
}

var (
	// switchLead opens a turn that changes the topic.
	switchLead = regexp.MustCompile(`(?i)^(?:(?:ok(?:ay)?|so|alright|right|also|btw|anyway|now)[\s,.]*)*(?:(?:a |an |one )?(?:diff(?:erent)?|new|other|another|unrelated|separate|next|random)\s*(?:q(?:uestion|n|s)?|topic|thing|subject|one|matter)?|(?:on|onto|to) (?:an ?other|a different|a new|a separate|an unrelated) (?:subject|topic|note|question|thing|matter)|something else|unrelated|off[ -]topic|changing (?:the )?(?:subject|topics?)|switching (?:topics?|gears))\s*(?:[:,.;!?—–-]+|\s)\s*`)
	// correction opens a turn that corrects the last reading.
	// A hesitation may come first ("wait no, …", "hmm i meant …"), never
	// alone ("wait, when was it" asks anew).
	// After its first word, hesitations may come between ("no wait, i
	// meant …").
	correction     = regexp.MustCompile(`(?i)^` + hesitation + `(?:(?:` + correcting + `)\b[\s,.:;!—–-]*)(?:(?:` + correcting + `|` + hesitating + `)\b[\s,.:;!—–-]*)*`)
	hesitationLead = regexp.MustCompile(`(?i)^` + hesitation)
	// notFirst opens a correction with what it rules out ("not the 17th,
	// the day before"; "oh not the cost, i meant the lengths").
	notFirst = regexp.MustCompile(`(?i)^` + hesitation + `not (?:the|that|this|those|these|his|her|their|its)\b`)
	// moreAsk asks for more on the same topic.
	moreAsk = regexp.MustCompile(`(?i)\b(?:(?:can you |could you |pls |please )?(?:tell|give|show) (?:me |us )?(?:some )?more\b|^(?:and )?more\b|(?:any|some) more\b|more (?:on|about|from|of|info|information|details?)\b|go on\b|keep going\b|continue\b|(?:anything|something|what|who|where) else\b|any ?(?:thing )?other\b|anything more\b|say more\b|and then\b|what next\b)`)
	// ellipsisLead opens a turn that leaves out what the last one said.
	ellipsisLead = regexp.MustCompile(`(?i)^(?:and|or|also|what about|how about|what of|same for|same with|and what about|and how about|vs\.?|versus|compared to|compared with)\b[\s,.:]*`)
	// referring are the words that point at what was said before.
	referring = regexp.MustCompile(`(?i)\b(?:it|its|itself|this|that|these|those|they|them|their|he|him|his|she|her|there|the other|the others|the latter|the former|both)\b`)
	// person and place pronouns stand for a person or a place.
	personPronoun = regexp.MustCompile(`(?i)^(?:he|him|his|she|her)$`)
	placePronoun  = regexp.MustCompile(`(?i)^there$`)
	// ordinals set one event or thing of a kind apart.
	ordinals = regexp.MustCompile(`(?i)\b(?:first|second|third|fourth|fifth|next|last|previous|earlier|upcoming|inaugural|1st|2nd|3rd|4th|5th)\b`)
	// years are four-digit years.
	years = regexp.MustCompile(`\b(?:19|20)\d\d\b`)
	// fillers are words of a correction or ellipsis that carry nothing.
	// alone are the idioms for "alone": "on its own", "by themselves".
	alone   = regexp.MustCompile(`(?i)\b(?:(?:on|by) (?:its|their|his|her) own|by (?:itself|themselves|himself|herself))\b`)
	fillers = regexp.MustCompile(`(?i)\b(?:just|only|alone|instead|one|ones|the one|the ones|please|pls|then|too|any|figure|numbers?|count|i mean|i meant|meant|itself|sorry|my bad|oops)\b|'s\b`)
)

// hesitation is what may come before a correction: hesitating words.
const hesitation = `(?:(?:` + hesitating + `)\b[\s,.:;!—–-]*)*`

const (
	hesitating = `wait|hold on|hang on|hmm+|oh|ah|um+|uh+|err?|ugh|whoops`
	correcting = `no+|nope|nah|not quite|wrong|sorry|actually|oops|my bad|rather|i mean|i meant|meant|instead`
)

// ordinalWords writes ordinals in digits as words.
var ordinalWords = strings.NewReplacer("1st", "first", "2nd", "second", "3rd", "third", "4th", "fourth", "5th", "fifth")

// cutSwitch returns the turn without its change-of-topic opening, if it
// has one and more follows.
func cutSwitch(q string) (string, bool) {
	loc := switchLead.FindStringIndex(q)
	if loc == nil || loc[1] >= len(q) {
		return q, false
	}
	return strings.TrimSpace(q[loc[1]:]), true
}

// splitCorrection splits a correction ("mirziyoyev not berdimuhamedov",
// "not the multilateral ones, the bilateral ones") into what is meant and
// what is not.
func splitCorrection(t string) (pos, neg string) {
	var negs []string
	for _, m := range notPart.FindAllStringSubmatch(t, -1) {
		negs = append(negs, m[1])
	}
	pos = notPart.ReplaceAllString(t, " ")
	return strings.TrimSpace(pos), strings.Join(negs, " ")
}

// notPart is "not X" up to a comma, "but" or the end.
var notPart = regexp.MustCompile(`(?i)\b(?:not|rather than|instead of)\s+([^,;]+?)\s*(?:,|;|\bbut\b|$)`)

// content returns the analysed content words of text: no stop words, no
// question type words.
func (r *Reader) content(text string) []string {
	return r.terms(withoutTypeWords(text))
}

// refers reports whether a turn points at the last one through a pronoun
// or demonstrative.
func (r *Reader) refers(t string) bool {
	return len(referringSpans(t)) > 0
}

// referringSpans returns where t uses a referring word to point back:
// not "is there", "there are", "said that he …", "so that", "that the".
func referringSpans(t string) [][]int {
	var out [][]int
	for _, loc := range referring.FindAllStringIndex(t, -1) {
		w := strings.ToLower(t[loc[0]:loc[1]])
		before, after := lastWord(t[:loc[0]]), firstWord(t[loc[1]:])
		switch {
		case w == "there" && (thereBefore[before] || thereAfter[after]):
			continue
		case w == "that" && after != "" && (thatBefore[before] || thatAfter[after]):
			continue
		}
		out = append(out, loc)
	}
	return out
}

var (
	thereBefore = words("is are was were be been will")
	thereAfter  = words("is are was were be been will")
	// "said that China …": a clause, not a pointer.
	thatBefore = words("say says said think thinks thought claim claims claimed report reports reported true so such now given know knows knew")
	thatAfter  = words("the a an it he she they there we i")
)

func words(list string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(list) {
		out[w] = true
	}
	return out
}

// lastWord and firstWord are the lower-cased last and first words of s.
func lastWord(s string) string {
	f := questionWords(strings.ToLower(s))
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func firstWord(s string) string {
	f := questionWords(strings.ToLower(s))
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// maxElliptic is how many content words a turn without a verb of its own
// may hold and still lean on the last one ("kyrgyz section alone?").
const maxElliptic = 3

// elliptic reports whether a turn leaves out what the last one said: it
// opens with "and", "what about" and the like, or it is a bare question
// word or a few words with no question of their own ("when?", "2023?",
// "kyrgyzstan").
func (r *Reader) elliptic(t string) bool {
	if ellipsisLead.MatchString(t) {
		return true
	}
	words := questionWords(t)
	if len(words) > maxElliptic+2 {
		return false
	}
	if len(r.content(t)) > maxElliptic {
		return false
	}
	// A question word followed by a verb asks a question of its own
	// ("who won", "when did it end").
	return !ownQuestion.MatchString(t)
}

// ownQuestion is a question word with a verb after it.
var ownQuestion = regexp.MustCompile(`(?i)^(?:\w+ )?(?:what|which|who|whom|whose|when|where|why|how(?: \w+)?)(?:'s| is| are| was| were| did| does| do| will| has| have| can| could)\b`)

// ownWords is t without the words that point back.
func (r *Reader) ownWords(t string) string {
	var b strings.Builder
	prev := 0
	for _, loc := range referringSpans(t) {
		b.WriteString(t[prev:loc[0]])
		prev = loc[1]
	}
	b.WriteString(t[prev:])
	return tidy(b.String())
}

// substitute writes the referring words of t out as what they point at in
// the last turn: a person pronoun as the person it named, "there" as its
// place, any other as its topic.
func (r *Reader) substitute(t string, last Turn, lex Rarity) string {
	locs := referringSpans(t)
	if len(locs) == 0 {
		return t + " " + r.topic(last, t, lex)
	}
	// The names first: the topic then leaves out what the turn holds.
	var names []string
	for _, loc := range locs {
		w := t[loc[0]:loc[1]]
		switch {
		case personPronoun.MatchString(w):
			names = append(names, r.named(last, corpus.AliasPeople, lex))
		case placePronoun.MatchString(w):
			names = append(names, r.named(last, corpus.AliasPlaces, lex))
		}
	}
	topic := r.topic(last, t+" "+strings.Join(names, " "), lex)
	var b strings.Builder
	prev, used := 0, false
	for _, loc := range locs {
		w := t[loc[0]:loc[1]]
		b.WriteString(t[prev:loc[0]])
		prev = loc[1]
		switch {
		case personPronoun.MatchString(w):
			if p := r.named(last, corpus.AliasPeople, lex); p != "" {
				b.WriteString(p)
				continue
			}
		case placePronoun.MatchString(w):
			if p := r.named(last, corpus.AliasPlaces, lex); p != "" {
				b.WriteString(p)
				continue
			}
		}
		if used {
			// The topic once is enough: "how long is it and what does
			// it cost" reads it once.
			continue
		}
		b.WriteString(topic)
		used = true
	}
	b.WriteString(t[prev:])
	return b.String()
}

// named returns how the last turn named a person or a place (its
// question first, then its answer), the rarest in the documents when it
// named several.
func (r *Reader) named(last Turn, kind string, lex Rarity) string {
	for _, text := range []string{last.Question, last.Answer} {
		var best string
		bestIDF := -1.0
		for _, s := range r.groupSpans(text) {
			if s.kind != kind {
				continue
			}
			if idf := r.rarity(s.terms, lex); idf > bestIDF {
				best, bestIDF = text[s.start:s.end], idf
			}
		}
		if best != "" {
			return best
		}
	}
	return ""
}

// topic is what the last turn asked about: the words of its question
// that name something the documents hold (its names, and the words of it
// the documents hold that are not everyday words of asking), in order,
// without what it asked of them ("the total cost of") and without the
// words the turn itself holds (given). "yo which railway did xi push for
// with the kyrgyz president lol" → "railway xi push kyrgyz president".
func (r *Reader) topic(last Turn, given string, lex Rarity) string {
	t := strings.TrimRight(last.Question, "?!. ")
	t = typeWords.ReplaceAllString(t, " ")
	t = attributeOf.ReplaceAllString(t, " ")
	inGroup := make([]bool, len(t))
	for _, s := range r.groupSpans(t) {
		for i := s.start; i < s.end; i++ {
			inGroup[i] = true
		}
	}
	drop := r.lang.Terms(given)
	var out []string
	for _, loc := range topicWord.FindAllStringIndex(t, -1) {
		w := t[loc[0]:loc[1]]
		ts := r.lang.Terms(w)
		switch {
		case inGroup[loc[0]]:
		case len(ts) == 0 || questionStop[ts[0]] || r.lang.IsCommon(ts[0]) || !lex.Known(ts[0]):
			continue
		}
		if len(ts) > 0 && slices.Contains(drop, ts[0]) {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// topicWord is a word of a question, with its inner hyphens, dashes and
// apostrophes ("china–kyrgyzstan–uzbekistan", "xi'an").
var topicWord = regexp.MustCompile(`[\p{L}\p{N}]+(?:['’\-–][\p{L}\p{N}]+)*`)

// attributeOf is what the last question asked of its topic ("the total
// cost of", "the length of"): not part of what a pronoun points at.
var attributeOf = regexp.MustCompile(`(?i)^\s*(?:the\s+)?(?:\w+\s+)?(?:cost|price|value|worth|length|distance|size|number|amount|date|name|capacity|share|total|figure|count|route)\s+(?:of|for)\b|\b(?:called|named)\b`)

// combine completes an elliptic or corrective turn from the last turn:
// the last question with the turn's question words in place of its own,
// the turn's names, years and ordinals in place of those of the same kind,
// what the correction rules out taken away, and the turn's other words
// added.
func (r *Reader) combine(last Turn, pos, neg string, lex Rarity) string {
	q := strings.TrimRight(last.Question, "?!. ")
	rest := pos
	// What the correction rules out is replaced by what it means, name
	// for name of the same kind; what is left of it goes.
	if neg != "" {
		q, rest = r.replaceRuledOut(q, rest, neg)
		q = r.without(q, r.terms(neg))
	}
	// The turn's question words replace the last one's.
	if loc := questionPhrase(pos); loc != nil {
		wh := pos[loc[0]:loc[1]]
		rest = pos[:loc[0]] + " " + pos[loc[1]:]
		if ql := questionPhrase(q); ql != nil {
			q = q[:ql[0]] + wh + q[ql[1]:]
		} else {
			q = wh + " " + q
		}
	}
	// Years and ordinals replace the last one's, or are added.
	for _, re := range []*regexp.Regexp{years, ordinals} {
		for _, m := range re.FindAllString(rest, -1) {
			m = ordinalWords.Replace(strings.ToLower(m))
			if old := re.FindStringIndex(q); old != nil {
				q = q[:old[0]] + m + q[old[1]:]
			} else {
				q = insertOrdinal(q, m)
			}
		}
		rest = re.ReplaceAllString(rest, " ")
	}
	// Names replace those of the same kind the last one gave: the rarest
	// of them, since the common ones (China, Xi) are the backdrop of
	// every question.
	lastSpans := r.allSpans(q)
	for _, s := range r.groupSpans(rest) {
		if slices.ContainsFunc(lastSpans, func(l span) bool { return l.group == s.group }) {
			continue
		}
		i := r.rarestOfKind(lastSpans, s, lex)
		if i < 0 {
			continue
		}
		l := lastSpans[i]
		q = q[:l.start] + rest[s.start:s.end] + q[l.end:]
		rest = rest[:s.start] + strings.Repeat(" ", s.end-s.start) + rest[s.end:]
		lastSpans = r.allSpans(q)
	}
	// What else the turn says is added, unless the question says it.
	rest = fillers.ReplaceAllString(rest, " ")
	have := r.terms(q)
	var add []string
	for _, w := range strings.Fields(rest) {
		ts := r.terms(w)
		if len(ts) == 0 {
			continue
		}
		if !slices.ContainsFunc(ts, func(t string) bool { return !slices.Contains(have, t) }) {
			continue
		}
		add = append(add, strings.Trim(w, "?!.,;:"))
	}
	if len(add) > 0 {
		q += " " + strings.Join(add, " ")
	}
	return tidy(q)
}

// replaceRuledOut replaces in q each name neg rules out by the name of
// the same kind pos gives, and returns q and what of pos is left.
func (r *Reader) replaceRuledOut(q, pos, neg string) (string, string) {
	for _, n := range r.groupSpans(neg) {
		qs := r.groupSpans(q)
		i := slices.IndexFunc(qs, func(s span) bool { return s.group == n.group })
		if i < 0 {
			continue
		}
		for _, p := range r.groupSpans(pos) {
			if p.kind == n.kind && p.group != n.group {
				q = q[:qs[i].start] + pos[p.start:p.end] + q[qs[i].end:]
				pos = pos[:p.start] + strings.Repeat(" ", p.end-p.start) + pos[p.end:]
				break
			}
		}
	}
	return q, pos
}

// questionPhrase returns the byte range of the question words of q
// ("when", "how long", "in which city"), or nil.
func questionPhrase(q string) []int {
	low := strings.ToLower(q)
	for _, p := range typePatterns {
		if loc := p.re.FindStringIndex(low); loc != nil {
			return loc
		}
	}
	return bareWh.FindStringIndex(low)
}

// bareWh is a question word alone, where no type pattern matched
// ("what", "which").
var bareWh = regexp.MustCompile(`\b(?:what|which)\b`)

// insertOrdinal puts an ordinal before the subject word of q ("summit"),
// or at its end.
func insertOrdinal(q, ord string) string {
	if loc := eventWord.FindStringIndex(q); loc != nil {
		at := loc[0]
		// Before the words that qualify the event: "the [first] China–Central Asia summit".
		if the := strings.LastIndex(strings.ToLower(q[:at]), "the "); the >= 0 {
			at = the + len("the ")
		}
		return q[:at] + ord + " " + q[at:]
	}
	return q + " " + ord
}

// eventWord finds a word that names an event.
var eventWord = regexp.MustCompile(`(?i)\b(?:summit|meeting|conference|forum|visit|trip|plant|section|round)\b`)

// without removes from q the words whose analysed terms are in drop.
func (r *Reader) without(q string, drop []string) string {
	var b strings.Builder
	last := 0
	for _, loc := range wordSpans.FindAllStringIndex(q, -1) {
		ts := r.lang.Terms(q[loc[0]:loc[1]])
		if len(ts) > 0 && slices.Contains(drop, ts[0]) {
			b.WriteString(q[last:loc[0]])
			last = loc[1]
		}
	}
	b.WriteString(q[last:])
	return b.String()
}

// span is where an alias group is expressed in a text.
type span struct {
	group      int
	kind       string
	start, end int
	terms      []string
}

// groupSpans returns the alias groups a text expresses, with where; of
// expressions that overlap, the longest ("Kyrgyz President" over
// "Kyrgyz").
func (r *Reader) groupSpans(text string) []span {
	return outermost(r.allSpans(text))
}

// allSpans returns every alias group expressed in a text, nested ones
// too ("Kyrgyz" inside "Kyrgyz President").
func (r *Reader) allSpans(text string) []span {
	toks := r.lang.Tokens(text)
	terms := make([]string, len(toks))
	for i, t := range toks {
		terms[i] = t.Term
	}
	al := r.lang.Aliases()
	var out []span
	for _, m := range al.Find(text, terms) {
		if m.N == 0 {
			continue // an exact, case-sensitive expression: no span
		}
		out = append(out, span{group: m.Group, kind: al.Kind(m.Group), start: toks[m.At].Start, end: toks[m.At+m.N-1].End, terms: m.Terms})
	}
	return out
}

// outermost keeps, of spans that overlap, the longest.
func outermost(out []span) []span {
	slices.SortStableFunc(out, func(a, b span) int { return (b.end - b.start) - (a.end - a.start) })
	var kept []span
	for _, s := range out {
		if !slices.ContainsFunc(kept, func(k span) bool { return s.start < k.end && k.start < s.end }) {
			kept = append(kept, s)
		}
	}
	slices.SortFunc(kept, func(a, b span) int { return a.start - b.start })
	return kept
}

// rarestOfKind returns the index of the rarest span of spans of the same
// kind as s, or -1. Roles never swap.
func (r *Reader) rarestOfKind(spans []span, s span, lex Rarity) int {
	if s.kind == corpus.AliasRoles {
		return -1
	}
	best, bestIDF := -1, -1.0
	for i, l := range spans {
		if l.kind != s.kind {
			continue
		}
		if idf := r.rarity(l.terms, lex); idf > bestIDF {
			best, bestIDF = i, idf
		}
	}
	return best
}

// rarity is the highest IDF of terms.
func (r *Reader) rarity(terms []string, lex Rarity) float64 {
	out := 0.0
	for _, t := range terms {
		out = max(out, lex.IDF(t))
	}
	return out
}

// tidy collapses spaces and drops stray punctuation at the ends.
func tidy(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	return strings.Trim(q, " ,;:")
}
