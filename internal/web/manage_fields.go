package web

// fieldView is one text field of the service form, for the "field" partial.
type fieldView struct {
	Name     string
	Label    string
	Hint     string
	Value    string
	Error    string
	Type     string // input type; "textarea" for a text area
	Max      int
	Required bool
}

// formFields are the text fields of the service form: their label and hint
// keys (field.NAME and hint.NAME), input type and length.
var formFields = map[string]struct {
	typ      string
	max      int
	required bool
}{
	"id":             {"text", 64, false},
	"name":           {"text", maxShortText, true},
	"name_nb":        {"text", maxShortText, false},
	"alt_names":      {"textarea", 2000, false},
	"description":    {"textarea", maxLongText, false},
	"description_nb": {"textarea", maxLongText, false},
	"city":           {"text", maxShortText, false},
	"address":        {"text", maxShortText, false},
	"capacity":       {"number", 10, false},
	"capacity_note":  {"text", maxShortText, false},
	"languages":      {"text", maxShortText, false},
	"cost":           {"text", maxShortText, false},
	"phone":          {"tel", maxShortText, false},
	"email":          {"email", maxShortText, false},
	"url":            {"url", maxShortText, false},
	"opening_hours":  {"text", maxShortText, false},
}

// Field returns the view of text field name of the form.
func (p editPage) Field(name string) fieldView {
	spec := formFields[name]
	f := fieldView{
		Name: name, Label: fieldLabel(p.Lang, name), Type: spec.typ, Max: spec.max, Required: spec.required,
		Error: p.Errors[name],
	}
	if h := translate(p.Lang, "hint."+name); h != "hint."+name {
		f.Hint = h
	}
	n := p.Form.Edit.Node
	switch name {
	case "id":
		f.Value = p.Form.IDTyped
	case "name":
		f.Value = n.Name
	case "name_nb":
		f.Value = n.NameNB
	case "alt_names":
		f.Value = p.Form.AltNames
	case "description":
		f.Value = n.Description
	case "description_nb":
		f.Value = n.DescriptionNB
	case "city":
		f.Value = n.City
	case "address":
		f.Value = n.Address
	case "capacity":
		f.Value = p.Form.Capacity
	case "capacity_note":
		f.Value = n.CapacityNote
	case "languages":
		f.Value = p.Form.Languages
	case "cost":
		f.Value = n.Cost
	case "phone":
		f.Value = n.Phone
	case "email":
		f.Value = n.Email
	case "url":
		f.Value = n.URL
	case "opening_hours":
		f.Value = n.OpeningHours
	}
	return f
}

// FieldLabel returns the label of a field of the form.
func (p editPage) FieldLabel(name string) string { return fieldLabel(p.Lang, name) }

// Err returns the error of a field of the form, or "".
func (p editPage) Err(name string) string { return p.Errors[name] }
