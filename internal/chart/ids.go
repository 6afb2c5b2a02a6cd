package chart

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// zrenderNames matches the names zrender gives in an SVG it renders: its
// painter's id ("zr" and a number the page counts up with every chart) and
// a kind ("g" gradient, "s" shadow, "p" pattern, "c" clip path, "cls-" CSS
// class, "ani-" animation) with a number (classes are counted across the
// page, the rest per chart). A tab that draws many charts gives each other
// names, and two charts in one document would share "zr0-g0".
var zrenderNames = regexp.MustCompile(`zr[0-9]+-(cls-|ani-|[gspc])[0-9]+`)

// idPrefix matches a prefix renumberIDs gives.
var idPrefix = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// chartIDPrefix is the prefix of the ids and classes of figure f's chart:
// one per dashboard, so that the pack's report, which shows every diagram
// in one document, has each id once.
func chartIDPrefix(f Figure) string {
	return "gapmap-" + f.Dashboard
}

// renumberIDs checks svg, a chart's SVG, and names its ids and classes
// anew. It fails unless svg is well-formed XML whose every element passes
// checkElement. Every name that names matches becomes prefix, its kind and
// a number counted per kind in order of first appearance
// ("gapmap-coverage-g0", "gapmap-coverage-cls-3"). Names are renamed where
// SVG holds them, in start tags (id, class, fill="url(#…)", clip-path) and
// in the <style> sheet; the text of labels is left as it is. The same chart
// drawn in any tab, first or hundredth, gets the same names.
func renumberIDs(svg string, names *regexp.Regexp, prefix string) (string, error) {
	if !idPrefix.MatchString(prefix) {
		return "", fmt.Errorf("id prefix %q: want lower-case letters, digits and hyphens", prefix)
	}
	renamed := map[string]string{}
	counts := map[string]int{}
	rename := func(name string) string {
		if to, ok := renamed[name]; ok {
			return to
		}
		m := names.FindStringSubmatch(name)
		kind := m[len(m)-1]
		to := prefix + "-" + kind + strconv.Itoa(counts[kind])
		counts[kind]++
		renamed[name] = to
		return to
	}
	dec := xml.NewDecoder(strings.NewReader(svg))
	dec.Strict = true
	var b strings.Builder
	b.Grow(len(svg) + len(svg)/16)
	var from int64
	style := 0 // depth inside <style>
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", fmt.Errorf("the chart's SVG is not well-formed: %w", err)
		}
		to := dec.InputOffset()
		raw := svg[from:to]
		from = to
		switch tok := tok.(type) {
		case xml.StartElement:
			if err := checkElement(tok); err != nil {
				return "", err
			}
			if strings.EqualFold(tok.Name.Local, "style") {
				style++
			}
			raw = names.ReplaceAllStringFunc(raw, rename)
		case xml.EndElement:
			if strings.EqualFold(tok.Name.Local, "style") {
				style--
			}
		case xml.CharData:
			if style > 0 {
				raw = names.ReplaceAllStringFunc(raw, rename)
			}
		}
		b.WriteString(raw)
	}
	b.WriteString(svg[from:])
	return b.String(), nil
}

// prefixNames matches the names renumberIDs gave with prefix.
func prefixNames(prefix string) *regexp.Regexp {
	return regexp.MustCompile(regexp.QuoteMeta(prefix) + `-(cls-|ani-|[gspc])[0-9]+`)
}
