package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// reservedNames are file names some systems refuse (Windows devices).
var reservedNames = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// validID reports whether id can name a document: lowercase ASCII letters,
// digits and dashes, starting with a letter or digit, at most MaxIDLen, not
// a reserved device name. Such an id can never leave the documents
// directory ("../", "/", NUL and the like are impossible).
func validID(id string) bool {
	return len(id) <= MaxIDLen && idPattern.MatchString(id) && !reservedNames[id]
}

// Slug turns a title into an id: accents dropped, lower case, words joined
// by dashes, cut at a word within MaxIDLen-8 bytes (room for a "-N"
// suffix). A title with no letters or digits gives "doc".
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r): // combining accent: drop
		default:
			dash = true
		}
	}
	s := b.String()
	if limit := MaxIDLen - 8; len(s) > limit {
		s = s[:limit]
		if i := strings.LastIndexByte(s, '-'); i > limit/2 {
			s = s[:i]
		}
		s = strings.TrimRight(s, "-")
	}
	if s == "" {
		s = "doc"
	}
	if reservedNames[s] {
		s += "-doc"
	}
	return s
}

// NewID returns the slug of title, or the slug with the smallest suffix
// "-2", "-3", ... that taken does not report as used.
func NewID(title string, taken func(id string) bool) string {
	base := Slug(title)
	id := base
	for n := 2; taken(id); n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	return id
}
