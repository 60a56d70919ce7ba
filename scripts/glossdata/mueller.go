package main

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// muellerSense is an English headword of the Mueller dictionary with the
// place a Russian word holds among its translations (0 for the first).
type muellerSense struct {
	en   string
	rank int
}

// mueller reads the Mueller English–Russian dictionary in dictd format
// (Debian's mueller7-dict: mueller7.index and mueller7.dict.dz, whose
// dictzip is gzip) and inverts it: each Russian word or phrase (three
// words at most) that an entry gives as a translation, lower-cased with ё
// written е, with the English headwords it translates, the headword whose
// first translations it is first. Examples ("trade balance торговый
// баланс") are left out: a segment is a translation only when it starts
// with a Cyrillic letter once its labels ("_attr.", "_разг.") are off.
func mueller(indexPath, dictPath string) (map[string][]muellerSense, error) {
	f, err := os.Open(dictPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dictPath, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dictPath, err)
	}
	ix, err := os.Open(indexPath)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	out := map[string][]muellerSense{}
	sc := bufio.NewScanner(ix)
	for n := 1; sc.Scan(); n++ {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) != 3 {
			return nil, fmt.Errorf("%s:%d: want headword, offset and length", indexPath, n)
		}
		en := strings.ToLower(strings.TrimSpace(parts[0]))
		off, err1 := base64Number(parts[1])
		size, err2 := base64Number(parts[2])
		if err := errors.Join(err1, err2); err != nil || off+size > len(data) {
			return nil, fmt.Errorf("%s:%d: bad offset or length (%v)", indexPath, n, err)
		}
		if strings.HasPrefix(en, "00-database") || len(strings.Fields(en)) > 3 || !isLatinWords(en) {
			continue
		}
		for rank, ru := range muellerTranslations(data[off : off+size]) {
			if !containsSense(out[ru], en) {
				out[ru] = append(out[ru], muellerSense{en: en, rank: rank})
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", indexPath, err)
	}
	for ru, ss := range out {
		sort.SliceStable(ss, func(i, j int) bool {
			if ss[i].rank != ss[j].rank {
				return ss[i].rank < ss[j].rank
			}
			return ss[i].en < ss[j].en
		})
		out[ru] = ss
	}
	return out, nil
}

var (
	// muellerNotes are transcriptions and notes in brackets.
	muellerNotes = regexp.MustCompile(`\[[^\]]*\]|\([^()]*\)|\{[^}]*\}`)
	// muellerMarks are sense numbers ("1.", "2)", "а)") and homonym
	// marks ("_I", "_II"), where a translation list ends.
	muellerMarks = regexp.MustCompile(`(?:^|\s)(?:\d+\.|\d+\)|[а-я]\)|_[IVX]+)`)
	// muellerLabel is a label ("_n.", "_attr.", "_разг.").
	muellerLabel = regexp.MustCompile(`^_\S*\s*`)
	// muellerOr separates alternatives within a translation.
	muellerOr = regexp.MustCompile(`\s+или\s+|\s*,\s*`)
)

// muellerTranslations returns the Russian translations of one entry, in
// order, each once.
func muellerTranslations(entry []byte) []string {
	lines := strings.Split(string(entry), "\n")
	if len(lines) < 2 {
		return nil
	}
	// The first line is the headword; the rest is wrapped text.
	text := strings.Join(lines[1:], " ")
	for {
		// Notes nest ("(в каком-л. (переносном) смысле)"): strip inside out.
		s := muellerNotes.ReplaceAllString(text, " ")
		if s == text {
			break
		}
		text = s
	}
	var out []string
	for _, chunk := range muellerMarks.Split(text, -1) {
		for _, seg := range strings.Split(chunk, ";") {
			seg = strings.TrimSpace(seg)
			for {
				s := strings.TrimSpace(muellerLabel.ReplaceAllString(seg, ""))
				if s == seg {
					break
				}
				seg = s
			}
			c, _ := utf8.DecodeRuneInString(seg)
			if !unicode.Is(unicode.Cyrillic, c) {
				// An example, a cross-reference ("= trade winds"), or
				// nothing.
				continue
			}
			for _, item := range muellerOr.Split(seg, -1) {
				if ru, ok := cleanRussian(item); ok && !slices.Contains(out, ru) {
					out = append(out, ru)
				}
			}
		}
	}
	return out
}

// cleanRussian returns a translation as a headword: Cyrillic words only
// (one to three), lower-cased, ё written е; ok is false for anything
// else (a placeholder such as "кого-л.", Latin text, a long phrase).
func cleanRussian(item string) (string, bool) {
	item = strings.Trim(strings.TrimSpace(item), ".!?:\"'")
	words := strings.Fields(item)
	if len(words) == 0 || len(words) > 3 {
		return "", false
	}
	for _, w := range words {
		if strings.HasSuffix(w, "-л") || strings.HasSuffix(w, "-л.") || strings.HasPrefix(w, "_") {
			return "", false
		}
		for _, r := range w {
			if !unicode.Is(unicode.Cyrillic, r) && r != '-' {
				return "", false
			}
		}
	}
	s := strings.ReplaceAll(strings.ToLower(strings.Join(words, " ")), "ё", "е")
	return s, true
}

// base64Number decodes a dictd index number (base 64, digits
// A–Z a–z 0–9 + /).
func base64Number(s string) (int, error) {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	n := 0
	for _, r := range s {
		d := strings.IndexRune(digits, r)
		if d < 0 {
			return 0, fmt.Errorf("%q is no dictd number", s)
		}
		n = n*64 + d
	}
	return n, nil
}

func isLatinWords(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r == ' ' || r == '-' || r == '\'') {
			return false
		}
	}
	return s != ""
}

func containsSense(ss []muellerSense, en string) bool {
	for _, s := range ss {
		if s.en == en {
			return true
		}
	}
	return false
}
