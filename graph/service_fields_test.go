package graph_test

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
)

// bookkeeping are the members of a service that its profile does not edit.
var bookkeeping = []string{"id", "version", "year", "confidence", "note", "last_verified"}

// jsonMembers returns the JSON member names of struct type t, with those
// of its embedded structs.
func jsonMembers(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			names = append(names, jsonMembers(f.Type)...)
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		names = append(names, name)
	}
	return names
}

// TestServiceFieldsCoverService: the shape names every field of a service
// by its JSON member, once, and each field has the one accessor its kind
// takes. A field added to Service and not to the shape fails here.
func TestServiceFieldsCoverService(t *testing.T) {
	var names []string
	for _, f := range graph.ServiceFields() {
		if slices.Contains(names, f.Name) {
			t.Errorf("%s is in the shape twice", f.Name)
		}
		names = append(names, f.Name)
		set := map[string]bool{
			"text": f.Text != nil, "list": f.List != nil, "number": f.Number != nil, "flag": f.Flag != nil,
			"values": f.Values != nil && f.SetValues != nil,
		}
		want := map[graph.FieldKind]string{
			graph.KindText: "text", graph.KindLongText: "text", graph.KindList: "list", graph.KindNumber: "number",
			graph.KindFlag: "flag", graph.KindChoice: "values", graph.KindChoices: "values",
		}[f.Kind]
		for acc, ok := range set {
			if ok != (acc == want) {
				t.Errorf("%s (kind %d): accessor %s set = %v, want only %q", f.Name, f.Kind, acc, ok, want)
			}
		}
		if (f.Kind == graph.KindText || f.Kind == graph.KindLongText) && f.Max == 0 {
			t.Errorf("%s: a text has no length limit", f.Name)
		}
	}
	members := jsonMembers(reflect.TypeFor[graph.Service]())
	for _, m := range members {
		if !slices.Contains(names, m) && !slices.Contains(bookkeeping, m) {
			t.Errorf("member %s of a service is not in the shape", m)
		}
	}
	for _, n := range names {
		if !slices.Contains(members, n) {
			t.Errorf("the shape names %s, which is no member of a service", n)
		}
	}
	if f, ok := graph.ServiceFieldNamed("name"); !ok || !f.Required {
		t.Errorf(`ServiceFieldNamed("name") = %+v, %v; want the required name`, f, ok)
	}
	if _, ok := graph.ServiceFieldNamed("organisation"); ok {
		t.Error("an edge (organisation) is in the shape")
	}
}

// TestServiceFieldsRoundTrip: JSON -> Service -> JSON through the shape's
// accessors keeps every own field and drops the bookkeeping ones
// (testdata/service_shape.json).
func TestServiceFieldsRoundTrip(t *testing.T) {
	b, err := os.ReadFile("testdata/service_shape.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name    string
		Service json.RawMessage
		Own     json.RawMessage
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		var svc graph.Service
		if err := json.Unmarshal(c.Service, &svc); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		var own graph.Service
		for _, f := range graph.ServiceFields() {
			f.Copy(&own, &svc)
		}
		got, err := json.Marshal(&own)
		if err != nil {
			t.Fatal(err)
		}
		var gotV, wantV any
		if err := json.Unmarshal(got, &gotV); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(c.Own, &wantV); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantV, gotV); diff != "" {
			t.Errorf("%s: own fields mismatch (-want +got):\n%s", c.Name, diff)
		}
	}
}

// TestServiceFieldAccessors: each field's accessor reaches the member it is
// named by, and only that one.
func TestServiceFieldAccessors(t *testing.T) {
	empty := members(t, &graph.Service{})
	for _, f := range graph.ServiceFields() {
		var s graph.Service
		switch {
		case f.Text != nil:
			*f.Text(&s) = "x"
		case f.List != nil:
			*f.List(&s) = []string{"x"}
		case f.Number != nil:
			*f.Number(&s) = 7
		case f.Flag != nil:
			*f.Flag(&s) = true
		default:
			f.SetValues(&s, []string{"x"})
			if got := f.Values(&s); !slices.Equal(got, []string{"x"}) {
				t.Errorf("%s: Values after SetValues([x]) = %q", f.Name, got)
			}
		}
		got := members(t, &s)
		for m, v := range got {
			if changed := string(v) != string(empty[m]); changed != (m == f.Name) {
				t.Errorf("%s: setting it changed member %s to %s", f.Name, m, v)
			}
		}
		if _, ok := got[f.Name]; !ok {
			t.Errorf("%s: setting it left no member %s", f.Name, f.Name)
		}
	}
}

func members(t *testing.T, s *graph.Service) map[string]json.RawMessage {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}
