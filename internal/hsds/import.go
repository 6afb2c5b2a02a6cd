package hsds

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// Import is an HSDS file read against a landscape: the one change that
// imports it, and what the change does.
type Import struct {
	// Change creates and updates the file's organisations and services and
	// puts and deletes their edges; apply it in one Store.Apply. It is
	// empty when the landscape already says what the file says.
	Change *graph.Change
	// Created names the nodes the change creates ("Service rosa").
	Created []string
	// Changed lists the nodes the change updates or whose edges it changes.
	Changed []Change
	// Unchanged counts the file's organisations and services the landscape
	// already has as the file says.
	Unchanged int
	// Unmapped lists what the file says that gapmap cannot take: terms of
	// other taxonomies, ids the landscape does not have, fields gapmap
	// keeps one of. The rest of the file is imported without them.
	Unmapped []PathError
}

// Change is what an import changes in one node.
type Change struct {
	// Node names the node: "Service rosa".
	Node string
	// Fields are the JSON names of the fields that change.
	Fields []string
	// Edges are the edges put (+), changed (~) and deleted (-):
	// "+ACCEPTS undocumented".
	Edges []string
}

// String returns "Service rosa: description, phone; +ACCEPTS undocumented".
func (c Change) String() string {
	var parts []string
	if len(c.Fields) > 0 {
		parts = append(parts, strings.Join(c.Fields, ", "))
	}
	if len(c.Edges) > 0 {
		parts = append(parts, strings.Join(c.Edges, ", "))
	}
	return c.Node + ": " + strings.Join(parts, "; ")
}

// PlanImport reads an HSDS bundle (the form Write writes, HSDS.md)
// and plans its import into landscape l: organisations and services are
// matched by id, created when l does not have them and updated when it does,
// with the fields and edges HSDS carries; nothing is deleted but the edges
// of those kinds that the file no longer lists.
//
// The whole file is checked before anything is planned. If anything in it is
// invalid (not JSON, a field of the wrong type, a missing or duplicate id, an
// attribute whose term is not in the file, a reference to an organisation or
// location that neither the file nor l has, a node or edge that would fail
// the graph's validation), PlanImport returns an *Error listing
// every problem by its JSON path, and no change. What is valid but cannot be
// mapped (a term of another taxonomy, a status l does not have) is left out
// and reported in Unmapped.
func PlanImport(l *graph.Landscape, data []byte) (*Import, error) {
	b, problems := readHSDS(data)
	if len(problems) > 0 {
		return nil, &Error{Problems: problems}
	}
	useGapmapIDs(b)
	im := newImporter(l, b)
	im.unmapped = append(im.unmapped, b.dropped...)
	im.checkIDs()
	im.indexTerms()
	for i := range b.Organizations {
		im.organization(&b.Organizations[i])
	}
	for i := range b.Services {
		im.service(&b.Services[i])
	}
	if len(im.errs) == 0 {
		im.validate()
	}
	if len(im.errs) > 0 {
		return nil, &Error{Problems: im.errs}
	}
	return im.plan(), nil
}

// importer holds the state of one PlanImport.
type importer struct {
	l        *graph.Landscape
	b        *Bundle
	errs     []PathError
	unmapped []PathError

	terms      map[string]*TaxonomyTerm // by id
	taxNames   map[string]string        // taxonomy id in the file -> name
	locations  map[string]*Location
	fileOrgs   map[string]bool
	regionName map[string][]string // folded region name -> region ids
	countries  map[string]bool     // the codes of the landscape's countries

	// imported are the organisations and services as they will be, in file
	// order, with the edges of the kinds the import owns.
	imported []*importedNode
	byID     map[string]*importedNode
}

// importedNode is an organisation or service of the file as the import
// makes it.
type importedNode struct {
	path   string
	node   graph.Node
	stored graph.Node // nil for a new node
	// owned are the edge types from the node that the import sets: edges
	// of these types not in edges are deleted.
	owned []graph.EdgeType
	edges []graph.Edge
	// edgePaths names where in the file each edge comes from.
	edgePaths map[graph.EdgeKey]string
}

func newImporter(l *graph.Landscape, b *Bundle) *importer {
	im := &importer{
		l: l, b: b,
		terms: map[string]*TaxonomyTerm{}, taxNames: map[string]string{},
		locations: map[string]*Location{}, fileOrgs: map[string]bool{},
		regionName: map[string][]string{}, byID: map[string]*importedNode{}, countries: map[string]bool{},
	}
	for _, r := range graph.All[*graph.Region](l) {
		if r.Level == graph.LevelCountry && r.Code != "" {
			im.countries[strings.ToUpper(r.Code)] = true
		}
		for _, n := range []string{r.Name, r.NameNB} {
			if n != "" {
				k := strings.ToLower(n)
				if !slices.Contains(im.regionName[k], r.ID) {
					im.regionName[k] = append(im.regionName[k], r.ID)
				}
			}
		}
	}
	return im
}

func (im *importer) fail(path, format string, args ...any) {
	im.errs = append(im.errs, PathError{Path: path, Message: fmt.Sprintf(format, args...)})
}

func (im *importer) skip(path, format string, args ...any) {
	im.unmapped = append(im.unmapped, PathError{Path: path, Message: fmt.Sprintf(format, args...)})
}

// checkIDs checks that every organisation and service has a gapmap id used
// once, of a node of the same type if l has it, and indexes the locations.
func (im *importer) checkIDs() {
	seen := map[string]string{}
	check := func(id, path string, t graph.NodeType) {
		switch {
		case id == "":
			im.fail(field(path, "id"), "is required")
			return
		case !graph.ValidID(id):
			im.fail(field(path, "id"), "%q is not a gapmap id (lower-case letters, digits, '_' and '-', at most 64 characters)", id)
			return
		}
		if prev, ok := seen[id]; ok {
			im.fail(field(path, "id"), "%q is also the id of %s", id, prev)
			return
		}
		seen[id] = path
		if n, ok := im.l.Node(id); ok && n.Type() != t {
			im.fail(field(path, "id"), "%q is a %s in the landscape, not a %s", id, n.Type(), t)
		}
	}
	for _, o := range im.b.Organizations {
		check(o.ID, o.path, graph.TypeOrganisation)
		im.fileOrgs[o.ID] = true
	}
	for _, s := range im.b.Services {
		check(s.ID, s.path, graph.TypeService)
	}
	for i := range im.b.Locations {
		loc := &im.b.Locations[i]
		switch {
		case loc.ID == "":
			im.fail(field(loc.path, "id"), "is required")
		case im.locations[loc.ID] != nil:
			im.fail(field(loc.path, "id"), "%q is also the id of %s", loc.ID, im.locations[loc.ID].path)
		default:
			im.locations[loc.ID] = loc
		}
	}
}

// indexTerms indexes the file's taxonomies and terms by id.
func (im *importer) indexTerms() {
	for _, t := range im.b.Taxonomies {
		if t.ID != "" {
			im.taxNames[t.ID] = t.Name
		}
	}
	for i := range im.b.TaxonomyTerms {
		t := &im.b.TaxonomyTerms[i]
		switch {
		case t.ID == "":
			im.fail(field(t.path, "id"), "is required")
		case im.terms[t.ID] != nil:
			im.fail(field(t.path, "id"), "%q is also the id of %s", t.ID, im.terms[t.ID].path)
		default:
			im.terms[t.ID] = t
		}
	}
}
