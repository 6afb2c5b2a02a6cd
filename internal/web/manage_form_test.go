package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
)

// TestServiceFormShape: the edit form -> Service -> form
// (testdata/shape/form.json): a posted form is read into an edit of
// service rosa and shown again as the edit page shows it (its text fields
// by editPage.Field, its selects and boxes from the service), tidied where
// it was accepted and as typed where it was refused; each field at fault is
// named by its form field.
func TestServiceFormShape(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "shape", "form.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name   string
		Form   url.Values
		Want   url.Values
		Errors []string
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	l := testLandscape(t)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			fe := &fieldErrors{}
			f := parseServiceForm(&http.Request{PostForm: c.Form}, l, "rosa", fe)
			f.Edit.check(l, fe) // as the edit page does: every problem at once
			var got []string
			for _, p := range fe.problems() {
				got = append(got, p.Field)
			}
			slices.Sort(got)
			if fe.empty() {
				// An accepted form is saved and shown again from the service.
				f = formOf(f.Edit)
			}
			if diff := cmp.Diff(c.Errors, got); diff != "" {
				t.Errorf("fields at fault mismatch (-want +got):\n%s\n%v", diff, fe)
			}
			if diff := cmp.Diff(c.Want, shownForm(f)); diff != "" {
				t.Errorf("form -> service -> form mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// shownForm returns the values the edit page shows for form f: its text
// fields as editPage.Field gives them, the organisation, and the selects
// and boxes of the service's own fields.
func shownForm(f *serviceForm) url.Values {
	p := editPage{Form: f, Errors: map[string]string{}}
	v := url.Values{}
	if f.Edit.Org != "" {
		v.Set("organisation", f.Edit.Org)
	}
	for _, sf := range graph.ServiceFields() {
		switch {
		case sf.Flag != nil:
			if *sf.Flag(f.Edit.Node) {
				v.Set(sf.Name, "on")
			}
		case sf.Values != nil:
			for _, x := range sf.Values(f.Edit.Node) {
				v.Add(sf.Name, x)
			}
		default:
			if x := p.Field(sf.Name).Value; x != "" {
				v.Set(sf.Name, x)
			}
		}
	}
	return v
}
