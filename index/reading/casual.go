package reading

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
)

//go:embed casual.txt
var casualList string

// casual maps chat forms to what they mean (casual.txt).
type casual struct {
	forms map[string]string
	re    *regexp.Regexp
}

// newCasual reads casual.txt.
func newCasual() (casual, error) {
	c := casual{forms: map[string]string{}}
	var alts []string
	for _, line := range strings.Split(casualList, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		form, meaning, ok := strings.Cut(line, "=")
		if !ok {
			return casual{}, fmt.Errorf("casual.txt: no \"=\" in %q", line)
		}
		form, meaning = strings.TrimSpace(form), strings.TrimSpace(meaning)
		if form == "" {
			return casual{}, fmt.Errorf("casual.txt: no form in %q", line)
		}
		if _, dup := c.forms[form]; !dup {
			alts = append(alts, regexp.QuoteMeta(form))
		}
		c.forms[form] = meaning
	}
	re, err := regexp.Compile(`(?i)(^|[^\p{L}\p{N}'’])(` + strings.Join(alts, "|") + `)($|[^\p{L}\p{N}'’])`)
	if err != nil {
		return casual{}, fmt.Errorf("casual.txt: %w", err)
	}
	c.re = re
	return c, nil
}

// expand writes out the chat forms of q.
func (c casual) expand(q string) string {
	// Matches share their boundary characters, so replace until stable
	// ("u r" needs two rounds).
	for range 3 {
		next := c.re.ReplaceAllStringFunc(q, func(m string) string {
			sub := c.re.FindStringSubmatch(m)
			meaning, ok := c.forms[strings.ToLower(sub[2])]
			if !ok {
				return m
			}
			if meaning == "" {
				return sub[1] + " " + sub[3]
			}
			return sub[1] + meaning + sub[3]
		})
		if next == q {
			break
		}
		q = next
	}
	return q
}

// smallTalk finds a greeting, thanks or a word to the bot with nothing to
// look up.
var smallTalk = regexp.MustCompile(`(?i)^(?:(?:hi|hello|hey|yo|hiya|howdy|sup|thanks|thank you|thx|ty|cheers|ok|okay|cool|nice|great|lol|lmao|gm|good (?:morning|evening|night)|bye|goodbye|how are you|who are you|what are you|are you a bot|are you there)[\s,.!?]*(?:bot|summitbot|there|all|everyone|guys|man|mate)?[\s,.!?]*)+$`)

func isSmallTalk(q string) bool { return smallTalk.MatchString(strings.TrimSpace(q)) }
