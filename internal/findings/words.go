package findings

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/locale"
)

// messages is the message catalogue embedded in internal/locale, parsed
// once: its findings domain (messages/<language>/findings.json) holds the
// words and {placeholder} sentence templates findings' titles are built
// from, and its findings_format domain the words of the formats.
var messages = sync.OnceValue(func() *locale.Catalog {
	c, err := locale.New()
	if err != nil {
		panic(fmt.Sprintf("findings: the embedded message catalogue: %v", err)) // a build fault: the locale tests parse it
	}
	return c
})

// lexicon gives the findings' words in one language.
type lexicon struct {
	lang string
	d    *locale.Domain
}

func lex(lang string) lexicon { return lexicon{lang: lang, d: messages().Domain("findings")} }

// w returns the word or template key (a key missing in lang falls back to
// English).
func (lx lexicon) w(key string) string { return lx.d.Text(lx.lang, key) }

// has reports whether the findings have a word for key.
func (lx lexicon) has(key string) bool { return lx.d.Has(locale.Source, key) }

// join lists words: "a, b or c".
func join(ws []string, last string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + last + ws[len(ws)-1]
}

// who says whom a finding concerns: "adults (25 and over), women and
// girls, with status Asylum seeker or Rejected asylum seeker, subject to
// Labour exploitation".
func who(f *Finding, lang string) string {
	lx := lex(lang)
	var head []string
	if slices.Equal(f.Profile.AgeBands, []graph.AgeBand{graph.AgeYoungAdult, graph.AgeAdult}) {
		head = []string{lx.w("adults")}
	} else {
		for _, a := range f.Profile.AgeBands {
			head = append(head, lx.w("age."+string(a)))
		}
	}
	s := join(head, lx.w("and"))
	var gs []string
	for _, g := range f.Profile.Genders {
		gs = append(gs, lx.w("gender."+string(g)))
	}
	switch {
	case s == "" && len(gs) > 0:
		s = join(gs, lx.w("or"))
	case s == "":
		s = lx.w("people")
	case len(gs) > 0:
		s += " (" + join(gs, lx.w("or")) + ")"
	}
	if len(f.Profile.Statuses) > 0 {
		// the statuses, or those it does not span when they are fewer
		in := map[string]bool{}
		for _, r := range f.Profile.Statuses {
			in[r.ID] = true
		}
		var ns, not []string
		all := f.m.Statuses
		if len(all) < f.full[dimStatus] { // a filter kept some statuses: name those the finding spans
			all = nil
			for _, r := range f.Profile.Statuses {
				all = append(all, r.ID)
			}
		}
		for _, id := range all {
			if st, err := graph.Lookup[*graph.Status](f.nm.l, id); err == nil && st.Terminal {
				continue // no one with it is in the country: never a status left out
			}
			if in[id] {
				ns = append(ns, label(f.nm.ref(id), lang))
			} else {
				not = append(not, label(f.nm.ref(id), lang))
			}
		}
		if len(not) < len(ns) && len(ns) > 2 {
			s += lx.w("every_status_but") + join(not, lx.w("and"))
		} else {
			s += lx.w("with_status") + join(ns, lx.w("or"))
		}
	}
	if len(f.Profile.Exploitation) > 0 {
		var ns []string
		for _, r := range f.Profile.Exploitation {
			ns = append(ns, strings.ToLower(label(r, lang)))
		}
		s += lx.w("subject_to") + join(ns, lx.w("or"))
	}
	return s
}

// where says where a finding holds.
func where(f *Finding, lang string) string {
	lx := lex(lang)
	var ns []string
	for _, r := range f.Regions.List {
		ns = append(ns, label(r, lang))
	}
	switch f.Regions.Mode {
	case RegionsIn:
		return lx.w("in") + join(ns, lx.w("and"))
	case RegionsExcept:
		return lx.w("except") + join(ns, lx.w("and"))
	}
	return lx.w("everywhere")
}

// when says at which stages.
func when(f *Finding, lang string) string {
	lx := lex(lang)
	if len(f.Stages) == f.full[dimStage] {
		return lx.w("every_stage")
	}
	var ns []string
	for _, r := range f.Stages {
		ns = append(ns, strings.ToLower(label(r, lang)))
	}
	if len(ns) == 1 {
		return lx.w("at_stage") + ns[0]
	}
	return lx.w("at_stages") + join(ns, lx.w("and"))
}

// title builds a finding's title sentence in lang from its structure.
func title(f *Finding, lang string) string {
	lx := lex(lang)
	tpl := lx.w("kind.other")
	if k := "kind." + string(f.Kind); lx.has(k) {
		tpl = lx.w(k)
	}
	from := ""
	if len(f.Transitions) > 0 {
		var ns []string
		for _, t := range f.Transitions {
			if n := label(t.From, lang); !slices.Contains(ns, n) {
				ns = append(ns, n)
			}
		}
		from = lx.w("from") + join(ns, lx.w("or"))
	}
	out := fill(tpl, func(key string) string {
		switch key {
		case "from":
			return from
		case "need":
			return label(f.Need, lang)
		case "who":
			return who(f, lang)
		case "where":
			return where(f, lang)
		case "when":
			return when(f, lang)
		case "kind":
			return strings.ReplaceAll(string(f.Kind), "_", " ")
		}
		return "{" + key + "}"
	})
	if len(f.apart) == 0 {
		return out
	}
	// at most three ranks are named, then how many more (apart_from
	// lists them all)
	var ranks []string
	for _, k := range f.apart[:min(len(f.apart), 3)] {
		ranks = append(ranks, strconv.Itoa(k+1))
	}
	if n := len(f.apart) - len(ranks); n == 1 {
		ranks = append(ranks, strconv.Itoa(f.apart[3]+1))
	} else if n > 1 {
		ranks = append(ranks, strconv.Itoa(n)+lx.w("more"))
	}
	return strings.TrimSuffix(out, ".") + lx.d.Sprintf(lx.lang, "apart", len(f.apart), join(ranks, lx.w("and")))
}

// fill replaces each {key} of tpl by value(key).
func fill(tpl string, value func(string) string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.WriteString(tpl)
			return b.String()
		}
		j := strings.IndexByte(tpl[i:], '}')
		if j < 0 {
			b.WriteString(tpl)
			return b.String()
		}
		b.WriteString(tpl[:i])
		b.WriteString(value(tpl[i+1 : i+j]))
		tpl = tpl[i+j+1:]
	}
}

// Text returns the finding's title in lang ("nb" or "en").
func (f *Finding) Text(lang string) string {
	if lang == "nb" {
		return f.TitleNB
	}
	return f.Title
}

// RegionsText says where the finding holds, in lang.
func (f *Finding) RegionsText(lang string) string { return where(f, lang) }

// PeopleText is the people the finding reaches as shown: a number, "<5",
// or "" when unknown.
func (f *Finding) PeopleText() string { return f.People.String() }

func fragileText(rs []gap.FragileReason, lang string) string {
	lx := lex(lang)
	var ws []string
	for _, r := range rs {
		if k := "fragile." + string(r); lx.has(k) {
			ws = append(ws, lx.w(k))
		} else {
			ws = append(ws, string(r))
		}
	}
	return join(ws, lx.w("comma"))
}
