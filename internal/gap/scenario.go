package gap

import (
	"fmt"
	"slices"

	"github.com/gapmap/gapmap/graph"
)

// Scenario is a what-if: a list of changes applied, in order, to a copy of
// the landscape's rules. A later change sees the effect of earlier ones (a
// service added by change 0 can be widened by change 1). Parse one from YAML
// or JSON with ParseScenario.
type Scenario struct {
	Name        string   `json:"name,omitempty" yaml:"name,omitempty"`
	Description string   `json:"description,omitempty" yaml:"description,omitempty"`
	Changes     []Change `json:"changes" yaml:"changes"`
}

// ChangeKind is the kind of one change of a scenario.
type ChangeKind string

// The kinds of change.
const (
	// CloseService closes Service: it covers nothing any more.
	CloseService ChangeKind = "close_service"
	// AddService adds a service with id Service: Name, Sector, Funding,
	// RunBy, Genders and AgeBands (empty: every one), Statuses it accepts,
	// Exploitation it serves (empty: every type), Regions it covers, Needs
	// it meets, Stages it works at (empty: every stage), RefersTo and
	// Sources. Statuses, Regions and Needs are required.
	AddService ChangeKind = "add_service"
	// Widen makes Service accept more: the Statuses, Genders, AgeBands and
	// Exploitation listed, the Regions (and every region inside them), the
	// Needs and the Stages. Extent "partial" adds statuses and needs in part;
	// otherwise they are added (or made) full.
	Widen ChangeKind = "widen"
	// Narrow makes Service accept less: the values listed are removed. A
	// dimension without restriction (no genders listed, say) becomes every
	// value but those removed; removing every value leaves none.
	Narrow ChangeKind = "narrow"
	// GrantEntitlement gives Status a statutory right to Need, for AgeBands
	// (empty: every age), with Extent and LegalBasis. It replaces an
	// entitlement the status already has to the need.
	GrantEntitlement ChangeKind = "grant_entitlement"
	// RemoveEntitlement removes the right of Status to Need.
	RemoveEntitlement ChangeKind = "remove_entitlement"
)

// ChangeKinds lists every ChangeKind.
var ChangeKinds = []ChangeKind{CloseService, AddService, Widen, Narrow, GrantEntitlement, RemoveEntitlement}

// Change is one change of a scenario. Which fields apply depends on Kind
// (see the ChangeKind constants); a field that does not apply is an error.
type Change struct {
	Kind ChangeKind `json:"kind" yaml:"kind"`

	// Service names the service closed, added, widened or narrowed.
	Service string `json:"service,omitempty" yaml:"service,omitempty"`

	// The new service's own fields (add_service).
	Name     string        `json:"name,omitempty" yaml:"name,omitempty"`
	Sector   graph.Sector  `json:"sector,omitempty" yaml:"sector,omitempty"`
	Funding  graph.Funding `json:"funding,omitempty" yaml:"funding,omitempty"`
	RunBy    string        `json:"run_by,omitempty" yaml:"run_by,omitempty"`
	RefersTo []string      `json:"refers_to,omitempty" yaml:"refers_to,omitempty"`
	Sources  []string      `json:"sources,omitempty" yaml:"sources,omitempty"`

	// Eligibility (add_service, widen, narrow); AgeBands also limits an
	// entitlement (grant_entitlement).
	Genders      []graph.Gender  `json:"genders,omitempty" yaml:"genders,omitempty"`
	AgeBands     []graph.AgeBand `json:"age_bands,omitempty" yaml:"age_bands,omitempty"`
	Statuses     []string        `json:"statuses,omitempty" yaml:"statuses,omitempty"`
	Exploitation []string        `json:"exploitation,omitempty" yaml:"exploitation,omitempty"`
	Regions      []string        `json:"regions,omitempty" yaml:"regions,omitempty"`
	Needs        []string        `json:"needs,omitempty" yaml:"needs,omitempty"`
	Stages       []string        `json:"stages,omitempty" yaml:"stages,omitempty"`

	// The entitlement (grant_entitlement, remove_entitlement).
	Status     string `json:"status,omitempty" yaml:"status,omitempty"`
	Need       string `json:"need,omitempty" yaml:"need,omitempty"`
	LegalBasis string `json:"legal_basis,omitempty" yaml:"legal_basis,omitempty"`

	// Extent is full (the default) or partial: of the statuses and needs
	// added (add_service, widen) or of the entitlement granted.
	Extent graph.Extent `json:"extent,omitempty" yaml:"extent,omitempty"`
	// FullAgeBands are the age bands a partial entitlement granted gives
	// in full (grant_entitlement with extent partial).
	FullAgeBands []graph.AgeBand `json:"full_age_bands,omitempty" yaml:"full_age_bands,omitempty"`

	// Note is free text, kept with the scenario.
	Note string `json:"note,omitempty" yaml:"note,omitempty"`
}

// fieldsOf lists, per kind, the fields (by their JSON names) a change may set
// besides kind and note.
var fieldsOf = map[ChangeKind][]string{
	CloseService:      {"service"},
	AddService:        {"service", "name", "sector", "funding", "run_by", "refers_to", "sources", "genders", "age_bands", "statuses", "exploitation", "regions", "needs", "stages", "extent"},
	Widen:             {"service", "genders", "age_bands", "statuses", "exploitation", "regions", "needs", "stages", "extent"},
	Narrow:            {"service", "genders", "age_bands", "statuses", "exploitation", "regions", "needs", "stages"},
	GrantEntitlement:  {"status", "need", "age_bands", "legal_basis", "extent", "full_age_bands"},
	RemoveEntitlement: {"status", "need"},
}

// setFields returns the JSON names of the fields c sets, in struct order.
func (c *Change) setFields() []string {
	var fs []string
	add := func(set bool, name string) {
		if set {
			fs = append(fs, name)
		}
	}
	add(c.Service != "", "service")
	add(c.Name != "", "name")
	add(c.Sector != "", "sector")
	add(c.Funding != "", "funding")
	add(c.RunBy != "", "run_by")
	add(len(c.RefersTo) > 0, "refers_to")
	add(len(c.Sources) > 0, "sources")
	add(len(c.Genders) > 0, "genders")
	add(len(c.AgeBands) > 0, "age_bands")
	add(len(c.Statuses) > 0, "statuses")
	add(len(c.Exploitation) > 0, "exploitation")
	add(len(c.Regions) > 0, "regions")
	add(len(c.Needs) > 0, "needs")
	add(len(c.Stages) > 0, "stages")
	add(c.Status != "", "status")
	add(c.Need != "", "need")
	add(c.LegalBasis != "", "legal_basis")
	add(c.Extent != "", "extent")
	add(len(c.FullAgeBands) > 0, "full_age_bands")
	return fs
}

// Check checks change i's form without a landscape: a known kind, the fields
// it needs, no field that does not apply. Errors are EINVALID and name the
// change ("changes[2] (widen)") and the field.
func (c *Change) Check(i int) error {
	ref := changeRef(i, c.Kind)
	allowed, ok := fieldsOf[c.Kind]
	if !ok {
		if c.Kind == "" {
			return graph.FieldError(ref, "kind", "is required (one of %s)", joinKinds())
		}
		return graph.FieldError(ref, "kind", "unknown kind %q (want one of %s)", c.Kind, joinKinds())
	}
	for _, f := range c.setFields() {
		if !slices.Contains(allowed, f) {
			return graph.FieldError(ref, f, "does not apply to %s", c.Kind)
		}
	}
	switch c.Kind {
	case CloseService, AddService, Widen, Narrow:
		if c.Service == "" {
			return graph.FieldError(ref, "service", "is required")
		}
	case GrantEntitlement, RemoveEntitlement:
		if c.Status == "" {
			return graph.FieldError(ref, "status", "is required")
		}
		if c.Need == "" {
			return graph.FieldError(ref, "need", "is required")
		}
	}
	switch c.Kind {
	case AddService:
		for _, f := range []struct {
			name string
			n    int
		}{{"statuses", len(c.Statuses)}, {"regions", len(c.Regions)}, {"needs", len(c.Needs)}} {
			if f.n == 0 {
				return graph.FieldError(ref, f.name, "is required: a service with none covers nothing")
			}
		}
		if c.Sector == "" {
			return graph.FieldError(ref, "sector", "is required")
		}
		if c.Funding == "" {
			return graph.FieldError(ref, "funding", "is required")
		}
	case Widen, Narrow:
		if len(c.setFields()) == 1 || len(c.setFields()) == 2 && c.Extent != "" {
			return graph.FieldError(ref, "service", "names no value to %s (give statuses, genders, age_bands, exploitation, regions, needs or stages)", c.Kind)
		}
	}
	if c.Extent != "" && !slices.Contains(graph.Extents, c.Extent) {
		return graph.FieldError(ref, "extent", "unknown value %q (want full or partial)", c.Extent)
	}
	return nil
}

// Check checks the form of every change of sc (see Change.Check).
func (sc *Scenario) Check() error {
	for i := range sc.Changes {
		if err := sc.Changes[i].Check(i); err != nil {
			return err
		}
	}
	return nil
}

func changeRef(i int, k ChangeKind) string {
	if k == "" {
		return fmt.Sprintf("scenario changes[%d]", i)
	}
	return fmt.Sprintf("scenario changes[%d] (%s)", i, k)
}

func joinKinds() string {
	s := ""
	for i, k := range ChangeKinds {
		if i > 0 {
			s += ", "
		}
		s += string(k)
	}
	return s
}
