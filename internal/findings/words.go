package findings

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// The words titles are built from, per language.
type lexicon struct {
	people, or, and, comma          string
	everywhere, in, except          string
	everyStage, atStage, atStages   string
	withStatus, subjectTo           string
	kinds                           map[gap.Kind]string // the sentence, with {need} {who} {where} {when}
	kindOther                       string
	ageWords                        map[graph.AgeBand]string
	genderWords                     map[graph.Gender]string
	notServedAt, notAccepted        string
	fragileWords                    map[gap.FragileReason]string
	statusDim, notServedExploitWord string
	everyStatusBut, from, adults    string
	apartOne, apartMany, more       string // "apart from the people of finding(s) ", " more"
}

var lexicons = map[string]*lexicon{
	"en": {
		people: "people", or: " or ", and: " and ", comma: ", ",
		everywhere: "everywhere", in: "in ", except: "everywhere except ",
		everyStage: "at every stage", atStage: "at the stage ", atStages: "at the stages ",
		withStatus: " with status ", subjectTo: ", subject to ",
		kinds: map[gap.Kind]string{
			gap.KindEntitledUnserved: "{need}: {who} are entitled to it by law, yet no service provides it {where}, {when}.",
			gap.KindUncovered:        "{need}: no service for {who} {where}, {when}.",
			gap.KindLostInTransition: "{need}: {who} lose it when their status changes{from}, {where}, {when}.",
			gap.KindFragile:          "{need}: for {who} {where}, {when}, it rests on a fragile service.",
			gap.KindEntitledPartial:  "{need}: {who} are entitled to it in full by law, yet services give it only in part {where}, {when}.",
			gap.KindSingleProvider:   "{need}: for {who} {where}, {when}, a single provider gives it (a note: it is permanently funded, but there is no other).",
		},
		kindOther:   "{need}: {kind} for {who} {where}, {when}.",
		ageWords:    map[graph.AgeBand]string{graph.AgeChild: "children", graph.AgeYoungAdult: "young adults (18–24)", graph.AgeAdult: "adults (25 and over)"},
		genderWords: map[graph.Gender]string{graph.Female: "women and girls", graph.Male: "men and boys", graph.Other: "people of another gender"},
		notServedAt: "not at ", notAccepted: "does not accept ",
		fragileWords: map[gap.FragileReason]string{
			gap.SingleService: "the only service", gap.SingleOrganisation: "one organisation only",
			gap.NoPermanentFunding: "no permanent funding", gap.PartialOnly: "only in part",
		},
		statusDim: "status ", notServedExploitWord: "does not serve ",
		everyStatusBut: " with any status except ", from: " from ", adults: "adults (18 and over)",
		apartOne: ", apart from the people of finding ", apartMany: ", apart from the people of findings ", more: " more",
	},
	"nb": {
		people: "personer", or: " eller ", and: " og ", comma: ", ",
		everywhere: "overalt", in: "i ", except: "overalt unntatt ",
		everyStage: "i alle faser", atStage: "i fasen ", atStages: "i fasene ",
		withStatus: " med status ", subjectTo: ", utsatt for ",
		kinds: map[gap.Kind]string{
			gap.KindEntitledUnserved: "{need}: {who} har rett til det etter loven, men ingen tjeneste gir det {where}, {when}.",
			gap.KindUncovered:        "{need}: ingen tjeneste for {who} {where}, {when}.",
			gap.KindLostInTransition: "{need}: {who} mister det når statusen endres{from}, {where}, {when}.",
			gap.KindFragile:          "{need}: for {who} {where}, {when}, hviler det på en sårbar tjeneste.",
			gap.KindEntitledPartial:  "{need}: {who} har full rett til det etter loven, men tjenestene gir det bare delvis {where}, {when}.",
			gap.KindSingleProvider:   "{need}: for {who} {where}, {when}, gir én enkelt tilbyder det (en merknad: den har fast finansiering, men det finnes ingen annen).",
		},
		kindOther:   "{need}: {kind} for {who} {where}, {when}.",
		ageWords:    map[graph.AgeBand]string{graph.AgeChild: "barn", graph.AgeYoungAdult: "unge voksne (18–24)", graph.AgeAdult: "voksne (25 år og eldre)"},
		genderWords: map[graph.Gender]string{graph.Female: "kvinner og jenter", graph.Male: "menn og gutter", graph.Other: "personer av annet kjønn"},
		notServedAt: "ikke i ", notAccepted: "tar ikke imot ",
		fragileWords: map[gap.FragileReason]string{
			gap.SingleService: "den eneste tjenesten", gap.SingleOrganisation: "bare én organisasjon",
			gap.NoPermanentFunding: "ingen fast finansiering", gap.PartialOnly: "bare delvis",
		},
		statusDim: "status ", notServedExploitWord: "gir ikke hjelp ved ",
		everyStatusBut: " med enhver status unntatt ", from: " fra ", adults: "voksne (18 år og eldre)",
		apartOne: ", bortsett fra personene i funn ", apartMany: ", bortsett fra personene i funnene ", more: " andre",
	},
}

func lex(lang string) *lexicon {
	if lx, ok := lexicons[lang]; ok {
		return lx
	}
	return lexicons["en"]
}

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
		head = []string{lx.adults}
	} else {
		for _, a := range f.Profile.AgeBands {
			head = append(head, lx.ageWords[a])
		}
	}
	s := join(head, lx.and)
	var gs []string
	for _, g := range f.Profile.Genders {
		gs = append(gs, lx.genderWords[g])
	}
	switch {
	case s == "" && len(gs) > 0:
		s = join(gs, lx.or)
	case s == "":
		s = lx.people
	case len(gs) > 0:
		s += " (" + join(gs, lx.or) + ")"
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
			s += lx.everyStatusBut + join(not, lx.and)
		} else {
			s += lx.withStatus + join(ns, lx.or)
		}
	}
	if len(f.Profile.Exploitation) > 0 {
		var ns []string
		for _, r := range f.Profile.Exploitation {
			ns = append(ns, strings.ToLower(label(r, lang)))
		}
		s += lx.subjectTo + join(ns, lx.or)
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
		return lx.in + join(ns, lx.and)
	case RegionsExcept:
		return lx.except + join(ns, lx.and)
	}
	return lx.everywhere
}

// when says at which stages.
func when(f *Finding, lang string) string {
	lx := lex(lang)
	if len(f.Stages) == f.full[dimStage] {
		return lx.everyStage
	}
	var ns []string
	for _, r := range f.Stages {
		ns = append(ns, strings.ToLower(label(r, lang)))
	}
	if len(ns) == 1 {
		return lx.atStage + ns[0]
	}
	return lx.atStages + join(ns, lx.and)
}

// title builds a finding's title sentence in lang from its structure.
func title(f *Finding, lang string) string {
	lx := lex(lang)
	tpl, ok := lx.kinds[f.Kind]
	if !ok {
		tpl = lx.kindOther
	}
	from := ""
	if len(f.Transitions) > 0 {
		var ns []string
		for _, t := range f.Transitions {
			if n := label(t.From, lang); !slices.Contains(ns, n) {
				ns = append(ns, n)
			}
		}
		from = lx.from + join(ns, lx.or)
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
		ranks = append(ranks, strconv.Itoa(n)+lx.more)
	}
	word := lx.apartOne
	if len(f.apart) > 1 {
		word = lx.apartMany
	}
	return strings.TrimSuffix(out, ".") + word + join(ranks, lx.and) + "."
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
		if w, ok := lx.fragileWords[r]; ok {
			ws = append(ws, w)
		} else {
			ws = append(ws, string(r))
		}
	}
	return join(ws, lx.comma)
}
