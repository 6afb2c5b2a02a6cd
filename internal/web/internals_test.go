package web

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
)

// visible returns the text a reader sees in the main part of page b, and
// the texts of its <cite> elements. Scripts (data islands) are not text.
func visible(t *testing.T, b string) (string, []string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	var cites []string
	var walk func(n *html.Node, inMain bool, cite *strings.Builder)
	walk = func(n *html.Node, inMain bool, cite *strings.Builder) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "template", "textarea":
				// A textarea holds what the reader edits (a what-if
				// scenario's YAML), not what the page says.
				return
			case "main":
				inMain = true
			case "cite":
				var c strings.Builder
				for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
					walk(ch, inMain, &c)
				}
				if inMain {
					cites = append(cites, strings.TrimSpace(c.String()))
					text.WriteString(" " + c.String() + " ")
				}
				return
			}
		}
		if n.Type == html.TextNode && inMain {
			text.WriteString(n.Data + " ")
			if cite != nil {
				cite.WriteString(n.Data)
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, inMain, cite)
		}
	}
	walk(doc, false, nil)
	return text.String(), cites
}

var (
	webAddress   = regexp.MustCompile(`\S+://\S+|\S+@\S+`)
	workingLabel = regexp.MustCompile(`(^|\s)S\d+\.\s`)
)

// TestPublicPagesShowNoInternals reads every public page of the Norwegian
// seed in English and Norwegian as a reader sees it (the text of <main>):
// no field name ("name nb", "size_estimate"), no raw id, no edge
// vocabulary ("node", RUN_BY), no working label ("S0."), and every source
// cited by its title, never its id.
func TestPublicPagesShowNoInternals(t *testing.T) {
	l := norwayLandscape(t)
	s, _ := testServer(t, l)
	h := s.Handler()

	// What must not be read: field names, with underscores and as words,
	// the ids that are not also words, and the edge types.
	var banned []string
	fieldSeen := map[string]bool{}
	for _, n := range l.AllNodes() {
		fields, err := publicFields(n, 5)
		if err != nil {
			t.Fatal(err)
		}
		for k := range fields {
			if strings.Contains(k, "_") && !fieldSeen[k] {
				fieldSeen[k] = true
				banned = append(banned, k)
				// "name nb": a field name, not words.
				if strings.HasSuffix(k, "_nb") || strings.HasSuffix(k, "_en") {
					banned = append(banned, strings.ReplaceAll(k, "_", " "))
				}
			}
		}
		if id := n.Base().ID; strings.ContainsAny(id, "_0123456789") {
			banned = append(banned, id)
		}
	}
	edgeSeen := map[graph.EdgeType]bool{}
	for _, e := range l.Edges() {
		if !edgeSeen[e.Type] {
			edgeSeen[e.Type] = true
			banned = append(banned, string(e.Type))
		}
	}
	sourceIDs := map[string]bool{}
	for _, src := range l.Nodes(graph.TypeSource) {
		sourceIDs[src.Base().ID] = true
	}
	word := regexp.MustCompile(`(?i)\bnode(n|r|ne)?\b|\bnoder\b`)

	paths := []string{"/", "/dashboards"}
	for _, name := range dashboardNames {
		paths = append(paths, "/dashboards/"+name)
	}
	for _, n := range l.AllNodes() {
		paths = append(paths, dashboards.NodeURL(n))
	}
	for _, lang := range []string{"en", "nb"} {
		for _, p := range paths {
			sep := "?"
			if strings.Contains(p, "?") {
				sep = "&"
			}
			path := p + sep + "lang=" + lang
			resp := get(t, h, path)
			if resp.StatusCode != 200 {
				t.Errorf("%s: status %d", path, resp.StatusCode)
				continue
			}
			text, cites := visible(t, body(t, resp))
			text = webAddress.ReplaceAllString(text, " ")
			padded := " " + strings.Join(strings.Fields(text), " ") + " "
			for _, b := range banned {
				if i := wordIndex(padded, b); i >= 0 {
					t.Errorf("%s shows %q: …%s…", path, b, excerpt(padded, i))
				}
			}
			if m := word.FindStringIndex(padded); m != nil {
				t.Errorf("%s speaks of nodes: …%s…", path, excerpt(padded, m[0]))
			}
			if m := workingLabel.FindStringIndex(padded); m != nil {
				t.Errorf("%s shows a working label: …%s…", path, excerpt(padded, m[0]))
			}
			for _, c := range cites {
				if sourceIDs[c] {
					t.Errorf("%s cites the source %q by its id", path, c)
				}
			}
		}
	}
}

// wordIndex returns where w stands in s as a whole word (not inside a
// longer word), or -1.
func wordIndex(s, w string) int {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		before, after := s[i-1], byte(' ')
		if i+len(w) < len(s) {
			after = s[i+len(w)]
		}
		if !isWordByte(before) && !isWordByte(after) {
			return i
		}
		from = i + 1
	}
}

func isWordByte(b byte) bool {
	return b == '_' || b == '-' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}

// excerpt returns the text around s[i].
func excerpt(s string, i int) string {
	from, to := max(0, i-40), min(len(s), i+60)
	return s[from:to]
}
