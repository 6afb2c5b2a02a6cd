// Package locale holds the words gapmap prints (pages, dashboards, chart
// files, findings) in every language it speaks, read from message files a
// translator edits without Go: messages/<language>/<domain>.json, embedded
// in the binary. A domain is one file name; each language is one folder,
// so adding a language means adding a folder of files. The domains:
//
//   - web: the pages (internal/web); fields: the service form's check
//     messages, keyed by their English format
//   - dashboards, evidence: the dashboards' charts, tables and notes
//   - chart, unknown: the chart files, the PDF report and the pack (its
//     section "What we do not know")
//   - findings: the words and {placeholder} sentence templates findings'
//     titles are built from; findings_format: the findings' text and CSV
//     formats
//   - dates: the long date pattern and the month names
//
// Messages are printf-style formats, printed by golang.org/x/text/message:
// numbers in %d and %f print with the language's CLDR grouping and decimal
// mark ("1 234" in Norwegian, "1,234" in English), while %#d prints a
// number that names rather than counts (a year, a version) as it is: "as
// of %#d" prints "as of 2025". A message may select its words by the
// plural form of an argument (feature/plural):
//
//	"login.limited": {"plural": {"arg": 1, "one": "Try again in %d minute.", "other": "Try again in %d minutes."}}
//
// A plural chooses by a number it prints, unless it says "unprinted": true,
// for a count the sentence implies (the number of ranks a list names):
//
//	"apart": {"plural": {"arg": 1, "unprinted": true, "one": ", apart from the people of finding %[2]s.", "other": ", apart from the people of findings %[2]s."}}
//
// A Catalog is built once by New (or Load) and never changes after; it is
// safe for concurrent use. English ("en") is the source language: a message
// missing in another language falls back to it, and a key missing in both
// prints as itself.
package locale

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Source is the source language: every message exists in it, and a message
// missing in another language falls back to it.
const Source = "en"

//go:embed messages
var files embed.FS

// Catalog holds every message of every domain in every language.
type Catalog struct {
	langs    []string // sorted
	tags     map[string]language.Tag
	domains  map[string]*Domain
	printers map[string]*message.Printer // domain-free, for numbers
}

// New returns the catalogue of the message files embedded in gapmap.
func New() (*Catalog, error) {
	sub, err := fs.Sub(files, "messages")
	if err != nil {
		return nil, fmt.Errorf("locale: %w", err)
	}
	return Load(sub)
}

// Load returns the catalogue of the message files in fsys: one folder per
// language, named by its BCP 47 tag ("en", "nb"), holding one <domain>.json
// file per domain. The folder of the source language (en) must exist. An
// error names the file and line of the first bad message.
func Load(fsys fs.FS) (*Catalog, error) {
	dirs, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("locale: reading the message folders: %w", err)
	}
	c := &Catalog{
		tags:     map[string]language.Tag{},
		domains:  map[string]*Domain{},
		printers: map[string]*message.Printer{},
	}
	msgs := map[string]map[string]map[string]Message{} // domain, lang, key
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		lang := d.Name()
		tag, err := language.Parse(lang)
		if err != nil || tag.String() != lang {
			return nil, fmt.Errorf("locale: folder %q is not a language tag in its canonical form, such as en, nb or pt-BR", lang)
		}
		c.langs = append(c.langs, lang)
		c.tags[lang] = tag
		c.printers[lang] = message.NewPrinter(tag)
		names, err := fs.Glob(fsys, path.Join(lang, "*.json"))
		if err != nil {
			return nil, fmt.Errorf("locale: %w", err)
		}
		for _, name := range names {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("locale: %w", err)
			}
			m, err := parseFile(name, data)
			if err != nil {
				return nil, err
			}
			domain := strings.TrimSuffix(path.Base(name), ".json")
			if msgs[domain] == nil {
				msgs[domain] = map[string]map[string]Message{}
			}
			msgs[domain][lang] = m
		}
	}
	if _, ok := c.tags[Source]; !ok {
		return nil, fmt.Errorf("locale: no folder for the source language %q", Source)
	}
	slices.Sort(c.langs)
	for name, byLang := range msgs {
		d, err := newDomain(name, c, byLang)
		if err != nil {
			return nil, err
		}
		c.domains[name] = d
	}
	return c, nil
}

// Languages returns the languages of the catalogue, sorted.
func (c *Catalog) Languages() []string { return slices.Clone(c.langs) }

// Known reports whether lang is a language of the catalogue.
func (c *Catalog) Known(lang string) bool {
	_, ok := c.tags[lang]
	return ok
}

// Lang returns lang if the catalogue has it, and the source language
// otherwise.
func (c *Catalog) Lang(lang string) string {
	if c.Known(lang) {
		return lang
	}
	return Source
}

// Tag returns the language tag of lang (of the source language if the
// catalogue does not have lang).
func (c *Catalog) Tag(lang string) language.Tag { return c.tags[c.Lang(lang)] }

// Domains returns the names of the catalogue's domains, sorted.
func (c *Catalog) Domains() []string {
	var ns []string
	for n := range c.domains {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	return ns
}

// Domain returns the domain called name (a file name without .json). A
// domain no file defines is empty: every key prints as itself.
func (c *Catalog) Domain(name string) *Domain {
	if d, ok := c.domains[name]; ok {
		return d
	}
	d, _ := newDomain(name, c, nil)
	return d
}

// Number formats n (any integer or floating-point value) with the CLDR
// grouping and decimal mark of lang: "1 234" (with a no-break space) in
// Norwegian, "1,234" in English.
func (c *Catalog) Number(lang string, n any) string {
	return c.printers[c.Lang(lang)].Sprint(number.Decimal(n))
}

// Date formats t's day in lang's long CLDR style: "7 December 2026",
// "7. desember 2026". The pattern and the month names are the messages
// date.long and month.1 ... month.12 of the dates domain.
func (c *Catalog) Date(lang string, t time.Time) string {
	d := c.Domain("dates")
	month := d.Text(lang, fmt.Sprintf("month.%d", int(t.Month())))
	return d.Sprintf(lang, "date.long", fmt.Sprint(t.Day()), month, fmt.Sprint(t.Year()))
}
