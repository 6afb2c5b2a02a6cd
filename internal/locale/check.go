package locale

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Check reports every fault of the catalogue a translator must fix: a
// domain file or a message that one language has and another lacks, and a
// message whose arguments differ from the source language's (verbs, by
// argument number, and {name} placeholders). A plural message's choosing
// argument must be printed by an integer verb in its "other" text.
func (c *Catalog) Check() error {
	var errs []error
	for _, name := range c.Domains() {
		d := c.domains[name]
		src := d.msgs[Source]
		for _, lang := range c.langs {
			m, ok := d.msgs[lang]
			if !ok {
				errs = append(errs, fmt.Errorf("%s/%s.json is missing (%s has it)", lang, name, Source))
				continue
			}
			for _, key := range slices.Sorted(maps.Keys(m)) {
				msg := m[key]
				if err := msg.check(); err != nil {
					errs = append(errs, fmt.Errorf("%s/%s.json:%d: message %q: %w", lang, name, msg.Line, key, err))
				}
				s, ok := src[key]
				if !ok {
					errs = append(errs, fmt.Errorf("%s/%s.json:%d: message %q is not in %s/%s.json", lang, name, msg.Line, key, Source, name))
					continue
				}
				if lang == Source {
					continue
				}
				if got, want := msg.signature(), s.signature(); got != want {
					errs = append(errs, fmt.Errorf("%s/%s.json:%d: message %q has arguments %s, but %s/%s.json:%d has %s",
						lang, name, msg.Line, key, got, Source, name, s.Line, want))
				}
			}
			for _, key := range slices.Sorted(maps.Keys(src)) {
				if _, ok := m[key]; !ok {
					errs = append(errs, fmt.Errorf("%s/%s.json: message %q is missing (%s/%s.json:%d has it)", lang, name, key, Source, name, src[key].Line))
				}
			}
		}
	}
	return errors.Join(errs...)
}

// check reports a plural message whose choosing argument is not an integer
// verb of its "other" text, or whose cases print other arguments than it.
func (m Message) check() error {
	if m.Plural == nil {
		return nil
	}
	other := m.Plural.Cases[len(m.Plural.Cases)-1].Text
	vs := verbs(other)
	if m.Plural.Unprinted {
		for _, cs := range m.Plural.Cases {
			if _, ok := verbs(cs.Text)[m.Plural.Arg]; ok {
				return fmt.Errorf(`plural: case %q prints argument %d, which "unprinted" says no case prints`, cs.Selector, m.Plural.Arg)
			}
		}
	} else if v, ok := vs[m.Plural.Arg]; !ok || (v != "d" && v != "v") {
		return fmt.Errorf(`plural: "other" must print argument %d with %%d`, m.Plural.Arg)
	}
	for _, cs := range m.Plural.Cases {
		for n, v := range verbs(cs.Text) {
			if vs[n] != v {
				return fmt.Errorf("plural: case %q prints argument %d with %%%s, but \"other\" does not", cs.Selector, n, v)
			}
		}
	}
	return nil
}

// signature says which arguments a message prints and how: "[1:%s 2:%d
// {need}]". A plural message's is its "other" text's, with its choosing
// argument.
func (m Message) signature() string {
	text := m.Text
	var parts []string
	if m.Plural != nil {
		text = m.Plural.Cases[len(m.Plural.Cases)-1].Text
		parts = append(parts, fmt.Sprintf("plural:%d", m.Plural.Arg))
		if m.Plural.Unprinted {
			parts[len(parts)-1] += ":unprinted"
		}
	}
	vs := verbs(text)
	for _, n := range slices.Sorted(maps.Keys(vs)) {
		parts = append(parts, fmt.Sprintf("%d:%%%s", n, vs[n]))
	}
	ph := placeholder.FindAllString(text, -1)
	slices.Sort(ph)
	parts = append(parts, slices.Compact(ph)...)
	return "[" + strings.Join(parts, " ") + "]"
}

// placeholder is a {name} a template fills (findings' sentences).
var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// verbs returns the printf verb of each argument (numbered from 1) format
// prints, as fmt reads it: flags, [n] argument indexes, widths and
// precisions (a * takes an argument, printed as "d"). The verb of %#d and
// %#v is "#d" and "#v": the # flag prints a number without the language's
// grouping (a year, a version), so a translation must keep it.
func verbs(format string) map[int]string {
	out := map[int]string{}
	arg := 1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		sharp := false
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			sharp = sharp || format[i] == '#'
			i++
		}
		index := func() {
			if i < len(format) && format[i] == '[' {
				if j := strings.IndexByte(format[i:], ']'); j > 0 {
					var n int
					if _, err := fmt.Sscanf(format[i+1:i+j], "%d", &n); err == nil {
						arg = n
					}
					i += j + 1
				}
			}
		}
		num := func() {
			index()
			if i < len(format) && format[i] == '*' {
				out[arg] = "d"
				arg++
				i++
				return
			}
			for i < len(format) && format[i] >= '0' && format[i] <= '9' {
				i++
			}
		}
		num()
		if i < len(format) && format[i] == '.' {
			i++
			num()
		}
		index()
		if i >= len(format) {
			break
		}
		v, size := utf8.DecodeRuneInString(format[i:])
		out[arg] = string(v)
		if sharp && (v == 'd' || v == 'v') {
			out[arg] = "#" + string(v)
		}
		arg++
		i += size - 1
	}
	return out
}
