package hsds

// The records of an HSDS bundle, with the field names of Open Referral HSDS
// 3.0 (HSDS.md lists which gapmap field each one carries) and no field 3.0
// does not have. Fields HSDS 3.0
// requires are always written, empty when gapmap has no value; the others
// only when set. Records a service owns (phones, schedules, service areas,
// languages, contacts, its link to a location, attributes) are nested in
// it, as in HSDS's JSON schema for a service, and also name their owner
// (service_id, link_id).

// Version is the version of Open Referral HSDS the bundle follows.
const Version = "3.0"

// Bundle is one HSDS 3.0 document: the organisations and services of a
// landscape, the locations of the services, and the taxonomies and terms
// their attributes use. HSDS 3.0 defines the records, not a container for a
// whole directory: the container is gapmap's, one object with a key per
// table (the plural table names of HSDS's tabular data package).
type Bundle struct {
	// Version is "3.0"; Generator is "gapmap"; LandscapeVersion is the
	// version of the landscape exported and LandscapeChanged the time of
	// its last change (RFC 3339, UTC, to the microsecond; absent if the
	// store did not record it). Import checks none of them.
	Version          string `json:"hsds_version"`
	Generator        string `json:"generator,omitempty"`
	LandscapeVersion int64  `json:"landscape_version,omitempty"`
	LandscapeChanged string `json:"landscape_changed,omitempty"`

	Organizations []Organization `json:"organizations"`
	Services      []Service      `json:"services"`
	Locations     []Location     `json:"locations"`
	Taxonomies    []Taxonomy     `json:"taxonomies"`
	TaxonomyTerms []TaxonomyTerm `json:"taxonomy_terms"`

	// dropped are the fields of an imported file gapmap has no place for.
	dropped []PathError
}

// Organization is an HSDS organization: a gapmap Organisation.
type Organization struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	AlternateName string `json:"alternate_name,omitempty"`
	Description   string `json:"description"`
	Website       string `json:"website,omitempty"`
	LegalStatus   string `json:"legal_status,omitempty"`
	// OrganizationIdentifiers hold the organisation's gapmap id (scheme
	// "gapmap"), and a third party's identifiers on import.
	OrganizationIdentifiers []OrganizationIdentifier `json:"organization_identifiers,omitempty"`
	Attributes              []Attribute              `json:"attributes,omitempty"`

	path string // where an imported record was in the file
}

// OrganizationIdentifier is an identifier of an organisation in a
// scheme: gapmap's id in the scheme "gapmap".
type OrganizationIdentifier struct {
	ID               string `json:"id"`
	OrganizationID   string `json:"organization_id,omitempty"`
	IdentifierScheme string `json:"identifier_scheme,omitempty"`
	IdentifierType   string `json:"identifier_type"`
	Identifier       string `json:"identifier"`
}

// Service is an HSDS service: a gapmap Service.
type Service struct {
	ID                     string              `json:"id"`
	OrganizationID         string              `json:"organization_id,omitempty"`
	Name                   string              `json:"name"`
	AlternateName          string              `json:"alternate_name,omitempty"`
	Description            string              `json:"description,omitempty"`
	URL                    string              `json:"url,omitempty"`
	Email                  string              `json:"email,omitempty"`
	Status                 string              `json:"status"`
	FeesDescription        string              `json:"fees_description,omitempty"`
	EligibilityDescription string              `json:"eligibility_description,omitempty"`
	MinimumAge             *float64            `json:"minimum_age,omitempty"`
	MaximumAge             *float64            `json:"maximum_age,omitempty"`
	AssuredDate            string              `json:"assured_date,omitempty"`
	Phones                 []Phone             `json:"phones,omitempty"`
	Schedules              []Schedule          `json:"schedules,omitempty"`
	ServiceAreas           []ServiceArea       `json:"service_areas,omitempty"`
	ServiceAtLocations     []ServiceAtLocation `json:"service_at_locations,omitempty"`
	Languages              []Language          `json:"languages,omitempty"`
	Contacts               []Contact           `json:"contacts,omitempty"`
	Attributes             []Attribute         `json:"attributes,omitempty"`

	path string
}

// Phone is an HSDS phone of a service.
type Phone struct {
	ID        string `json:"id"`
	ServiceID string `json:"service_id,omitempty"`
	Number    string `json:"number"`
	Type      string `json:"type,omitempty"`

	path string
}

// Schedule is an HSDS schedule of a service: gapmap keeps opening hours
// as text, so only its description is used.
type Schedule struct {
	ID          string `json:"id"`
	ServiceID   string `json:"service_id,omitempty"`
	Description string `json:"description,omitempty"`

	path string
}

// ServiceArea is an HSDS service area: a region a service covers.
type ServiceArea struct {
	ID          string      `json:"id"`
	ServiceID   string      `json:"service_id,omitempty"`
	Name        string      `json:"name,omitempty"`
	Description string      `json:"description,omitempty"`
	Attributes  []Attribute `json:"attributes,omitempty"`

	path string
}

// ServiceAtLocation links a service to a location.
type ServiceAtLocation struct {
	ID         string `json:"id"`
	ServiceID  string `json:"service_id,omitempty"`
	LocationID string `json:"location_id,omitempty"`

	path string
}

// Language is an HSDS language of a service.
type Language struct {
	ID        string `json:"id"`
	ServiceID string `json:"service_id,omitempty"`
	Name      string `json:"name,omitempty"`
	Code      string `json:"code,omitempty"`

	path string
}

// Contact is an HSDS contact of a service.
type Contact struct {
	ID        string  `json:"id"`
	ServiceID string  `json:"service_id,omitempty"`
	Name      string  `json:"name,omitempty"`
	Email     string  `json:"email,omitempty"`
	Phones    []Phone `json:"phones,omitempty"`

	path string
}

// Location is an HSDS location: where a service is, by city and, when
// it is not confidential, by address.
type Location struct {
	ID             string    `json:"id"`
	LocationType   string    `json:"location_type"`
	OrganizationID string    `json:"organization_id,omitempty"`
	Name           string    `json:"name,omitempty"`
	Description    string    `json:"description,omitempty"`
	Addresses      []Address `json:"addresses,omitempty"`

	path string
}

// Address is an HSDS address of a location.
type Address struct {
	ID            string `json:"id"`
	LocationID    string `json:"location_id,omitempty"`
	Address1      string `json:"address_1"`
	Address2      string `json:"address_2,omitempty"`
	City          string `json:"city"`
	StateProvince string `json:"state_province"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	AddressType   string `json:"address_type"`

	path string
}

// Attribute links a record to a taxonomy term: gapmap's eligibility
// rules, needs, stages, sector, funding, regions and sources (HSDS.md).
// Value is empty or a JSON object with the properties of the gapmap edge the
// attribute stands for (extent, sources, year, confidence, note).
type Attribute struct {
	ID             string `json:"id"`
	LinkID         string `json:"link_id,omitempty"`
	LinkType       string `json:"link_type,omitempty"`
	LinkEntity     string `json:"link_entity,omitempty"`
	TaxonomyTermID string `json:"taxonomy_term_id,omitempty"`
	Value          string `json:"value,omitempty"`
	// TaxonomyTerm is the term itself, as HSDS's API may embed it; gapmap
	// writes terms once, in the bundle's taxonomy_terms, and reads either.
	TaxonomyTerm *TaxonomyTerm `json:"taxonomy_term,omitempty"`

	path string
}

// Taxonomy is an HSDS taxonomy.
type Taxonomy struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	URI         string `json:"uri,omitempty"`
	Version     string `json:"version,omitempty"`

	path string
}

// TaxonomyTerm is an HSDS taxonomy term.
type TaxonomyTerm struct {
	ID          string `json:"id"`
	Code        string `json:"code,omitempty"`
	Name        string `json:"name"`
	Description string `json:"description"`
	ParentID    string `json:"parent_id,omitempty"`
	Taxonomy    string `json:"taxonomy,omitempty"`
	TaxonomyID  string `json:"taxonomy_id,omitempty"`
	Language    string `json:"language,omitempty"`
	TermURI     string `json:"term_uri,omitempty"`

	path string
}
