package graphfile_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/gapmap/gapmap/internal/exporttest"
	"github.com/gapmap/gapmap/internal/graphfile"
)

// TestGraphNoDifferencing: the graph exports (GraphML, JSON, Cypher) of the
// differencing landscape publish group sizes from which no sum or
// difference of up to three gives 1 to 4 people: the groups around others
// (a county's 103 around Oslo's 100, all ages' 50 around their 47
// children, a county's 163 around Oslo's 100 and Bærum's 60) are withheld,
// as in every gap result, and the groups inside them are shown.
func TestGraphNoDifferencing(t *testing.T) {
	l := exporttest.DifferencingLandscape(t)
	for _, test := range []struct {
		format graphfile.Format
		sizes  func(t *testing.T, b []byte) map[string]string // group id: size_estimate_shown
	}{
		{graphfile.FormatJSON, jsonSizes},
		{graphfile.FormatGraphML, graphMLSizes},
		{graphfile.FormatCypher, cypherSizes},
	} {
		t.Run(string(test.format), func(t *testing.T) {
			var buf bytes.Buffer
			if err := graphfile.Write(&buf, l, test.format, graphfile.Options{}); err != nil {
				t.Fatal(err)
			}
			sizes := test.sizes(t, buf.Bytes())
			want := map[string]string{
				"three": "<5", "four": "<5", "hundred": "100", "children": "47", "baerum_group": "60",
				"county": graphfile.WithheldLabel, "all_ages": graphfile.WithheldLabel, "east_all": graphfile.WithheldLabel,
			}
			for id, w := range want {
				if sizes[id] != w {
					t.Errorf("group %s: size %q, want %q", id, sizes[id], w)
				}
			}
			var nums []int
			for _, s := range sizes {
				if n, err := strconv.Atoi(s); err == nil {
					nums = append(nums, n)
				}
			}
			exporttest.NoDifferencing(t, nums, 5)
		})
	}
}

func jsonSizes(t *testing.T, b []byte) map[string]string {
	var v struct {
		Nodes []struct {
			Type       string          `json:"type"`
			ID         string          `json:"id"`
			Size       json.RawMessage `json:"size_estimate"`
			Shown      string          `json:"size_estimate_shown"`
			Suppressed bool            `json:"size_estimate_suppressed"`
		} `json:"nodes"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, n := range v.Nodes {
		if n.Type != "Group" {
			continue
		}
		out[n.ID] = n.Shown
		// the typed number is there exactly when the count is shown
		if n.Suppressed != (string(n.Size) == "null") || (!n.Suppressed && string(n.Size) != n.Shown) {
			t.Errorf("group %s: size_estimate %s beside %q (suppressed %v)", n.ID, n.Size, n.Shown, n.Suppressed)
		}
	}
	return out
}

func graphMLSizes(t *testing.T, b []byte) map[string]string {
	var doc struct {
		Keys []struct {
			ID   string `xml:"id,attr"`
			Name string `xml:"attr.name,attr"`
		} `xml:"key"`
		Nodes []struct {
			ID   string `xml:"id,attr"`
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"graph>node"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, k := range doc.Keys {
		names[k.ID] = k.Name
	}
	out := map[string]string{}
	for _, n := range doc.Nodes {
		data := map[string]string{}
		for _, d := range n.Data {
			data[names[d.Key]] = d.Value
		}
		if data["type"] != "Group" {
			continue
		}
		out[n.ID] = data["size_estimate_shown"]
		if v, ok := data["size_estimate"]; ok {
			out[n.ID+"#number"] = v
			if v != data["size_estimate_shown"] {
				t.Errorf("group %s: size_estimate %s beside %q", n.ID, v, data["size_estimate_shown"])
			}
		} else if data["size_estimate_suppressed"] != "true" {
			t.Errorf("group %s: no size_estimate, and not suppressed", n.ID)
		}
	}
	return out
}

var (
	cypherID    = regexp.MustCompile(`\bid: '([^']*)'`)
	cypherShown = regexp.MustCompile(`\bsize_estimate_shown: '([^']*)'`)
	cypherSize  = regexp.MustCompile(`\bsize_estimate: (\d+)`)
)

// groupIDs are the groups of the differencing landscape: Cypher's rows
// have no type, their batch's label says it.
var groupIDs = map[string]bool{
	"three": true, "four": true, "hundred": true, "county": true,
	"all_ages": true, "children": true, "baerum_group": true, "east_all": true,
}

func cypherSizes(t *testing.T, b []byte) map[string]string {
	out := map[string]string{}
	for line := range bytes.Lines(b) {
		id := cypherID.FindSubmatch(line)
		if id == nil || !groupIDs[string(id[1])] {
			continue
		}
		if m := cypherShown.FindSubmatch(line); m != nil {
			out[string(id[1])] = string(m[1])
		}
		if m := cypherSize.FindSubmatch(line); m != nil {
			out[string(id[1])+"#number"] = string(m[1])
			if !slices.Equal(m[1], []byte(out[string(id[1])])) {
				t.Errorf("group %s: size_estimate %s beside %q", id[1], m[1], out[string(id[1])])
			}
		}
	}
	return out
}
