package web

import (
	"regexp"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// nodeProp is a property a node page shows: the field, the label key of
// its heading ("prop."+field) and, for a field whose values are enum
// values, the kind of enum that names them.
type nodeProp struct {
	field, enum string
	number      bool
}

// nodeProps are the properties node pages show, in this order. A field not
// listed is never shown: a page shows no field name, only the words for
// it. The name, the description and the note are shown elsewhere on the
// page.
var nodeProps = []nodeProp{
	{field: "size_estimate", number: true},
	{field: "size_note"},
	{field: "genders", enum: "gender"},
	{field: "age_bands", enum: "age"},
	{field: "languages", enum: "language"},
	{field: "category", enum: "category"},
	{field: "duration"},
	{field: "legal_basis"},
	{field: "level", enum: "level"},
	{field: "population", number: true},
	{field: "kind", enum: "kind"},
	{field: "body"},
	{field: "reference"},
	{field: "round"},
	{field: "summary"},
	{field: "authors"},
	{field: "title"},
	{field: "alt_names"},
	{field: "url"},
	{field: "year"},
}

// Working labels in the seed's data texts: a status's description may
// begin with the label the notes the seed was written from give it ("S5. "),
// and other texts name statuses by it ("the rights of S0") or name nodes by
// their ids ("so health_primary is not entitled").
var (
	statePrefix = regexp.MustCompile(`^(S\d+)\.\s+`)
	stateLabel  = regexp.MustCompile(`\bS\d+\b`)
	idToken     = regexp.MustCompile(`\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b`)
)

// publicText is data text s as a public page in lang shows it: without a
// working label at its start, with the statuses it names by their working
// label and the nodes it names by their ids named by their names.
func publicText(l *graph.Landscape, lang, s string) string {
	s = statePrefix.ReplaceAllString(strings.TrimSpace(s), "")
	if l == nil {
		return s
	}
	if stateLabel.MatchString(s) {
		labels := map[string]string{}
		for _, st := range graph.All[*graph.Status](l) {
			if m := statePrefix.FindStringSubmatch(st.Description); m != nil {
				labels[m[1]] = st.Label(lang)
			}
		}
		s = stateLabel.ReplaceAllStringFunc(s, func(w string) string {
			if name, ok := labels[w]; ok {
				return "«" + name + "»"
			}
			return w
		})
	}
	return idToken.ReplaceAllStringFunc(s, func(w string) string {
		if n, ok := l.Node(w); ok {
			return n.Base().Label(lang)
		}
		return w
	})
}

// descriptionOf returns the description of node fields in lang: the
// Norwegian one on a Norwegian page when there is one.
func descriptionOf(l *graph.Landscape, fields map[string]any, lang string) string {
	if lang == "nb" {
		if d, ok := fields["description_nb"].(string); ok && d != "" {
			return publicText(l, lang, d)
		}
	}
	d, _ := fields["description"].(string)
	return publicText(l, lang, d)
}

// propsOf returns the properties of a node of type typ for its page in
// lang, each named in lang, enum values in words and numbers formatted.
func propsOf(l *graph.Landscape, fields map[string]any, typ graph.NodeType, lang string) []prop {
	var out []prop
	for _, p := range nodeProps {
		v, ok := fields[p.field]
		if !ok || v == nil || v == "" {
			continue
		}
		if nb, ok := fields[p.field+"_nb"].(string); ok && nb != "" && lang == "nb" {
			v = nb // the Norwegian text of a free-text field (summary_nb, duration_nb)
		}
		enum := p.enum
		if p.field == "kind" && typ == graph.TypeOrganisation {
			enum = "orgkind"
		}
		var text string
		switch {
		case p.number:
			if f, ok := v.(float64); ok {
				text = formatInt(lang, int64(f))
			} else {
				text = propValue(v) // a suppressed count: "<5"
			}
		case enum != "":
			var parts []string
			for _, x := range asList(v) {
				parts = append(parts, translateEnum(lang, enum, propValue(x)))
			}
			text = strings.Join(parts, ", ")
		default:
			text = publicText(l, lang, propValueLang(v, lang))
		}
		if text == "" {
			continue
		}
		out = append(out, prop{Key: translate(lang, "prop."+p.field), Value: text})
	}
	return out
}

// asList returns v as a list of values.
func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

// propValueLang formats a decoded JSON value for a page in lang.
func propValueLang(v any, lang string) string {
	switch v := v.(type) {
	case bool:
		if v {
			return translate(lang, "yes")
		}
		return translate(lang, "no")
	}
	return propValue(v)
}
