package export

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
	"github.com/gapmap/gapmap/graph/storetest"
)

func buildHSDS(t *testing.T, l *graph.Landscape) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHSDS(&buf, l, HSDSOptions{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestHSDSFieldNames walks an export of the Norwegian seed and of the
// fixture and checks every record against the fields HSDS 3.0 defines and
// requires (testdata/hsds/hsds30_fields.json, from the specification's JSON
// schemas).
func TestHSDSFieldNames(t *testing.T) {
	raw, err := os.ReadFile("testdata/hsds/hsds30_fields.json")
	if err != nil {
		t.Fatal(err)
	}
	var spec map[string]struct {
		Fields   []string            `json:"fields"`
		Required []string            `json:"required"`
		Enums    map[string][]string `json:"enums"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	// nested names the record type of each array field.
	nested := map[string]string{
		"organizations": "organization", "services": "service", "locations": "location",
		"taxonomies": "taxonomy", "taxonomy_terms": "taxonomy_term", "phones": "phone", "schedules": "schedule",
		"service_areas": "service_area", "service_at_locations": "service_at_location", "languages": "language",
		"contacts": "contact", "attributes": "attribute", "addresses": "address",
	}
	var check func(path, typ string, rec map[string]any)
	check = func(path, typ string, rec map[string]any) {
		s, ok := spec[typ]
		if !ok {
			t.Fatalf("%s: no HSDS record type %s", path, typ)
		}
		for k, v := range rec {
			if !slices.Contains(s.Fields, k) {
				t.Errorf("%s: %s has no field %q in HSDS 3.0", path, typ, k)
			}
			if allowed, ok := s.Enums[k]; ok && !slices.Contains(allowed, v.(string)) {
				t.Errorf("%s.%s: %q is not one of %v", path, k, v, allowed)
			}
			if list, ok := v.([]any); ok {
				for i, x := range list {
					check(index(path+"."+k, i), nested[k], x.(map[string]any))
				}
			}
		}
		for _, k := range s.Required {
			if _, ok := rec[k]; !ok {
				t.Errorf("%s: %s lacks the required field %q", path, typ, k)
			}
		}
	}
	for name, l := range map[string]*graph.Landscape{"norway": norway(t), "fixture": fixture(t)} {
		var doc map[string]any
		if err := json.Unmarshal(buildHSDS(t, l), &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k, v := range doc {
			switch k {
			case "hsds_version", "generator", "landscape_version", "landscape_changed":
				continue
			}
			for i, x := range v.([]any) {
				check(index(name+":"+k, i), nested[k], x.(map[string]any))
			}
		}
		if doc["hsds_version"] != "3.0" {
			t.Errorf("%s: hsds_version = %v", name, doc["hsds_version"])
		}
		if want := map[string]any{"fixture": "2026-02-27T14:05:09.123456Z"}[name]; doc["landscape_changed"] != want {
			t.Errorf("%s: landscape_changed = %v, want %v", name, doc["landscape_changed"], want)
		}
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
	c.CapacityLimited = false // HSDS has no field for "turns people away when full"
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

	im, err := PlanHSDSImport(ref, data)
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

	again, err := PlanHSDSImport(got, data)
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
	im, err := PlanHSDSImport(l, readTestdata(t, "valid.json"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Organisation bergen-kommune", "Service helsestasjon-bergen"}, im.Created); diff != "" {
		t.Errorf("created mismatch (-want +got):\n%s", diff)
	}
	if len(im.Unmapped) != 0 || len(im.Changed) != 0 {
		t.Errorf("unmapped %v, changed %v; want none", im.Unmapped, im.Changed)
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
	im, err := PlanHSDSImport(fixture(t), readTestdata(t, "unmapped.json"))
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
			im, err := PlanHSDSImport(fixture(t), test.data)
			var invalid *HSDSError
			if !errors.As(err, &invalid) {
				t.Fatalf("PlanHSDSImport = %v, %v; want an *HSDSError", im, err)
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
	var b HSDSBundle
	if err := json.Unmarshal(buildHSDS(t, l), &b); err != nil {
		t.Fatal(err)
	}
	for i := range b.Services {
		s := &b.Services[i]
		switch s.ID {
		case storetest.ServiceID:
			s.Description = "New description"
			s.Attributes = slices.DeleteFunc(s.Attributes, func(a HSDSAttribute) bool {
				return a.TaxonomyTermID == termID(TaxonomyResidencyStatus, storetest.StatusID)
			})
		case storetest.Service2ID:
			s.Attributes = append(s.Attributes, HSDSAttribute{ID: "new", TaxonomyTermID: termID(TaxonomyResidencyStatus, storetest.Status2ID)})
		}
	}
	b.Services = append(b.Services, HSDSService{ID: "new-service", Name: "New service", Status: "active", Attributes: []HSDSAttribute{
		{ID: "s", TaxonomyTermID: termID(TaxonomySector, "legal")}, {ID: "f", TaxonomyTermID: termID(TaxonomyFunding, "project")},
	}})
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	im, err := PlanHSDSImport(l, data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Service new-service"}, im.Created); diff != "" {
		t.Errorf("created mismatch (-want +got):\n%s", diff)
	}
	wantChanged := []HSDSChange{
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
	im, err := PlanHSDSImport(l, data)
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
	im, err := PlanHSDSImport(fixture(t), data)
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
