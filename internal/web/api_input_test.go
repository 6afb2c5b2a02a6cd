package web

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestServiceInputRoundTrip: the write API's JSON -> Service -> JSON
// (testdata/shape/api_input.json): a body is decoded and made an edit of
// service rosa, and the edit, saved in a landscape, reads back as the
// write API's JSON; a body at fault names every field at fault, by the
// name the client wrote.
func TestServiceInputRoundTrip(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "shape", "api_input.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name   string
		Body   json.RawMessage
		Want   json.RawMessage
		Errors []string
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	f := newEditFixture(t)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			l := f.live.Landscape()
			rosa := f.service("rosa")
			fe := &fieldErrors{}
			in, err := decodeInput(c.Body)
			if err != nil {
				if !fieldsAtFault(t, err, c.Errors) {
					t.Fatalf("decode: %v", err)
				}
				return
			}
			e := in.edit("rosa", rosa.Version, fe)
			if in.Organisation != nil {
				e.Org = in.Organisation.ID
			}
			e.check(l, fe)
			if c.Errors != nil || !fe.empty() {
				fieldsAtFault(t, fe, c.Errors)
				return
			}
			if _, err := f.live.Apply(context.Background(), e.change(l, rosa, f.clock.Now(), "test", c.Name)); err != nil {
				t.Fatal(err)
			}
			got, err := json.Marshal(inputOf(f.live.Landscape(), f.service("rosa")))
			if err != nil {
				t.Fatal(err)
			}
			var gotV, wantV any
			if err := json.Unmarshal(got, &gotV); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(c.Want, &wantV); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantV, gotV); diff != "" {
				t.Errorf("JSON -> service -> JSON mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// fieldsAtFault reports whether err is a fieldErrors, and checks that it names
// exactly the fields want (in any order).
func fieldsAtFault(t *testing.T, err error, want []string) bool {
	t.Helper()
	fe, ok := err.(*fieldErrors)
	if !ok {
		return false
	}
	var got []string
	for _, p := range fe.problems() {
		got = append(got, p.Field)
	}
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields at fault mismatch (-want +got):\n%s\n%v", diff, fe)
	}
	return true
}
