package web

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gapmap/gapmap/graph"
)

// check validates e against l and records every problem in fe, under the
// field names the form and the API share: the node's own fields, and that
// every edge target exists and is of the right type. A checked edit may
// still be refused by the store if the landscape changes meanwhile; then
// nothing is written either.
func (e *serviceEdit) check(l *graph.Landscape, fe *fieldErrors) {
	n := e.Node
	e.checkText(fe)
	// Validate stops at its first problem; these find every one.
	if !slices.Contains(graph.Sectors, n.Sector) {
		fe.add("sector", "choose one of %s", strings.Join(strs(graph.Sectors), ", "))
	}
	if !slices.Contains(graph.Fundings, n.Funding) {
		fe.add("funding", "choose one of %s", strings.Join(strs(graph.Fundings), ", "))
	}
	if n.Capacity < 0 {
		fe.add("capacity", "must not be negative")
	}
	for _, g := range n.Genders {
		if !slices.Contains(graph.Genders, g) {
			fe.add("genders", "unknown gender %q", g)
		}
	}
	for _, a := range n.AgeBands {
		if !slices.Contains(graph.AgeBands, a) {
			fe.add("age_bands", "unknown age band %q", a)
		}
	}
	if err := n.Validate(); err != nil {
		fe.addErr(err, "name")
	}
	if n.Email != "" && !validEmail(n.Email) {
		fe.add("email", "%q is not an email address", n.Email)
	}
	if n.URL != "" && !webURL(n.URL) {
		fe.add("url", "must be a web address starting with https:// or http://")
	}
	for _, sf := range graph.ServiceFields() {
		if sf.Text != nil && len(*sf.Text(n)) > sf.Max {
			fe.add(sf.Name, "must be at most %d characters", sf.Max)
		}
	}
	if len(n.AltNames) > graph.MaxAltNames {
		fe.add("alt_names", "at most 20 other names")
	}
	if e.Org == "" {
		fe.add("organisation", "is required")
	} else if _, err := graph.Lookup[*graph.Organisation](l, e.Org); err != nil {
		fe.add("organisation", "no organisation with id %q", e.Org)
	}
	checkTargets[*graph.Status](l, fe, "accepts", slices.Sorted(maps.Keys(e.Accepts)))
	checkTargets[*graph.Need](l, fe, "meets", slices.Sorted(maps.Keys(e.Meets)))
	checkTargets[*graph.Exploitation](l, fe, "serves", e.Serves)
	checkTargets[*graph.Stage](l, fe, "stages", e.Stages)
	checkTargets[*graph.Region](l, fe, "covers", e.Covers)
	refs := slices.Sorted(maps.Keys(e.RefersTo))
	checkTargets[*graph.Service](l, fe, "refers_to", refs)
	if slices.Contains(refs, e.Node.ID) {
		fe.add("refers_to", "a service cannot refer to itself")
	}
	for field, ext := range map[string]map[string]graph.Extent{"accepts": e.Accepts, "meets": e.Meets} {
		for _, x := range ext {
			if x != "" && x != graph.ExtentPartial {
				fe.add(field, "unknown extent %q (want full or partial)", x)
			}
		}
	}
}

// checkText refuses invalid UTF-8 and control characters in the edit's
// texts, naming the field: a NUL or an escape code in a stored name would
// break exports and terminals. Tab and newline are allowed only in the
// descriptions, which are several lines. The lists are deduplicated
// (in their order) and capped.
func (e *serviceEdit) checkText(fe *fieldErrors) {
	n := e.Node
	for _, sf := range graph.ServiceFields() {
		switch {
		case sf.Text != nil:
			checkClean(fe, sf.Name, *sf.Text(n), sf.Kind == graph.KindLongText)
		case sf.List != nil:
			for _, v := range *sf.List(n) {
				checkClean(fe, sf.Name, v, false)
			}
		}
	}
	checkClean(fe, "organisation", e.Org, false)
	n.AltNames, n.Languages = dedup(n.AltNames), dedup(n.Languages)
	n.Genders, n.AgeBands = dedup(n.Genders), dedup(n.AgeBands)
	if len(n.Languages) > maxLanguages {
		fe.add("languages", "at most %d languages", maxLanguages)
	}
}

// maxLanguages is the most languages a service may list.
const maxLanguages = graph.MaxLanguages

// checkClean records a problem under field if s is not valid UTF-8 or
// holds a control character (tab, newline and carriage return are allowed
// when multiline).
func checkClean(fe *fieldErrors, field, s string, multiline bool) {
	if !utf8.ValidString(s) {
		fe.add(field, "is not valid UTF-8 text")
		return
	}
	pos := 0
	for _, r := range s {
		pos++
		if multiline && (r == '\t' || r == '\n' || r == '\r') {
			continue
		}
		if unicode.IsControl(r) {
			fe.add(field, "holds a control character (%U) at character %d; remove it", r, pos)
			return
		}
	}
}

// dedup returns list without repeated values, in its order.
func dedup[T comparable](list []T) []T {
	if len(list) < 2 {
		return list
	}
	seen := make(map[T]bool, len(list))
	out := list[:0:0]
	for _, v := range list {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// checkTargets records a problem under field for each id that is not a T
// in l, and for a repeated id.
func checkTargets[T graph.Node](l *graph.Landscape, fe *fieldErrors, field string, ids []string) {
	for i, id := range ids {
		if _, err := graph.Lookup[T](l, id); err != nil {
			var zero T
			fe.add(field, "no %s with id %q", zero.Type(), id)
		}
		if slices.Contains(ids[:i], id) {
			fe.add(field, "%q is listed twice", id)
		}
	}
}

// validEmail reports whether s looks like an email address: one @, with
// something on both sides and a dot in the domain.
func validEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && strings.Contains(domain, ".") && !strings.ContainsAny(s, " <>\"\t\r\n") && !strings.Contains(domain, "@")
}
