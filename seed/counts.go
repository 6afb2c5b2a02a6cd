package seed

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// A free text of the seed (a description, a note, a size note) reaches
// every export and the API as it is written: no suppression rule reads it.
// A small count of people in it ("1 identified in 2021, 2 in 2022") would
// be shown past the suppression of the counts that the tables and charts
// suppress. SmallCounts finds them, so that gapmap check can refuse them.

// freeText is one text field of an item, and where it is.
type freeText struct {
	path  string
	line  int
	ref   string
	field string
	text  string
}

// countedWord matches a word that, after a number, makes it a count of
// people (English and Norwegian): "2 children", "1 identified", "3 ofre".
var countedWord = regexp.MustCompile(`^(?:victims?|child(?:ren)?|persons?|people|adults?|wom[ae]n|m[ae]n|boys?|girls?|minors?|cases?|` +
	`identified|presumed|individuals?|offer|ofre(?:ne)?|barn(?:a|et)?|personer|kvinner?|menn|mann|gutter?|jenter?|voksne|` +
	`mindreårige|identifisert|saker)$`)

// yearWord matches a year, as in "2 in 2022".
var yearWord = regexp.MustCompile(`^(?:19|20)[0-9]{2}$`)

// boundWord is a word before a number that makes it a bound or a
// reference, not a count: "fewer than 5", "under 5", "færre enn 5", "§ 3",
// "article 4".
var boundWord = regexp.MustCompile(`^(?:than|under|below|enn|§|article|artikkel|no|nr|paragraph|round|runde)$`)

// SmallCounts returns an error for each free text of s (every text field
// of an item but its id) that gives a count of people under threshold: a
// number from 1 to threshold-1 followed, within three words, by a word for
// people or for being identified ("2 children", "1 identified by the
// police"), or by "in" and a year ("2 in 2022"). Numbers that are part of
// a larger one, a decimal, a range, a reference ("§ 3", "GRETA(2022)07")
// or a bound ("fewer than 5") are not counts.
func (s *Seed) SmallCounts(threshold int) ErrorList {
	var errs ErrorList
	for _, t := range s.texts {
		for _, c := range smallCounts(t.text, threshold) {
			errs = append(errs, Error{Path: t.path, Line: t.line, Msg: fmt.Sprintf(
				"%s: %s: %q is a count of people under the suppression threshold (%d), which every export and the API would show: "+
					"write the fact without it (\"fewer than %d\")", t.ref, t.field, c, threshold, threshold)})
		}
	}
	return errs
}

// smallCounts returns the phrases of text that give a count under
// threshold: the number and the words up to the one that makes it a count.
func smallCounts(text string, threshold int) []string {
	words := strings.FieldsFunc(text, unicode.IsSpace)
	var out []string
	for i, w := range words {
		n, ok := bareNumber(w)
		if !ok || n < 1 || n >= threshold {
			continue
		}
		if i > 0 && boundWord.MatchString(strings.ToLower(trimWord(words[i-1]))) {
			continue
		}
		for j := i + 1; j < len(words) && j <= i+3; j++ {
			next := strings.ToLower(trimWord(words[j]))
			end := 0
			switch {
			case countedWord.MatchString(next):
				end = j + 1
			case j == i+1 && (next == "in" || next == "i") && j+1 < len(words) && yearWord.MatchString(trimWord(words[j+1])):
				end = j + 2
			}
			if end > 0 {
				out = append(out, strings.TrimRightFunc(strings.Join(words[i:end], " "), unicode.IsPunct))
				break
			}
			if w := words[j]; strings.ContainsAny(w[len(w)-1:], ".;:") {
				break // the sentence or clause ends
			}
		}
	}
	return out
}

// bareNumber returns the whole number a word is. A word with anything else
// in it ("§3", "17–18", "5.2", "(2022)07", "1's", or "2." that ends a
// clause) is no count.
func bareNumber(w string) (int, bool) {
	if w == "" || len(w) > 6 {
		return 0, false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(w)
	return n, err == nil
}

// trimWord removes the punctuation around a word.
func trimWord(w string) string {
	return strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) && r != '-' })
}
