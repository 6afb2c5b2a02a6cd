package graphfile

// The JSON conventions of every export file, for the HSDS bundle (package
// hsds) to write and read by the same: properties in the order of their
// keys, and no HTML escaping.

// Prop is one property of a JSON object: its key and its value as
// encoding/json decodes it with UseNumber.
type Prop = prop

// ObjectProps decodes a JSON object into its properties, keeping the order
// of its keys.
func ObjectProps(data []byte) ([]Prop, error) { return objectProps(data) }

// MarshalJSON is json.Marshal without HTML escaping: a file is not a web
// page, and "<5" reads better than "\u003c5".
func MarshalJSON(v any) ([]byte, error) { return marshalJSON(v) }
