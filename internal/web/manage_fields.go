package web

import (
	"cmp"

	"github.com/gapmap/gapmap/graph"
)

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

// formInputs are the input types of the service form's text fields
// (label and hint keys field.NAME and hint.NAME); a field not listed is a
// one-line text. The length and whether a field is required are the
// service's own (graph.ServiceFields).
var formInputs = map[string]string{
	"description": "textarea", "description_nb": "textarea", "alt_names": "textarea",
	"capacity": "number", "phone": "tel", "email": "email", "url": "url",
}

// formLimits are the lengths of the form's fields that do not hold a text
// of the service as it is typed: the id, and the lists and the number the
// form reads from text.
var formLimits = map[string]int{"id": 64, "alt_names": 2000, "capacity": 10, "languages": graph.MaxShortText}

// Field returns the view of text field name of the form.
func (p editPage) Field(name string) fieldView {
	f := fieldView{
		Name: name, Label: fieldLabel(p.Lang, name), Type: cmp.Or(formInputs[name], "text"), Max: formLimits[name],
		Error: p.Errors[name],
	}
	if h := translate(p.Lang, "hint."+name); h != "hint."+name {
		f.Hint = h
	}
	switch name {
	case "id":
		f.Value = p.Form.IDTyped
	case "alt_names":
		f.Value = p.Form.AltNames
	case "capacity":
		f.Value = p.Form.Capacity
	case "languages":
		f.Value = p.Form.Languages
	default:
		if sf, ok := graph.ServiceFieldNamed(name); ok && sf.Text != nil {
			f.Value, f.Max, f.Required = *sf.Text(p.Form.Edit.Node), sf.Max, sf.Required
		}
	}
	return f
}

// FieldLabel returns the label of a field of the form.
func (p editPage) FieldLabel(name string) string { return fieldLabel(p.Lang, name) }

// Err returns the error of a field of the form, or "".
func (p editPage) Err(name string) string { return p.Errors[name] }
