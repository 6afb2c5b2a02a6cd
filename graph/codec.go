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
	typ, body, ok := splitType(data)
	if !ok {
		// Not in MarshalNode's layout: find "type" wherever it is.
		var err error
		if typ, body, err = extractType(data); err != nil {
			return nil, err
		}
	}
	n, err := NewNode(typ)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(n); err != nil {
		return nil, Errorf(EINVALID, "decode %s: %v", typ, err)
	}
	return n, nil
}

// splitType reads the layout MarshalNode writes, {"type":"T",...}, without
// decoding the rest, and returns T and the object without its type.
func splitType(data []byte) (NodeType, []byte, bool) {
	const prefix = `{"type":"`
	if !bytes.HasPrefix(data, []byte(prefix)) {
		return "", nil, false
	}
	rest := data[len(prefix):]
	end := bytes.IndexByte(rest, '"')
	if end < 0 || bytes.IndexByte(rest[:end], '\\') >= 0 {
		return "", nil, false
	}
	typ := NodeType(rest[:end])
	rest = rest[end+1:]
	switch {
	case len(rest) > 0 && rest[0] == ',':
		body := make([]byte, 0, len(rest))
		body = append(body, '{')
		return typ, append(body, rest[1:]...), true
	case len(rest) > 0 && rest[0] == '}':
		return typ, []byte("{}"), true
	}
	return "", nil, false
}

// extractType decodes data as an object, takes its "type" and returns the
// rest re-encoded.
func extractType(data []byte) (NodeType, []byte, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return "", nil, Errorf(EINVALID, "decode node: %v", err)
	}
	var typ NodeType
	if raw, ok := fields["type"]; ok {
		if err := json.Unmarshal(raw, &typ); err != nil {
			return "", nil, Errorf(EINVALID, "decode node: type: %v", err)
		}
	}
	delete(fields, "type")
	body, err := json.Marshal(fields)
	if err != nil {
		return "", nil, fmt.Errorf("decode %s: %w", typ, err)
	}
	return typ, body, nil
}
