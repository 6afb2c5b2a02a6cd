package chart

import (
	"strings"
	"testing"
)

func TestRenumberIDs(t *testing.T) {
	for _, test := range []struct {
		name, svg, prefix, want string
		// err is in the error, if one is wanted.
		err string
	}{
		{
			name:   "gradient and classes, counted per kind in order",
			svg:    `<svg><path fill="url(#zr7-g3)" class="zr7-cls-18"></path><path class="zr7-cls-21"></path><path class="zr7-cls-18"></path><defs><linearGradient id="zr7-g3"></linearGradient></defs></svg>`,
			prefix: "gapmap-pathways",
			want:   `<svg><path fill="url(#gapmap-pathways-g0)" class="gapmap-pathways-cls-0"></path><path class="gapmap-pathways-cls-1"></path><path class="gapmap-pathways-cls-0"></path><defs><linearGradient id="gapmap-pathways-g0"></linearGradient></defs></svg>`,
		},
		{
			name:   "style sheet in CDATA",
			svg:    "<svg><style ><![CDATA[\n.zr2-cls-40:hover {\ncursor:pointer;\n}\n]]>\n</style><path class=\"zr2-cls-40\" clip-path=\"url(#zr2-c0)\"></path><clipPath id=\"zr2-c0\"></clipPath></svg>",
			prefix: "gapmap-coverage",
			want:   "<svg><style ><![CDATA[\n.gapmap-coverage-cls-0:hover {\ncursor:pointer;\n}\n]]>\n</style><path class=\"gapmap-coverage-cls-0\" clip-path=\"url(#gapmap-coverage-c0)\"></path><clipPath id=\"gapmap-coverage-c0\"></clipPath></svg>",
		},
		{
			name:   "a label that looks like an id stays",
			svg:    `<svg><text class="zr0-cls-5" style="font:12px sans-serif">zr0-g0 &amp; zr0-cls-5</text></svg>`,
			prefix: "gapmap-landscape",
			want:   `<svg><text class="gapmap-landscape-cls-0" style="font:12px sans-serif">zr0-g0 &amp; zr0-cls-5</text></svg>`,
		},
		{
			name:   "no ids",
			svg:    `<svg width="10" height="10"><rect x="0" y="0" width="1" height="1"/></svg>`,
			prefix: "gapmap-coverage",
			want:   `<svg width="10" height="10"><rect x="0" y="0" width="1" height="1"/></svg>`,
		},
		{name: "script", svg: `<svg><script>alert(1)</script></svg>`, prefix: "p", err: "<script> element"},
		{name: "foreign HTML", svg: `<svg><foreignObject><p>x</p></foreignObject></svg>`, prefix: "p", err: "<foreignObject> element"},
		{name: "event handler", svg: `<svg><rect onclick="alert(1)"/></svg>`, prefix: "p", err: "onclick attribute"},
		{name: "link out", svg: `<svg><a href="https://example.org/">x</a></svg>`, prefix: "p", err: "<a> element"},
		{name: "markup in a label", svg: `<svg><text>a <b>c</text></svg>`, prefix: "p", err: "not well-formed"},
		{name: "bad prefix", svg: `<svg></svg>`, prefix: "Gap map", err: "id prefix"},
	} {
		t.Run(test.name, func(t *testing.T) {
			got, err := renumberIDs(test.svg, zrenderNames, test.prefix)
			if test.err != "" {
				if err == nil || !strings.Contains(err.Error(), test.err) {
					t.Errorf("error %v, want one with %q", err, test.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != test.want {
				t.Errorf("mismatch:\n got %s\nwant %s", got, test.want)
			}
		})
	}
}

// TestRenumberIDsAgain renames the names of one prefix to another, as the
// report does for a dashboard shown twice.
func TestRenumberIDsAgain(t *testing.T) {
	svg := `<svg><path fill="url(#gapmap-pathways-g1)" class="gapmap-pathways-cls-0"></path><linearGradient id="gapmap-pathways-g1"/></svg>`
	got, err := renumberIDs(svg, prefixNames("gapmap-pathways"), "gapmap-pathways-2")
	if err != nil {
		t.Fatal(err)
	}
	want := `<svg><path fill="url(#gapmap-pathways-2-g0)" class="gapmap-pathways-2-cls-0"></path><linearGradient id="gapmap-pathways-2-g0"/></svg>`
	if got != want {
		t.Errorf("mismatch:\n got %s\nwant %s", got, want)
	}
}
