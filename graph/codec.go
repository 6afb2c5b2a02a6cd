package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// MarshalNode encodes n as one JSON object: its fields plus "type", the shape
// of the JSON API and of the embedded store.
func MarshalNode(n Node) ([]byte, error) {
	body, err := json.Marshal(n)
	if err != nil {
		return nil, fmt.Errorf("marshal %s: %w", Ref(n), err)
	}
	typ, _ := json.Marshal(n.Type())
	var buf bytes.Buffer
	buf.Grow(len(body) + len(typ) + 9)
	buf.WriteString(`{"type":`)
	buf.Write(typ)
	if len(body) > 2 {
		buf.WriteByte(',')
	}
	buf.Write(body[1:])
	return buf.Bytes(), nil
}

// UnmarshalNode decodes a node written by MarshalNode. Unknown fields are an
// EINVALID error.
func UnmarshalNode(data []byte) (Node, error) {
	var head struct {
		Type NodeType `json:"type"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, Errorf(EINVALID, "decode node: %v", err)
	}
	n, err := NewNode(head.Type)
	if err != nil {
		return nil, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil, Errorf(EINVALID, "decode %s: %v", head.Type, err)
	}
	delete(fields, "type")
	body, err := json.Marshal(fields)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", head.Type, err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(n); err != nil {
		return nil, Errorf(EINVALID, "decode %s: %v", head.Type, err)
	}
	return n, nil
}
