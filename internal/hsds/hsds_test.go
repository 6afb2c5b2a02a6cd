package hsds

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
	"github.com/gapmap/gapmap/graph/storetest"
)

func buildHSDS(t *testing.T, l *graph.Landscape) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, l, Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// hsdsSchemas compiles the official HSDS 3.0 JSON schemas
// (testdata/hsds/schema-3.0, with their licence) with format assertions on
// (uuid, uri, email, date) and, so that nothing beyond the specification
// passes, every object closed to properties its schema does not define.
// It returns the schema of each record type by name.
func hsdsSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	const dir = "testdata/hsds/schema-3.0"
	if _, err := os.Stat(filepath.Join(dir, "LICENSE")); err != nil {
		t.Fatalf("the vendored schemas must keep their licence: %v", err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no schema in %s: %v", dir, err)
	}
	var closeObjects func(v any)
	closeObjects = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if _, ok := v["properties"]; ok {
				if _, set := v["additionalProperties"]; !set {
					v["additionalProperties"] = false
				}
			}
			for _, x := range v {
				closeObjects(x)
			}
		case []any:
			for _, x := range v {
				closeObjects(x)
			}
		}
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	const base = "https://openreferral.org/hsds/3.0/schema/"
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(r)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		closeObjects(doc)
		if err := c.AddResource(base+filepath.Base(f), doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, name := range []string{"organization", "service", "location", "taxonomy", "taxonomy_term"} {
		sch, err := c.Compile(base + name + ".json")
		if err != nil {
			t.Fatalf("compile %s: %v", name, err)
		}
		out[name] = sch
	}
	return out
}

// rfc3986 matches an absolute URI of RFC 3986's characters only.
var rfc3986 = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$`)

// hsdsRecordTypes names the record type of each table of the bundle.
var hsdsRecordTypes = map[string]string{
	"organizations": "organization", "services": "service", "locations": "location",
	"taxonomies": "taxonomy", "taxonomy_terms": "taxonomy_term",
}

// TestHSDSValidatesAgainstSchemas validates every record of the export of
// the Norwegian seed and of the fixture against the official HSDS 3.0
// schemas, formats checked and no property beyond the schema allowed.
func TestHSDSValidatesAgainstSchemas(t *testing.T) {
	schemas := hsdsSchemas(t)
	for name, l := range map[string]*graph.Landscape{"norway": norway(t), "fixture": fixture(t)} {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(buildHSDS(t, l)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		top := doc.(map[string]any)
		records := 0
		for table, typ := range hsdsRecordTypes {
			list, _ := top[table].([]any)
			if len(list) == 0 && table != "locations" {
				t.Errorf("%s: no %s", name, table)
			}
			for i, rec := range list {
				records++
				if err := schemas[typ].Validate(rec); err != nil {
					t.Errorf("%s: %s[%d] is not a valid HSDS 3.0 %s:\n%v", name, table, i, typ, err)
				}
			}
		}
		for k := range top {
			if _, ok := hsdsRecordTypes[k]; !ok && !slices.Contains([]string{"hsds_version", "generator", "landscape_version", "landscape_changed"}, k) {
				t.Errorf("%s: the bundle has a key %q of no HSDS table", name, k)
			}
		}
		t.Logf("%s: %d records valid", name, records)
		// The validator's uri format takes what Go's URL parser takes, a raw
		// "§" included; RFC 3986 does not.
		var uris func(path string, v any)
		uris = func(path string, v any) {
			switch v := v.(type) {
			case map[string]any:
				for k, x := range v {
					if s, ok := x.(string); ok && slices.Contains([]string{"uri", "url", "website", "term_uri"}, k) && !rfc3986.MatchString(s) {
						t.Errorf("%s: %s.%s %q is not an RFC 3986 URI", name, path, k, s)
					}
					uris(path+"."+k, x)
				}
			case []any:
				for i, x := range v {
					uris(index(path, i), x)
				}
			}
		}
		uris("", top)
	}

	// The checks bite: a gapmap id where HSDS wants a UUID and a label on
	// an attribute (HSDS 3.1 drafts only) fail.
	for _, bad := range []struct {
		typ, json string
	}{
		{"organization", `{"id": "rosa", "name": "ROSA", "description": "x"}`},
		{"service", `{"id": "` + UUID("service", "rosa") + `", "name": "ROSA", "status": "active", "attributes": [{"id": "` +
			UUID("attribute", "a") + `", "label": "Reflection period"}]}`},
	} {
		rec, err := jsonschema.UnmarshalJSON(strings.NewReader(bad.json))
		if err != nil {
			t.Fatal(err)
		}
		if err := schemas[bad.typ].Validate(rec); err == nil {
			t.Errorf("%s %s passes the schema", bad.typ, bad.json)
		}
	}
}

// TestHSDSIDs: every id is the UUID derived from the gapmap id, the same in
// every export, and the gapmap ids are kept in the identifiers HSDS has.
func TestHSDSIDs(t *testing.T) {
	l := fixture(t)
	first, second := buildHSDS(t, l), buildHSDS(t, l)
	if !bytes.Equal(first, second) {
		t.Error("two exports of the same landscape differ")
	}
	var b Bundle
	if err := json.Unmarshal(first, &b); err != nil {
		t.Fatal(err)
	}
	// The namespace is as documented (HSDS.md), so that anyone can derive
	// the same UUIDs.
	if got := UUID("service", "rosa"); got != uuid.NewSHA1(uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/gapmap/gapmap/hsds")), []byte("service/rosa")).String() {
		t.Errorf("UUID(service, rosa) = %s", got)
	}
	var rosa *Service
	for i := range b.Services {
		if b.Services[i].ID == UUID("service", storetest.ServiceID) {
			rosa = &b.Services[i]
		}
	}
	if rosa == nil {
		t.Fatalf("no service with the UUID of %s", storetest.ServiceID)
	}
	idTerm := UUID("taxonomy_term", termID(TaxonomyGapmapID, "id"))
	if !slices.ContainsFunc(rosa.Attributes, func(a Attribute) bool { return a.TaxonomyTermID == idTerm && a.Value == storetest.ServiceID }) {
		t.Errorf("rosa keeps no gapmap id attribute: %+v", rosa.Attributes)
	}
	org := b.Organizations[0]
	if len(org.OrganizationIdentifiers) != 1 || org.OrganizationIdentifiers[0].IdentifierScheme != "gapmap" ||
		UUID("organization", org.OrganizationIdentifiers[0].Identifier) != org.ID {
		t.Errorf("organisation %s: identifiers %+v", org.ID, org.OrganizationIdentifiers)
	}
	if rosa.OrganizationID != org.ID && !slices.ContainsFunc(b.Organizations, func(o Organization) bool { return o.ID == rosa.OrganizationID }) {
		t.Errorf("rosa's organization_id %s is no organisation's UUID", rosa.OrganizationID)
	}
}

// referenceStore returns an embedded store holding the landscape l without
// its services and organisations: the reference data (statuses, needs,
// stages, regions, sources, ...) an HSDS file refers to.
func referenceStore(t *testing.T, l *graph.Landscape) graph.Store {
	t.Helper()
	ctx := context.Background()
	st, err := embedded.Open(ctx, filepath.Join(t.TempDir(), "gapmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	directory := func(id string) bool {
		n, _ := l.Node(id)
		return n.Type() == graph.TypeService || n.Type() == graph.TypeOrganisation
	}
	c := &graph.Change{Actor: "test"}
	for _, n := range l.AllNodes() {
		if directory(n.Base().ID) {
			continue
		}
		data, _ := graph.MarshalNode(n)
		clone, err := graph.UnmarshalNode(data)
		if err != nil {
			t.Fatal(err)
		}
		c.Create(clone)
	}
	for _, e := range l.Edges() {
		if !directory(e.From) && !directory(e.To) {
			c.PutEdge(e)
		}
	}
	if _, err := st.Apply(ctx, c); err != nil {
		t.Fatal(err)
	}
	return st
}

// directoryFields is a service with only the fields HSDS carries.
func directoryFields(s *graph.Service) graph.Service {
	c := *s
	c.Version, c.NameNB, c.DescriptionNB, c.Capacity, c.CapacityNote = 0, "", "", 0, ""
	c.CapacityLimited = false                                 // HSDS has no field for "turns people away when full"
	c.CapacityNoteNB, c.CostNB, c.OpeningHoursNB = "", "", "" // HSDS 3.0 carries one language
	c.Year, c.Confidence, c.Note = 0, "", ""
	c.Address, c.ConfidentialAddress = c.PublicAddress(), false
	return c
}

// TestHSDSRoundTrip exports the Norwegian seed to HSDS, imports it into a
// store that has the seed's reference data but no services or
// organisations, and compares the services' eligibility edges and fields.
// Importing the file again changes nothing.
func TestHSDSRoundTrip(t *testing.T) {
	ctx := context.Background()
	seedL := norway(t)
	data := buildHSDS(t, seedL)
	st := referenceStore(t, seedL)
	ref, err := st.Landscape(ctx)
	if err != nil {
		t.Fatal(err)
	}

	im, err := PlanImport(ref, data)
	if err != nil {
		t.Fatal(err)
	}
	services, orgs := graph.All[*graph.Service](seedL), graph.All[*graph.Organisation](seedL)
	if len(im.Created) != len(services)+len(orgs) || len(im.Changed) != 0 || len(im.Unmapped) != 0 {
		t.Fatalf("import: %d created (want %d), changed %v, unmapped %v", len(im.Created), len(services)+len(orgs), im.Changed, im.Unmapped)
	}
	if _, err := st.Apply(ctx, im.Change); err != nil {
		t.Fatal(err)
	}
	got, err := st.Landscape(ctx)
	if err != nil {
		t.Fatal(err)
	}

	edges := func(l *graph.Landscape, id string, t graph.EdgeType) []graph.Edge {
		var es []graph.Edge
		for _, e := range l.Out(id, t) {
			es = append(es, *e)
		}
		return es
	}
	eligibility := []graph.EdgeType{graph.EdgeAccepts, graph.EdgeServes, graph.EdgeMeets, graph.EdgeAtStage,
		graph.EdgeCovers, graph.EdgeSourcedFrom}
	for _, s := range services {
		gs, err := graph.Lookup[*graph.Service](got, s.ID)
		if err != nil {
			t.Errorf("service %s not imported", s.ID)
			continue
		}
		if diff := cmp.Diff(directoryFields(s), directoryFields(gs)); diff != "" {
			t.Errorf("service %s mismatch (-seed +imported):\n%s", s.ID, diff)
		}
		for _, et := range eligibility {
			if diff := cmp.Diff(edges(seedL, s.ID, et), edges(got, s.ID, et)); diff != "" {
				t.Errorf("service %s %s edges mismatch (-seed +imported):\n%s", s.ID, et, diff)
			}
		}
		wantOrg, _ := seedL.Organisation(s.ID)
		gotOrg, _ := got.Organisation(s.ID)
		if (wantOrg == nil) != (gotOrg == nil) || (wantOrg != nil && wantOrg.ID != gotOrg.ID) {
			t.Errorf("service %s run by %v, want %v", s.ID, gotOrg, wantOrg)
		}
	}
	for _, o := range orgs {
		g, err := graph.Lookup[*graph.Organisation](got, o.ID)
		if err != nil {
			t.Errorf("organisation %s not imported", o.ID)
			continue
		}
		if g.Name != o.Name || g.NameNB != o.NameNB || g.Kind != o.Kind || g.URL != o.URL {
			t.Errorf("organisation %s imported as %+v, want %+v", o.ID, g, o)
		}
		if diff := cmp.Diff(edges(seedL, o.ID, graph.EdgeSourcedFrom), edges(got, o.ID, graph.EdgeSourcedFrom)); diff != "" {
			t.Errorf("organisation %s sources mismatch (-seed +imported):\n%s", o.ID, diff)
		}
	}

	again, err := PlanImport(got, data)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Change.Empty() || again.Unchanged != len(services)+len(orgs) {
		t.Errorf("second import: %d ops, changed %v, %d unchanged; want nothing to do", len(again.Change.Ops), again.Changed, again.Unchanged)
	}
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "hsds", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestHSDSImportValid imports a small file written by hand the way another
// program might: a taxonomy named through the taxonomies table or the
// term's taxonomy field, a language by region code and one by name, a
// service area by name, an address in parts.
func TestHSDSImportValid(t *testing.T) {
	l := fixture(t)
	im, err := PlanImport(l, readTestdata(t, "valid.json"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Organisation bergen-kommune", "Service helsestasjon-bergen"}, im.Created); diff != "" {
		t.Errorf("created mismatch (-want +got):\n%s", diff)
	}
	if len(im.Changed) != 0 {
		t.Errorf("changed %v; want none", im.Changed)
	}
	// What gapmap has no place for is reported, field by field.
	var dropped []string
	for _, u := range im.Unmapped {
		dropped = append(dropped, u.Path)
	}
	slices.Sort(dropped)
	if diff := cmp.Diff([]string{"locations[0].addresses[0].state_province", "organizations[0].description", "services[0].contacts[0].name"}, dropped); diff != "" {
		t.Errorf("unmapped mismatch (-want +got):\n%s", diff)
	}
	verified := time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC)
	wantNodes := []graph.Node{
		&graph.Organisation{Meta: graph.Meta{ID: "bergen-kommune", Name: "Bergen municipality"}, Kind: graph.OrgMunicipal, URL: "https://www.bergen.kommune.no/"},
		&graph.Service{Meta: graph.Meta{ID: "helsestasjon-bergen", Name: "Health station for undocumented migrants, Bergen"},
			AltNames: []string{"Helsestasjonen", "Helsesenteret"}, Description: "Free primary health care for people without papers.",
			Sector: graph.SectorHealth, City: "Bergen", Address: "Kong Oscars gate 1, 5017 Bergen", Genders: []graph.Gender{graph.Female},
			Languages: []string{"en", "ro"}, Funding: graph.FundingVolunteer, Cost: "Free", Phone: "+47 55 00 00 00",
			Email: "post@example.org", OpeningHours: "Tuesdays 17-20", LastVerified: &verified},
	}
	var gotNodes []graph.Node
	var gotEdges []graph.Edge
	for _, op := range im.Change.Ops {
		switch op.Kind {
		case graph.OpCreate:
			gotNodes = append(gotNodes, op.Node)
		case graph.OpPutEdge:
			gotEdges = append(gotEdges, *op.Edge)
		default:
			t.Errorf("unexpected op %s", op.Kind)
		}
	}
	if diff := cmp.Diff(wantNodes, gotNodes); diff != "" {
		t.Errorf("nodes mismatch (-want +got):\n%s", diff)
	}
	wantEdges := []graph.Edge{
		{Type: graph.EdgeRunBy, From: "helsestasjon-bergen", To: "bergen-kommune"},
		{Type: graph.EdgeAccepts, From: "helsestasjon-bergen", To: storetest.StatusID, Extent: graph.ExtentPartial,
			Sources: []string{storetest.SourceID}, Year: 2025},
		{Type: graph.EdgeMeets, From: "helsestasjon-bergen", To: storetest.NeedID},
		{Type: graph.EdgeCovers, From: "helsestasjon-bergen", To: storetest.MunicipalID},
	}
	if diff := cmp.Diff(wantEdges, gotEdges); diff != "" {
		t.Errorf("edges mismatch (-want +got):\n%s", diff)
	}
}

// TestHSDSImportUnmapped imports a file with terms gapmap cannot map: they
// are reported by path and left out, and the rest is imported.
func TestHSDSImportUnmapped(t *testing.T) {
	im, err := PlanImport(fixture(t), readTestdata(t, "unmapped.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range im.Unmapped {
		got = append(got, u.Path)
	}
	slices.Sort(got)
	want := []string{
		"services[0].attributes[2].taxonomy_term_id", // a status the landscape does not have
		"services[0].attributes[3].value",            // a source it does not have
		"services[0].attributes[4]",                  // another taxonomy
		"services[0].attributes[5].taxonomy_term_id", // not a gender
		"services[0].attributes[6]",                  // a region term on a service
		"services[0].phones[1]",                      // a second phone number
		"services[0].service_areas[0]",               // no region with that name
		"services[0].status",                         // not active
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("unmapped paths mismatch (-want +got):\n%s\n%v", diff, im.Unmapped)
	}
	var accepts []graph.Edge
	for _, op := range im.Change.Ops {
		if op.Kind == graph.OpPutEdge && op.Edge.Type == graph.EdgeAccepts {
			accepts = append(accepts, *op.Edge)
		}
	}
	want2 := []graph.Edge{{Type: graph.EdgeAccepts, From: "helsestasjon-bergen", To: storetest.StatusID, Sources: []string{storetest.SourceID}}}
	if diff := cmp.Diff(want2, accepts); diff != "" {
		t.Errorf("ACCEPTS edges mismatch (-want +got):\n%s", diff)
	}
}

// edit decodes valid.json, lets change alter it, and encodes it again.
func edit(t *testing.T, change func(doc map[string]any)) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(readTestdata(t, "valid.json"), &doc); err != nil {
		t.Fatal(err)
	}
	change(doc)
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func service0(doc map[string]any) map[string]any {
	return doc["services"].([]any)[0].(map[string]any)
}

func attribute(doc map[string]any, i int) map[string]any {
	return service0(doc)["attributes"].([]any)[i].(map[string]any)
}

// TestHSDSImportInvalid checks that an invalid file plans nothing and names
// every problem by its JSON path.
func TestHSDSImportInvalid(t *testing.T) {
	for _, test := range []struct {
		name string
		data []byte
		want []PathError // path, and a part of the message
	}{
		{"not JSON", readTestdata(t, "not_json.json"), []PathError{{"line 3, column 29", "invalid character '}'"}}},
		{"not an object", []byte(`[1, 2]`), []PathError{{"(document)", "want an object, got an array"}}},
		{"services not an array", []byte(`{"services": {}}`), []PathError{{"services", "want an array, got an object"}}},
		{"a name of the wrong type", edit(t, func(d map[string]any) { service0(d)["name"] = 42 }),
			[]PathError{{"services[0].name", "want a string, got a number"}}},
		{"a term that is not in the file", edit(t, func(d map[string]any) { attribute(d, 1)["taxonomy_term_id"] = "t-nowhere" }),
			[]PathError{{"services[0].attributes[1].taxonomy_term_id", `no taxonomy term with id "t-nowhere"`}}},
		{"an attribute without a term", edit(t, func(d map[string]any) { delete(attribute(d, 0), "taxonomy_term_id") }),
			[]PathError{{"services[0].attributes[0].taxonomy_term_id", "is required"}}},
		{"no id", edit(t, func(d map[string]any) { delete(service0(d), "id") }),
			[]PathError{{"services[0].id", "is required"}}},
		{"not a gapmap id", edit(t, func(d map[string]any) { service0(d)["id"] = "Helse Stasjon" }),
			[]PathError{{"services[0].id", "is not a gapmap id"}}},
		{"an id used twice", edit(t, func(d map[string]any) { service0(d)["id"] = "bergen-kommune" }),
			[]PathError{{"services[0].id", "also the id of organizations[0]"}}},
		{"an id of another type", edit(t, func(d map[string]any) { service0(d)["id"] = storetest.StatusID }),
			[]PathError{{"services[0].id", "is a Status in the landscape"}}},
		{"an unknown organisation", edit(t, func(d map[string]any) { service0(d)["organization_id"] = "nobody" }),
			[]PathError{{"services[0].organization_id", `no organisation with id "nobody"`}}},
		{"an unknown location", edit(t, func(d map[string]any) {
			service0(d)["service_at_locations"].([]any)[0].(map[string]any)["location_id"] = "nowhere"
		}), []PathError{{"services[0].service_at_locations[0].location_id", `no location with id "nowhere"`}}},
		{"a bad language code", edit(t, func(d map[string]any) {
			service0(d)["languages"].([]any)[0].(map[string]any)["code"] = "english"
		}), []PathError{{"services[0].languages[0].code", "not an ISO 639-1"}}},
		{"a bad date", edit(t, func(d map[string]any) { service0(d)["assured_date"] = "31.01.2025" }),
			[]PathError{{"services[0].assured_date", "is not a date"}}},
		{"a value that is not edge properties", edit(t, func(d map[string]any) { attribute(d, 0)["value"] = `{"extent": "partial", "colour": "red"}` }),
			[]PathError{{"services[0].attributes[0].value", `unknown field "colour"`}}},
		{"an extent the graph refuses", edit(t, func(d map[string]any) { attribute(d, 0)["value"] = `{"extent": "most"}` }),
			[]PathError{{"services[0].attributes[0]", `extent: unknown value "most"`}}},
		{"a second sector", edit(t, func(d map[string]any) {
			a := service0(d)
			a["attributes"] = append(a["attributes"].([]any), map[string]any{"id": "x", "taxonomy_term_id": "t-sector-legal"})
			d["taxonomy_terms"] = append(d["taxonomy_terms"].([]any), map[string]any{"id": "t-sector-legal", "code": "legal", "name": "Legal", "taxonomy_id": "gapmap-sector"})
		}), []PathError{{"services[0].attributes[5]", "a second gapmap-sector term"}}},
		{"a new service without a sector", edit(t, func(d map[string]any) {
			s := service0(d)
			s["attributes"] = slices.Delete(s["attributes"].([]any), 2, 3)
		}), []PathError{{"services[0].attributes", "a new service needs a gapmap-sector term"}}},
		{"a new organisation without a kind", edit(t, func(d map[string]any) {
			delete(d["organizations"].([]any)[0].(map[string]any), "legal_status")
		}), []PathError{{"organizations[0].attributes", "a new organisation needs a gapmap-organization-kind term"}}},
		{"several problems at once", edit(t, func(d map[string]any) {
			service0(d)["name"] = ""
			service0(d)["assured_date"] = "soon"
		}), []PathError{{"services[0].name", "is required"}, {"services[0].assured_date", "is not a date"}}},
	} {
		t.Run(test.name, func(t *testing.T) {
			im, err := PlanImport(fixture(t), test.data)
			var invalid *Error
			if !errors.As(err, &invalid) {
				t.Fatalf("PlanImport = %v, %v; want an *Error", im, err)
			}
			if im != nil {
				t.Errorf("an invalid file planned a change: %+v", im)
			}
			if len(invalid.Problems) != len(test.want) {
				t.Errorf("problems %v, want %d", invalid.Problems, len(test.want))
			}
			for _, w := range test.want {
				if !slices.ContainsFunc(invalid.Problems, func(p PathError) bool {
					return p.Path == w.Path && strings.Contains(p.Message, w.Message)
				}) {
					t.Errorf("no problem %q at %s in %v", w.Message, w.Path, invalid.Problems)
				}
			}
		})
	}
}

// TestHSDSImportUpdate exports the fixture, edits the file and imports it
// back: the report lists what changed, and the confidential address that
// was never exported is kept.
func TestHSDSImportUpdate(t *testing.T) {
	l := fixture(t)
	var b Bundle
	if err := json.Unmarshal(buildHSDS(t, l), &b); err != nil {
		t.Fatal(err)
	}
	for i := range b.Services {
		s := &b.Services[i]
		// The file names records and terms by their UUIDs.
		switch s.ID {
		case UUID("service", storetest.ServiceID):
			s.Description = "New description"
			s.Attributes = slices.DeleteFunc(s.Attributes, func(a Attribute) bool {
				return a.TaxonomyTermID == UUID("taxonomy_term", termID(TaxonomyResidencyStatus, storetest.StatusID))
			})
		case UUID("service", storetest.Service2ID):
			s.Attributes = append(s.Attributes, Attribute{ID: "new", TaxonomyTermID: UUID("taxonomy_term", termID(TaxonomyResidencyStatus, storetest.Status2ID))})
		}
	}
	b.Services = append(b.Services, Service{ID: "new-service", Name: "New service", Status: "active", Attributes: []Attribute{
		{ID: "s", TaxonomyTermID: UUID("taxonomy_term", termID(TaxonomySector, "legal"))},
		{ID: "f", TaxonomyTermID: UUID("taxonomy_term", termID(TaxonomyFunding, "project"))},
	}})
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	im, err := PlanImport(l, data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Service new-service"}, im.Created); diff != "" {
		t.Errorf("created mismatch (-want +got):\n%s", diff)
	}
	wantChanged := []Change{
		{Node: "Service lauras-hus", Edges: []string{"+ACCEPTS reflection-period"}},
		{Node: "Service rosa", Fields: []string{"description"}, Edges: []string{"-ACCEPTS undocumented"}},
	}
	if diff := cmp.Diff(wantChanged, im.Changed); diff != "" {
		t.Errorf("changed mismatch (-want +got):\n%s", diff)
	}
	if im.Unchanged != 1 || len(im.Unmapped) != 0 {
		t.Errorf("unchanged %d, unmapped %v; want 1 and none", im.Unchanged, im.Unmapped)
	}
	for _, op := range im.Change.Ops {
		if s, ok := op.Node.(*graph.Service); ok && s.ID == storetest.ServiceID {
			if s.Address != secretAddress || !s.ConfidentialAddress || s.Version != 0 {
				t.Errorf("rosa updated with address %q, confidential %v", s.Address, s.ConfidentialAddress)
			}
		}
	}
	if got := im.Changed[1].String(); got != "Service rosa: description; -ACCEPTS undocumented" {
		t.Errorf("change text = %q", got)
	}
}

// TestHSDSImportKeepsEligibilityOfForeignFiles imports a service that has
// none of gapmap's terms: its HSDS fields are updated, its eligibility is
// kept.
func TestHSDSImportKeepsEligibilityOfForeignFiles(t *testing.T) {
	l := fixture(t)
	data := []byte(`{"services": [{"id": "rosa", "name": "ROSA", "status": "active", "organization_id": "krisesenter",
		"description": "Described elsewhere"}]}`)
	im, err := PlanImport(l, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Changed) != 1 {
		t.Fatalf("changed %v, want rosa", im.Changed)
	}
	for _, e := range im.Changed[0].Edges {
		if strings.HasPrefix(e, "-") {
			t.Errorf("a file without gapmap terms deletes %s", e)
		}
	}
	if !slices.ContainsFunc(im.Unmapped, func(p PathError) bool { return p.Path == "services[0]" }) {
		t.Errorf("unmapped %v does not say the eligibility is kept", im.Unmapped)
	}
	for _, op := range im.Change.Ops {
		if s, ok := op.Node.(*graph.Service); ok {
			if s.Description != "Described elsewhere" || s.Sector != graph.SectorCoordination || len(s.Genders) != 2 {
				t.Errorf("rosa imported as %+v", s)
			}
		}
	}
}

func TestAgeRangeAndBands(t *testing.T) {
	num := func(f float64) *float64 { return &f }
	for _, test := range []struct {
		bands  []graph.AgeBand
		lo, hi *float64
	}{
		{nil, nil, nil},
		{[]graph.AgeBand{graph.AgeChild}, nil, num(17)},
		{[]graph.AgeBand{graph.AgeYoungAdult}, num(18), num(24)},
		{[]graph.AgeBand{graph.AgeYoungAdult, graph.AgeAdult}, num(18), nil},
		{[]graph.AgeBand{graph.AgeChild, graph.AgeYoungAdult}, nil, num(24)},
	} {
		lo, hi := ageRange(test.bands)
		if diff := cmp.Diff([]*float64{test.lo, test.hi}, []*float64{lo, hi}); diff != "" {
			t.Errorf("ageRange(%v) mismatch (-want +got):\n%s", test.bands, diff)
		}
		if diff := cmp.Diff(test.bands, ageBands(lo, hi)); diff != "" {
			t.Errorf("ageBands(ageRange(%v)) mismatch (-want +got):\n%s", test.bands, diff)
		}
	}
	// Bands with a gap have no range: the attributes say it.
	if lo, hi := ageRange([]graph.AgeBand{graph.AgeChild, graph.AgeAdult}); lo != nil || hi != nil {
		t.Errorf("ageRange(child, adult) = %v, %v; want no bounds", lo, hi)
	}
	// Another program's ages.
	if diff := cmp.Diff([]graph.AgeBand{graph.AgeChild, graph.AgeYoungAdult}, ageBands(num(12), num(20))); diff != "" {
		t.Errorf("ageBands(12, 20) mismatch (-want +got):\n%s", diff)
	}
}

// TestHSDSImportEmbeddedTerm reads a term embedded in its attribute, as
// HSDS's API may send it, with no taxonomy_terms table.
func TestHSDSImportEmbeddedTerm(t *testing.T) {
	data := []byte(`{"services": [{"id": "rosa", "name": "ROSA", "status": "active", "organization_id": "krisesenter",
		"attributes": [
			{"id": "a", "taxonomy_term": {"id": "x1", "code": "reflection-period", "name": "Reflection", "taxonomy": "gapmap-residency-status"}},
			{"id": "b", "taxonomy_term": {"id": "x2", "code": "coordination", "name": "Coordination", "taxonomy": "gapmap-sector"}}
		]}]}`)
	im, err := PlanImport(fixture(t), data)
	if err != nil {
		t.Fatal(err)
	}
	var accepts []string
	for _, op := range im.Change.Ops {
		if op.Kind == graph.OpPutEdge && op.Edge.Type == graph.EdgeAccepts {
			accepts = append(accepts, op.Edge.To)
		}
		if op.Kind == graph.OpDeleteEdge && op.EdgeKey.Type == graph.EdgeAccepts {
			accepts = append(accepts, "-"+op.EdgeKey.To)
		}
	}
	if diff := cmp.Diff([]string{"-" + storetest.StatusID, storetest.Status2ID}, accepts); diff != "" {
		t.Errorf("ACCEPTS changes mismatch (-want +got):\n%s", diff)
	}
}

// specLandscape is the fixture with the service and organisation of the
// specification's examples (by their UUIDs), so that importing an example
// updates them.
func specLandscape(t *testing.T) *graph.Landscape {
	t.Helper()
	const svc, org = "ac148810-d857-441c-9679-408f346de14b", "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
	nodes, edges := storetest.Fixture()
	nodes = append(nodes,
		&graph.Organisation{Meta: graph.Meta{ID: org, Name: "Example Organization Inc.", Year: 2024}, Kind: graph.OrgNGO},
		&graph.Service{Meta: graph.Meta{ID: svc, Name: "Example Service", Year: 2024},
			Sector: graph.SectorSocial, Funding: graph.FundingPermanent})
	edges = append(edges, graph.Edge{Type: graph.EdgeRunBy, From: svc, To: org, Sources: []string{storetest.SourceID}, Year: 2024})
	l, err := graph.NewLandscape(7, nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestHSDSImportSpecShapes imports the specification's own documents: a
// single service with its organization and locations nested, a page of
// the service list, and a single organization. Each is read, and every
// field gapmap has no place for is reported by its path.
func TestHSDSImportSpecShapes(t *testing.T) {
	l := specLandscape(t)
	read := func(name string) *Import {
		t.Helper()
		im, err := PlanImport(l, readTestdata(t, filepath.Join("spec-examples", name)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return im
	}
	paths := func(im *Import) []string {
		var out []string
		for _, u := range im.Unmapped {
			out = append(out, u.Path)
		}
		return out
	}

	full := read("service_full.json")
	if !slices.ContainsFunc(full.Changed, func(c Change) bool { return strings.HasPrefix(c.Node, "Service ac148810") }) {
		t.Errorf("service_full.json changed %v, want the example service", full.Changed)
	}
	dropped := paths(full)
	for _, want := range []string{
		"funding", "program", "cost_options", "required_documents", "metadata", "wait_time", "application_process",
		"schedules[0].opens_at", "contacts[0].title", "contacts[0].department",
		"organization.funding", "service_at_locations[0].description",
		"service_at_locations[0].location.latitude", "organization.locations[0].latitude",
	} {
		if !slices.Contains(dropped, want) {
			t.Errorf("service_full.json: %s is dropped without a word; reported: %q", want, dropped)
		}
	}
	// The location is given twice (in the organization and in the service);
	// its address's country (US) is no country of the landscape.
	if !slices.ContainsFunc(dropped, func(p string) bool {
		return strings.HasSuffix(p, "location.addresses[0].country") || strings.HasSuffix(p, "locations[0].addresses[0].country")
	}) {
		t.Errorf("service_full.json: the address's country is dropped without a word; reported: %q", dropped)
	}

	list := read("service_list.json")
	if !slices.ContainsFunc(list.Unmapped, func(p PathError) bool {
		return p.Path == "(document)" && strings.Contains(p.Message, "page 1 of 10")
	}) {
		t.Errorf("service_list.json: no word that only page 1 of 10 is read: %v", list.Unmapped)
	}
	if !slices.Contains(paths(list), "contents[0].program") {
		t.Errorf("service_list.json: contents[0].program is dropped without a word: %q", paths(list))
	}
	if n := len(list.Changed) + list.Unchanged; n != 2 {
		t.Errorf("service_list.json: %d records read, want the service and its organization", n)
	}

	org := read("organization_full.json")
	if !slices.ContainsFunc(org.Changed, func(c Change) bool { return strings.HasPrefix(c.Node, "Organisation d9d5e0f5") }) &&
		org.Unchanged == 0 {
		t.Errorf("organization_full.json: the organisation is not read: %+v", org)
	}

	// Anything else is refused, with the forms that are read named.
	_, err := PlanImport(l, []byte(`{"id": "x"}`))
	var invalid *Error
	if !errors.As(err, &invalid) || !strings.Contains(err.Error(), "one HSDS service or organization, or a page of them") {
		t.Errorf("a record of no known form: %v", err)
	}
}

// TestHSDSRoundTripReportsNothing: gapmap's own export imports back with
// nothing left out, and a public address keeps its postal code apart and
// comes back the same line.
func TestHSDSRoundTripReportsNothing(t *testing.T) {
	nodes, edges := storetest.Fixture()
	for _, n := range nodes {
		if s, ok := n.(*graph.Service); ok && s.ID == storetest.Service2ID {
			s.City, s.Address, s.ConfidentialAddress = "Oslo", "Storgata 1, 0155 Oslo", false
		}
	}
	l, err := graph.NewLandscape(7, nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	data := buildHSDS(t, l)
	var b Bundle
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	var addr *Address
	for i := range b.Locations {
		if b.Locations[i].ID == UUID("location", storetest.Service2ID+":location") && len(b.Locations[i].Addresses) > 0 {
			addr = &b.Locations[i].Addresses[0]
		}
	}
	if addr == nil || addr.Address1 != "Storgata 1" || addr.PostalCode != "0155" || addr.City != "Oslo" {
		t.Errorf("the address of %s: %+v, want Storgata 1, 0155, Oslo", storetest.Service2ID, addr)
	}
	im, err := PlanImport(l, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Unmapped) != 0 || !im.Change.Empty() {
		t.Errorf("a round trip: unmapped %v, changed %v; want nothing", im.Unmapped, im.Changed)
	}
}
