// Command englishstems reduces an English word list to the analysed
// stems the engine embeds (index/lang/english.txt): lower-case words of
// three letters or more, apostrophes and proper names left out, each
// analysed as the index analyses text, sorted and unique. The list is
// SCOWL's, from Debian's wamerican package (see index/lang/english.NOTICE):
//
//	apt-get install wamerican
//	go run ./scripts/englishstems /usr/share/dict/american-english > index/lang/english.txt
package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/summitbot/summitbot/index/lang"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "englishstems:", err)
		os.Exit(1)
	}
}

func run() error {
	if len(os.Args) != 2 {
		return fmt.Errorf("usage: englishstems WORDLIST > english.txt")
	}
	l, err := lang.New(nil)
	if err != nil {
		return err
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		return err
	}
	defer f.Close()
	stems := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if len(w) < 3 || strings.ContainsFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) {
			continue
		}
		for _, t := range l.Terms(w) {
			stems[t] = true
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	out := make([]string, 0, len(stems))
	for s := range stems {
		out = append(out, s)
	}
	sort.Strings(out)
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(w, "# Analysed stems of the English words of SCOWL (Debian wamerican); see english.NOTICE and scripts/englishstems.")
	for _, s := range out {
		fmt.Fprintln(w, s)
	}
	return w.Flush()
}
