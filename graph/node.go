package graph

import (
	"fmt"
	"regexp"
	"slices"
	"time"
)

// Node is one node of the landscape graph: a pointer to one of Organisation,
// Service, Need, Status, Exploitation, Stage, Region, Group, Source or
// Recommendation. The set is closed.
type Node interface {
	// Type returns the node's label. It is safe to call on a nil pointer.
	Type() NodeType
	// Base returns the fields every node has.
	Base() *Meta
	// Validate checks the node's own fields (not its references) and returns
	// an EINVALID *Error naming the node and the field at fault.
	Validate() error
}

// Meta holds the fields every node has.
type Meta struct {
	// ID is unique across the whole graph: lower-case letters, digits, '_'
	// and '-', starting with a letter or digit, at most 64 characters.
	ID string `json:"id"`
	// Version starts at 1 when the node is created and grows by one with
	// each update. An update must name the version it replaces.
	Version int64 `json:"version"`
	// Name is the display name in English (or the name in common use).
	Name string `json:"name"`
	// NameNB is the name in Norwegian bokmål, when it differs.
	NameNB string `json:"name_nb,omitempty"`
	// Year is the year the facts of this node refer to.
	Year int `json:"year,omitempty"`
	// Confidence says whether the facts are verified or assumed.
	Confidence Confidence `json:"confidence,omitempty"`
	// Note is free text: caveats, what is not verified.
	Note string `json:"note,omitempty"`
}

// Base returns m itself, so that every node type satisfies Node.Base.
func (m *Meta) Base() *Meta { return m }

// Label returns the node's name in lang ("nb" or "en"), falling back to Name.
func (m *Meta) Label(lang string) string {
	if lang == "nb" && m.NameNB != "" {
		return m.NameNB
	}
	return m.Name
}

// Assumed reports whether the node's facts are marked as assumptions.
func (m *Meta) Assumed() bool { return m.Confidence == Assumed }

// ValidID reports whether id is a well-formed node id: 1 to 64 of a-z, 0-9,
// '_' and '-', starting with a letter or a digit. (A loop, not a regular
// expression: loading a landscape checks every node's and edge's ids.)
func ValidID(id string) bool {
	if len(id) == 0 || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case (c == '_' || c == '-') && i > 0:
		default:
			return false
		}
	}
	return true
}

// Ref returns how errors name a node: its type and id, e.g. "Service rosa".
func Ref(n Node) string {
	if n.Base().ID == "" {
		return string(n.Type()) + " (no id)"
	}
	return string(n.Type()) + " " + n.Base().ID
}

func (m *Meta) validate(ref string) error {
	switch {
	case m.ID == "":
		return FieldError(ref, "id", "is required")
	case !ValidID(m.ID):
		return FieldError(ref, "id", "%q is not a valid id (lower-case letters, digits, '_' and '-', at most 64 characters)", m.ID)
	case m.Version < 0:
		return FieldError(ref, "version", "must not be negative")
	case m.Name == "":
		return FieldError(ref, "name", "is required")
	case m.Year != 0 && (m.Year < 1800 || m.Year > 2100):
		return FieldError(ref, "year", "%d is out of range (1800 to 2100)", m.Year)
	}
	return checkEnum(ref, "confidence", m.Confidence, []Confidence{Verified, Assumed}, true)
}

// Organisation runs services: an NGO, a municipality, a state agency.
type Organisation struct {
	Meta
	Kind OrgKind `json:"kind"`
	URL  string  `json:"url,omitempty"`
}

// Type returns TypeOrganisation.
func (*Organisation) Type() NodeType { return TypeOrganisation }

// Validate checks the organisation's fields.
func (o *Organisation) Validate() error {
	ref := Ref(o)
	if err := o.Meta.validate(ref); err != nil {
		return err
	}
	return checkEnum(ref, "kind", o.Kind, OrgKinds, false)
}

// Service is a service a victim can reach. Whom it accepts is given by its
// ACCEPTS and SERVES edges and by Genders and AgeBands; an empty set means no
// restriction on that dimension.
type Service struct {
	Meta
	// AltNames are other names and spellings search must find ("Laura's Hus").
	AltNames      []string `json:"alt_names,omitempty"`
	Description   string   `json:"description,omitempty"`
	DescriptionNB string   `json:"description_nb,omitempty"`
	Sector        Sector   `json:"sector"`
	City          string   `json:"city,omitempty"`
	// Address is never shown publicly when ConfidentialAddress is set.
	Address             string    `json:"address,omitempty"`
	ConfidentialAddress bool      `json:"confidential_address,omitempty"`
	Genders             []Gender  `json:"genders,omitempty"`
	AgeBands            []AgeBand `json:"age_bands,omitempty"`
	// Capacity is the number of places or clients, when known (0: unknown).
	Capacity     int      `json:"capacity,omitempty"`
	CapacityNote string   `json:"capacity_note,omitempty"`
	Languages    []string `json:"languages,omitempty"`
	Funding      Funding  `json:"funding"`
	Cost         string   `json:"cost,omitempty"`
	Phone        string   `json:"phone,omitempty"`
	Email        string   `json:"email,omitempty"`
	URL          string   `json:"url,omitempty"`
	OpeningHours string   `json:"opening_hours,omitempty"`
	// The Norwegian bokmål texts of the capacity note, the cost and the
	// opening hours.
	CapacityNoteNB string `json:"capacity_note_nb,omitempty"`
	CostNB         string `json:"cost_nb,omitempty"`
	OpeningHoursNB string `json:"opening_hours_nb,omitempty"`

	// CapacityLimited marks a service that turns people away when its
	// places are full (a shelter's beds): coverage that depends on it alone
	// is fragile.
	CapacityLimited bool `json:"capacity_limited,omitempty"`

	// LastVerified is when the profile was last checked (HSDS assured_date).
	LastVerified *time.Time `json:"last_verified,omitempty"`
}

// Type returns TypeService.
func (*Service) Type() NodeType { return TypeService }

// Validate checks the service's fields.
func (s *Service) Validate() error {
	ref := Ref(s)
	if err := s.Meta.validate(ref); err != nil {
		return err
	}
	if err := checkEnum(ref, "sector", s.Sector, Sectors, false); err != nil {
		return err
	}
	if err := checkEnum(ref, "funding", s.Funding, Fundings, false); err != nil {
		return err
	}
	if err := checkEnums(ref, "genders", s.Genders, Genders); err != nil {
		return err
	}
	if err := checkEnums(ref, "age_bands", s.AgeBands, AgeBands); err != nil {
		return err
	}
	if s.Capacity < 0 {
		return FieldError(ref, "capacity", "must not be negative")
	}
	for i, l := range s.Languages {
		if !languagePattern.MatchString(l) {
			return FieldError(ref, "languages", "item %d: %q is not a language code (ISO 639-1, e.g. \"no\", \"en\")", i, l)
		}
	}
	return nil
}

var languagePattern = regexp.MustCompile(`^[a-z]{2,3}$`)

// PublicAddress returns the address to show to the public: empty when the
// address is confidential.
func (s *Service) PublicAddress() string {
	if s.ConfidentialAddress {
		return ""
	}
	return s.Address
}

// Need is something a victim needs: emergency health care, a GP, safe
// accommodation, legal aid. AgeBands and Stages say whom it applies to and
// when it arises: a profile outside them does not have the need, so it is
// never short of it.
type Need struct {
	Meta
	Category      NeedCategory `json:"category"`
	Description   string       `json:"description,omitempty"`
	DescriptionNB string       `json:"description_nb,omitempty"`
	// AgeBands are the age bands the need applies to (child protection:
	// children); empty: every age band.
	AgeBands []AgeBand `json:"age_bands,omitempty"`
	// Stages are the ids of the pathway stages at which the need arises;
	// empty: every stage.
	Stages []string `json:"stages,omitempty"`
}

// Type returns TypeNeed.
func (*Need) Type() NodeType { return TypeNeed }

// Validate checks the need's fields.
func (n *Need) Validate() error {
	ref := Ref(n)
	if err := n.Meta.validate(ref); err != nil {
		return err
	}
	if err := checkEnum(ref, "category", n.Category, NeedCategories, false); err != nil {
		return err
	}
	if err := checkEnums(ref, "age_bands", n.AgeBands, AgeBands); err != nil {
		return err
	}
	return checkIDs(ref, "stages", n.Stages)
}

// checkIDs checks a list of node ids: well formed, no duplicates.
func checkIDs(node, field string, ids []string) error {
	for i, id := range ids {
		f := fmt.Sprintf("%s[%d]", field, i)
		if !ValidID(id) {
			return FieldError(node, f, "%q is not a valid id", id)
		}
		if slices.Contains(ids[:i], id) {
			return FieldError(node, f, "duplicate value %q", id)
		}
	}
	return nil
}

// Status is a residency status: undocumented, asylum seeker, reflection
// period. Its ENTITLES edges are the needs it gives a statutory right to, its
// TRANSITIONS_TO edges the statuses that can follow it.
type Status struct {
	Meta
	Description   string `json:"description,omitempty"`
	DescriptionNB string `json:"description_nb,omitempty"`
	LegalBasis    string `json:"legal_basis,omitempty"`
	LegalBasisNB  string `json:"legal_basis_nb,omitempty"`
	Duration      string `json:"duration,omitempty"`
	DurationNB    string `json:"duration_nb,omitempty"`
	// Terminal marks a status that ends the pathway in the country (the
	// person has returned or left): it has no needs there, and moving into
	// it is an exit, not a loss.
	Terminal bool `json:"terminal,omitempty"`
}

// Type returns TypeStatus.
func (*Status) Type() NodeType { return TypeStatus }

// Validate checks the status's fields.
func (s *Status) Validate() error { return s.Meta.validate(Ref(s)) }

// Exploitation is a form of exploitation: sexual, labour, forced criminality.
type Exploitation struct {
	Meta
	Description   string `json:"description,omitempty"`
	DescriptionNB string `json:"description_nb,omitempty"`
}

// Type returns TypeExploitation.
func (*Exploitation) Type() NodeType { return TypeExploitation }

// Validate checks the exploitation's fields.
func (e *Exploitation) Validate() error { return e.Meta.validate(Ref(e)) }

// Stage is a stage of the pathway; stages are ordered by Order.
type Stage struct {
	Meta
	Order         int    `json:"order"`
	Description   string `json:"description,omitempty"`
	DescriptionNB string `json:"description_nb,omitempty"`
}

// Type returns TypeStage.
func (*Stage) Type() NodeType { return TypeStage }

// Validate checks the stage's fields.
func (s *Stage) Validate() error {
	ref := Ref(s)
	if err := s.Meta.validate(ref); err != nil {
		return err
	}
	if s.Order < 1 {
		return FieldError(ref, "order", "must be 1 or more")
	}
	return nil
}

// Region is a country, county or municipality; PART_OF edges make the
// hierarchy. A service that covers a region covers every region inside it.
type Region struct {
	Meta
	Level RegionLevel `json:"level"`
	// Code is the official code (county or municipality number), if any.
	Code       string `json:"code,omitempty"`
	Population int    `json:"population,omitempty"`
	// SameArea is the id of another region that is the same area (Oslo
	// the municipality and Oslo the county): each covers the other, and
	// only the higher of the two is a profile region.
	SameArea string `json:"same_area,omitempty"`
}

// Type returns TypeRegion.
func (*Region) Type() NodeType { return TypeRegion }

// Validate checks the region's fields.
func (r *Region) Validate() error {
	ref := Ref(r)
	if err := r.Meta.validate(ref); err != nil {
		return err
	}
	if r.Population < 0 {
		return FieldError(ref, "population", "must not be negative")
	}
	if r.SameArea != "" && !ValidID(r.SameArea) {
		return FieldError(ref, "same_area", "%q is not a valid id", r.SameArea)
	}
	if r.SameArea == r.ID && r.ID != "" {
		return FieldError(ref, "same_area", "a region cannot be the same area as itself")
	}
	return checkEnum(ref, "level", r.Level, RegionLevels, false)
}

// Group is a named victim group: an aggregate, a point in the profile space
// (gender, age band, and through its edges status, exploitation, region and
// needs), never a person.
type Group struct {
	Meta
	Description   string    `json:"description,omitempty"`
	DescriptionNB string    `json:"description_nb,omitempty"`
	Genders       []Gender  `json:"genders,omitempty"`
	AgeBands      []AgeBand `json:"age_bands,omitempty"`
	Languages     []string  `json:"languages,omitempty"`
	// SizeEstimate is the estimated number of people (0: unknown). It is a
	// count of people: below the suppression threshold it is never shown.
	SizeEstimate int    `json:"size_estimate,omitempty"`
	SizeNote     string `json:"size_note,omitempty"`
	SizeNoteNB   string `json:"size_note_nb,omitempty"`
}

// Type returns TypeGroup.
func (*Group) Type() NodeType { return TypeGroup }

// Validate checks the group's fields.
func (g *Group) Validate() error {
	ref := Ref(g)
	if err := g.Meta.validate(ref); err != nil {
		return err
	}
	if err := checkEnums(ref, "genders", g.Genders, Genders); err != nil {
		return err
	}
	if err := checkEnums(ref, "age_bands", g.AgeBands, AgeBands); err != nil {
		return err
	}
	for i, l := range g.Languages {
		if !languagePattern.MatchString(l) {
			return FieldError(ref, "languages", "item %d: %q is not a language code (ISO 639-1, e.g. \"es\")", i, l)
		}
	}
	if g.SizeEstimate < 0 {
		return FieldError(ref, "size_estimate", "must not be negative")
	}
	return nil
}

// Source is a study, report, statistic, law or web page a fact comes from.
// Its Year is the year of publication.
type Source struct {
	Meta
	Kind    SourceKind `json:"kind"`
	Authors string     `json:"authors,omitempty"`
	Title   string     `json:"title,omitempty"`
	URL     string     `json:"url,omitempty"`

	// The evidence-map tags of a study or review (study.go): the countries
	// its data come from (ISO 3166 alpha-2, lower case, or a group), its
	// designs, its participants and its themes; AssumedTags names the tags
	// that are assumed ("themes:training", or "themes" for all of them).
	Countries    []string      `json:"countries,omitempty"`
	Designs      []Design      `json:"designs,omitempty"`
	Participants []Participant `json:"participants,omitempty"`
	Themes       []Theme       `json:"themes,omitempty"`
	AssumedTags  []string      `json:"assumed_tags,omitempty"`
}

// Type returns TypeSource.
func (*Source) Type() NodeType { return TypeSource }

// Validate checks the source's fields.
func (s *Source) Validate() error {
	ref := Ref(s)
	if err := s.Meta.validate(ref); err != nil {
		return err
	}
	if err := checkEnum(ref, "kind", s.Kind, SourceKinds, false); err != nil {
		return err
	}
	return s.validateStudy(ref)
}

// Recommendation is a GRETA or OSCE recommendation to Norway. Paragraph is
// empty until checked against the report itself.
type Recommendation struct {
	Meta
	Body      Body   `json:"body"`
	Round     string `json:"round,omitempty"`
	Reference string `json:"reference,omitempty"`
	Paragraph string `json:"paragraph,omitempty"`
	Summary   string `json:"summary"`
	// SummaryNB is the summary in Norwegian bokmål.
	SummaryNB string `json:"summary_nb,omitempty"`
}

// SummaryIn returns the summary in lang ("nb" or "en"), falling back to
// Summary.
func (r *Recommendation) SummaryIn(lang string) string {
	if lang == "nb" && r.SummaryNB != "" {
		return r.SummaryNB
	}
	return r.Summary
}

// Type returns TypeRecommendation.
func (*Recommendation) Type() NodeType { return TypeRecommendation }

// Validate checks the recommendation's fields.
func (r *Recommendation) Validate() error {
	ref := Ref(r)
	if err := r.Meta.validate(ref); err != nil {
		return err
	}
	if r.Summary == "" {
		return FieldError(ref, "summary", "is required")
	}
	return checkEnum(ref, "body", r.Body, Bodies, false)
}

// NewNode returns a new, empty node of type t.
func NewNode(t NodeType) (Node, error) {
	switch t {
	case TypeOrganisation:
		return &Organisation{}, nil
	case TypeService:
		return &Service{}, nil
	case TypeNeed:
		return &Need{}, nil
	case TypeStatus:
		return &Status{}, nil
	case TypeExploitation:
		return &Exploitation{}, nil
	case TypeStage:
		return &Stage{}, nil
	case TypeRegion:
		return &Region{}, nil
	case TypeGroup:
		return &Group{}, nil
	case TypeSource:
		return &Source{}, nil
	case TypeRecommendation:
		return &Recommendation{}, nil
	}
	return nil, Errorf(EINVALID, "unknown node type %q", t)
}
