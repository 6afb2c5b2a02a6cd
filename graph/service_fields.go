package graph

// A service's shape: the one list of its own fields (not its edges), by the
// names users and clients know them by. The JSON API, the edit form and the
// edit checks map to a Service through this list instead of keeping copies
// of it; TestServiceFieldsCoverService fails when Service gains a field the
// list does not name.

// FieldKind says what a field of a service holds, and so how a form shows
// it and how a client writes it.
type FieldKind int

// The kinds of field.
const (
	// KindText is one line of text.
	KindText FieldKind = iota + 1
	// KindLongText is text of several lines (tabs and line breaks allowed).
	KindLongText
	// KindList is a list of texts.
	KindList
	// KindNumber is a whole number; 0 means unknown.
	KindNumber
	// KindFlag is true or false.
	KindFlag
	// KindChoice is one value of a closed set.
	KindChoice
	// KindChoices is a set of values of a closed set; empty means no
	// restriction.
	KindChoices
)

// The longest texts a service's fields may hold, in bytes.
const (
	MaxShortText = 500
	MaxLongText  = 10000
)

// ServiceField is one of a service's own fields. Exactly one of the
// accessors that fit its Kind is set: Text for KindText and KindLongText,
// List for KindList, Number, Flag, and Values and SetValues for KindChoice
// and KindChoices.
type ServiceField struct {
	// Name is how users, clients and errors name the field: its JSON member
	// and its form field ("name_nb", "age_bands").
	Name string
	Kind FieldKind
	// Max is the most bytes a text may hold, or the most items a list may
	// hold; 0 for no limit.
	Max int
	// Required marks a field that must not be empty.
	Required bool

	Text   func(*Service) *string
	List   func(*Service) *[]string
	Number func(*Service) *int
	Flag   func(*Service) *bool
	// Values returns the values of a choice field as text; SetValues sets
	// them from text, unchecked (Service.Validate checks them).
	Values    func(*Service) []string
	SetValues func(*Service, []string)

	// copyValues copies a choice field as it is (an empty list stays empty,
	// not nil).
	copyValues func(dst, src *Service)
}

// ServiceFields returns the own fields of a service that its profile
// edits, in the order the edit form and the checks take them. The
// bookkeeping fields (id, version, year, confidence, note, last verified)
// are not among them: an edit does not set them.
func ServiceFields() []ServiceField {
	text := func(name string, kind FieldKind, limit int, p func(*Service) *string) ServiceField {
		return ServiceField{Name: name, Kind: kind, Max: limit, Text: p}
	}
	return []ServiceField{
		{Name: "name", Kind: KindText, Max: MaxShortText, Required: true, Text: func(s *Service) *string { return &s.Name }},
		text("name_nb", KindText, MaxShortText, func(s *Service) *string { return &s.NameNB }),
		text("description", KindLongText, MaxLongText, func(s *Service) *string { return &s.Description }),
		text("description_nb", KindLongText, MaxLongText, func(s *Service) *string { return &s.DescriptionNB }),
		text("city", KindText, MaxShortText, func(s *Service) *string { return &s.City }),
		text("address", KindText, MaxShortText, func(s *Service) *string { return &s.Address }),
		text("cost", KindText, MaxShortText, func(s *Service) *string { return &s.Cost }),
		text("cost_nb", KindText, MaxShortText, func(s *Service) *string { return &s.CostNB }),
		text("capacity_note", KindText, MaxShortText, func(s *Service) *string { return &s.CapacityNote }),
		text("capacity_note_nb", KindText, MaxShortText, func(s *Service) *string { return &s.CapacityNoteNB }),
		text("phone", KindText, MaxShortText, func(s *Service) *string { return &s.Phone }),
		text("email", KindText, MaxShortText, func(s *Service) *string { return &s.Email }),
		text("url", KindText, MaxShortText, func(s *Service) *string { return &s.URL }),
		text("opening_hours", KindText, MaxShortText, func(s *Service) *string { return &s.OpeningHours }),
		text("opening_hours_nb", KindText, MaxShortText, func(s *Service) *string { return &s.OpeningHoursNB }),
		{Name: "alt_names", Kind: KindList, Max: MaxAltNames, List: func(s *Service) *[]string { return &s.AltNames }},
		{Name: "languages", Kind: KindList, Max: MaxLanguages, List: func(s *Service) *[]string { return &s.Languages }},
		choice("sector", func(s *Service) *Sector { return &s.Sector }),
		choice("funding", func(s *Service) *Funding { return &s.Funding }),
		choices("genders", func(s *Service) *[]Gender { return &s.Genders }),
		choices("age_bands", func(s *Service) *[]AgeBand { return &s.AgeBands }),
		{Name: "capacity", Kind: KindNumber, Number: func(s *Service) *int { return &s.Capacity }},
		{Name: "confidential_address", Kind: KindFlag, Flag: func(s *Service) *bool { return &s.ConfidentialAddress }},
		{Name: "capacity_limited", Kind: KindFlag, Flag: func(s *Service) *bool { return &s.CapacityLimited }},
	}
}

// The most other names and languages a service may list.
const (
	MaxAltNames  = 20
	MaxLanguages = 50
)

// ServiceFieldNamed returns the field of a service called name.
func ServiceFieldNamed(name string) (ServiceField, bool) {
	for _, f := range ServiceFields() {
		if f.Name == name {
			return f, true
		}
	}
	return ServiceField{}, false
}

// choice returns a KindChoice field of a string type T.
func choice[T ~string](name string, p func(*Service) *T) ServiceField {
	return ServiceField{
		Name: name, Kind: KindChoice,
		copyValues: func(dst, src *Service) { *p(dst) = *p(src) },
		Values: func(s *Service) []string {
			if v := *p(s); v != "" {
				return []string{string(v)}
			}
			return nil
		},
		SetValues: func(s *Service, vs []string) {
			var v T
			if len(vs) > 0 {
				v = T(vs[0])
			}
			*p(s) = v
		},
	}
}

// choices returns a KindChoices field of a list of a string type T.
func choices[T ~string](name string, p func(*Service) *[]T) ServiceField {
	return ServiceField{
		Name: name, Kind: KindChoices,
		copyValues: func(dst, src *Service) { *p(dst) = *p(src) },
		Values: func(s *Service) []string {
			var out []string
			for _, v := range *p(s) {
				out = append(out, string(v))
			}
			return out
		},
		SetValues: func(s *Service, vs []string) {
			var out []T
			for _, v := range vs {
				out = append(out, T(v))
			}
			*p(s) = out
		},
	}
}

// Copy sets the field of dst to its value in src.
func (f ServiceField) Copy(dst, src *Service) {
	switch {
	case f.Text != nil:
		*f.Text(dst) = *f.Text(src)
	case f.List != nil:
		*f.List(dst) = *f.List(src)
	case f.Number != nil:
		*f.Number(dst) = *f.Number(src)
	case f.Flag != nil:
		*f.Flag(dst) = *f.Flag(src)
	case f.copyValues != nil:
		f.copyValues(dst, src)
	}
}
