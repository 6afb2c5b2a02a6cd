package locale

import (
	"time"

	"fmt"
	"slices"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Message is one message of a message file: a printf-style Text, or a
// Plural choice among texts.
type Message struct {
	Text   string
	Plural *Plural
	Line   int // in its file
}

// Plural chooses a text by the plural form of argument Arg (1-based, as in
// %[1]d) formatted as Format ("" or "%d" for whole numbers).
//
// Unprinted marks a plural whose choosing argument is a count the sentence
// implies but does not print: ", apart from the people of findings %[2]s."
// chooses "finding" or "findings" by argument 1, the number of findings
// argument 2 lists. No
// case may then print argument Arg (so that a translator who prints the
// wrong argument is told).
type Plural struct {
	Arg       int
	Format    string
	Unprinted bool
	Cases     []Case // in the order they are tried; the last is "other"
}

// Case is one choice of a plural message: Selector is "zero", "one", "two",
// "few", "many", "other", "=N" (the argument is N) or "<N".
type Case struct {
	Selector string
	Text     string
}

// texts returns every text of m: its text, or each case of its plural.
func (m Message) texts() []string {
	if m.Plural == nil {
		return []string{m.Text}
	}
	var ts []string
	for _, c := range m.Plural.Cases {
		ts = append(ts, c.Text)
	}
	return ts
}

// Domain holds the messages of one domain (one file name) in every
// language. It is safe for concurrent use.
type Domain struct {
	name     string
	cat      *Catalog
	msgs     map[string]map[string]Message // lang, key
	printers map[string]*message.Printer
}

func newDomain(name string, c *Catalog, msgs map[string]map[string]Message) (*Domain, error) {
	b := catalog.NewBuilder()
	for lang, m := range msgs {
		tag := c.tags[lang]
		for key, msg := range m {
			var err error
			if msg.Plural == nil {
				err = b.SetString(tag, key, msg.Text)
			} else {
				var cases []any
				for _, cs := range msg.Plural.Cases {
					cases = append(cases, cs.Selector, cs.Text)
				}
				err = b.Set(tag, key, plural.Selectf(msg.Plural.Arg, msg.Plural.Format, cases...))
			}
			if err != nil {
				return nil, fmt.Errorf("locale: %s/%s.json:%d: message %q: %w", lang, name, msg.Line, key, err)
			}
		}
	}
	d := &Domain{name: name, cat: c, msgs: msgs, printers: map[string]*message.Printer{}}
	for lang, tag := range c.tags {
		d.printers[lang] = message.NewPrinter(tag, message.Catalog(b))
	}
	return d, nil
}

// Name returns the domain's name.
func (d *Domain) Name() string { return d.name }

// Keys returns the keys of the domain's messages in lang, sorted.
func (d *Domain) Keys(lang string) []string {
	var ks []string
	for k := range d.msgs[lang] {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// Has reports whether the domain has message key in lang itself (without
// falling back to the source language).
func (d *Domain) Has(lang, key string) bool {
	_, ok := d.msgs[lang][key]
	return ok
}

// IsPlural reports whether message key, as lang uses it (or the source
// language, if lang lacks it), chooses its text by the plural form of a
// number.
func (d *Domain) IsPlural(lang, key string) bool {
	_, m, ok := d.lookup(lang, key)
	return ok && m.Plural != nil
}

// lookup returns the language whose message key is used for lang: lang
// itself, else the source language; ok is false if neither has it.
func (d *Domain) lookup(lang, key string) (string, Message, bool) {
	lang = d.cat.Lang(lang)
	if m, ok := d.msgs[lang][key]; ok {
		return lang, m, true
	}
	if m, ok := d.msgs[Source][key]; ok {
		return Source, m, true
	}
	return lang, Message{}, false
}

// Text returns the text of message key in lang as written (no verb is
// formatted), falling back to the source language and then to key itself.
// A plural message gives its "other" text.
func (d *Domain) Text(lang, key string) string {
	_, m, ok := d.lookup(lang, key)
	switch {
	case !ok:
		return key
	case m.Plural != nil:
		return m.Plural.Cases[len(m.Plural.Cases)-1].Text
	}
	return m.Text
}

// Sprintf formats message key in lang with args, as fmt.Sprintf does, but
// with lang's number formats and plural choices. A message missing in lang
// falls back to the source language; a key missing in both is used as the
// format itself.
func (d *Domain) Sprintf(lang, key string, args ...any) string {
	l, _, _ := d.lookup(lang, key)
	return d.printers[l].Sprintf(key, args...)
}

// Printer returns the domain's messages in lang.
func (d *Domain) Printer(lang string) *Printer {
	return &Printer{d: d, lang: d.cat.Lang(lang)}
}

// Printer prints one domain's messages in one language (for templates:
// {{.T "key"}}).
type Printer struct {
	d    *Domain
	lang string
}

// Lang returns the printer's language.
func (p *Printer) Lang() string { return p.lang }

// T returns the text of message key (see Domain.Text).
func (p *Printer) T(key string) string { return p.d.Text(p.lang, key) }

// Sprintf formats message key with args (see Domain.Sprintf).
func (p *Printer) Sprintf(key string, args ...any) string { return p.d.Sprintf(p.lang, key, args...) }

// Number formats n with the language's grouping (see Catalog.Number).
func (p *Printer) Number(n any) string { return p.d.cat.Number(p.lang, n) }

// Date formats t's day in the language's long style (see Catalog.Date).
func (p *Printer) Date(t time.Time) string { return p.d.cat.Date(p.lang, t) }
