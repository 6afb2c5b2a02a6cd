package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"unicode"

	"github.com/gapmap/gapmap/graph"
)

// serviceInput is a service as the write API takes it: the shape of the
// read API's service, so that a client can GET a service, change it and PUT
// it back. The service's own fields are graph.Service's, by their JSON
// names (graph.ServiceFields); the read-only members (version, page,
// sources, referred_by, last_verified, year, confidence, note) are accepted
// and ignored, since the members below shadow the service's own; any other
// unknown member is an error, so a typo is never silently dropped. Refs are
// an id ("undocumented") or an object ({"id": "undocumented", "extent":
// "partial"}).
type serviceInput struct {
	graph.Service

	Organisation *inputRef  `json:"organisation,omitempty"`
	Accepts      []inputRef `json:"accepts,omitempty"`
	Meets        []inputRef `json:"meets,omitempty"`
	Stages       []inputRef `json:"stages,omitempty"`
	Covers       []inputRef `json:"covers,omitempty"`
	Serves       []inputRef `json:"serves,omitempty"`
	RefersTo     []inputRef `json:"refers_to,omitempty"`
	// VerifiedToday marks the profile as verified today.
	VerifiedToday bool `json:"verified_today,omitempty"`

	// The read-only members of the read API's service.
	ID           string          `json:"id,omitempty"`
	Version      json.RawMessage `json:"version,omitempty"`
	Page         json.RawMessage `json:"page,omitempty"`
	Sources      json.RawMessage `json:"sources,omitempty"`
	ReferredBy   json.RawMessage `json:"referred_by,omitempty"`
	LastVerified json.RawMessage `json:"last_verified,omitempty"`
	Year         json.RawMessage `json:"year,omitempty"`
	Confidence   json.RawMessage `json:"confidence,omitempty"`
	Note         json.RawMessage `json:"note,omitempty"`
}

// inputRef is a node an edge of a service reaches, in the write API.
type inputRef struct {
	ID     string       `json:"id"`
	Extent graph.Extent `json:"extent,omitempty"`
	Formal bool         `json:"formal,omitempty"`
}

// UnmarshalJSON reads an id or an object; the object may carry the
// read-only members of the read API's refs.
func (r *inputRef) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		*r = inputRef{}
		return json.Unmarshal(b, &r.ID)
	}
	var obj struct {
		ID         string          `json:"id"`
		Extent     graph.Extent    `json:"extent"`
		Formal     bool            `json:"formal"`
		Name       json.RawMessage `json:"name"`
		Confidence json.RawMessage `json:"confidence"`
		Year       json.RawMessage `json:"year"`
		Note       json.RawMessage `json:"note"`
		Sources    json.RawMessage `json:"sources"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&obj); err != nil {
		return err
	}
	*r = inputRef{ID: obj.ID, Extent: obj.Extent, Formal: obj.Formal}
	return nil
}

// inputOf returns service svc of l as the write API takes it.
func inputOf(l *graph.Landscape, svc *graph.Service) serviceInput {
	e := editOf(l, svc)
	in := serviceInput{Service: ownFields(svc), ID: svc.ID}
	if e.Org != "" {
		in.Organisation = &inputRef{ID: e.Org}
	}
	for _, x := range l.Out(svc.ID, graph.EdgeAccepts) {
		in.Accepts = append(in.Accepts, inputRef{ID: x.To, Extent: normExtent(x.Extent)})
	}
	for _, x := range l.Out(svc.ID, graph.EdgeMeets) {
		in.Meets = append(in.Meets, inputRef{ID: x.To, Extent: normExtent(x.Extent)})
	}
	for _, id := range e.Stages {
		in.Stages = append(in.Stages, inputRef{ID: id})
	}
	for _, id := range e.Covers {
		in.Covers = append(in.Covers, inputRef{ID: id})
	}
	for _, id := range e.Serves {
		in.Serves = append(in.Serves, inputRef{ID: id})
	}
	for _, x := range l.Out(svc.ID, graph.EdgeRefersTo) {
		in.RefersTo = append(in.RefersTo, inputRef{ID: x.To, Formal: x.Formal})
	}
	return in
}

// edit returns the edit that in asks for, of service id at version base;
// the organisation is left to the caller. fe receives the problems of refs
// that carry qualifiers of another kind of edge.
func (in *serviceInput) edit(id string, base int64, fe *fieldErrors) *serviceEdit {
	e := newEdit(id)
	*e.Node = ownFields(&in.Service)
	e.Node.ID, e.Node.Version = id, base
	e.Verified = in.VerifiedToday
	plain := func(field string, refs []inputRef) []string {
		var ids []string
		for _, r := range refs {
			if r.Extent != "" || r.Formal {
				fe.add(field, "%s: %q takes no extent and is not formal", field, r.ID)
			}
			ids = append(ids, r.ID)
		}
		return ids
	}
	extents := func(field string, refs []inputRef, into map[string]graph.Extent) {
		for _, r := range refs {
			if r.Formal {
				fe.add(field, "%q: only a referral is formal", r.ID)
			}
			if _, dup := into[r.ID]; dup {
				fe.add(field, "%q is listed twice", r.ID)
			}
			into[r.ID] = normExtent(r.Extent)
		}
	}
	extents("accepts", in.Accepts, e.Accepts)
	extents("meets", in.Meets, e.Meets)
	e.Stages, e.Covers, e.Serves = plain("stages", in.Stages), plain("covers", in.Covers), plain("serves", in.Serves)
	for _, r := range in.RefersTo {
		if r.Extent != "" {
			fe.add("refers_to", "%q: a referral has no extent", r.ID)
		}
		if _, dup := e.RefersTo[r.ID]; dup {
			fe.add("refers_to", "%q is listed twice", r.ID)
		}
		e.RefersTo[r.ID] = r.Formal
	}
	return e
}

// maxBodyBytes bounds the body of a write API request.
const maxBodyBytes = 1 << 20

// readBody reads the body of a write request whose media type must be one
// of types.
func readBody(w http.ResponseWriter, r *http.Request, types ...string) ([]byte, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	ok := false
	for _, t := range types {
		ok = ok || err == nil && mt == t
	}
	if !ok {
		return nil, &graph.Error{Code: codeUnsupportedMedia, Message: fmt.Sprintf("send the body as %s", types[0])}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		return nil, &graph.Error{Code: codeTooLarge, Message: fmt.Sprintf("the body must be at most %d bytes", maxBodyBytes)}
	}
	if err := checkUTF8(body); err != nil {
		return nil, err
	}
	return body, nil
}

// decodeInput decodes a service from body, refusing unknown members. A
// member of the wrong type or an unknown one is a field error (errors[] of
// the problem), in words for the client, without Go's type names.
func decodeInput(body []byte) (*serviceInput, error) {
	in := &serviceInput{}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(in); err != nil {
		return nil, inputError(err)
	}
	if dec.More() {
		return nil, graph.Errorf(graph.EINVALID, "the body holds more than one JSON value")
	}
	return in, nil
}

// inputError describes an error of decoding a service for the client.
func inputError(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	fe := &fieldErrors{}
	switch {
	case errors.As(err, &te):
		field, _, _ := strings.Cut(jsonPath(te.Field), ".")
		if field == "" {
			field = "body"
		}
		fe.add(field, "must be %s, not %s", jsonKind(te.Type), jsonValueWord(te.Value))
		return fe
	case errors.As(err, &se):
		return graph.Errorf(graph.EINVALID, "the body is not JSON: %s (at byte %d)", strings.TrimPrefix(se.Error(), "json: "), se.Offset)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		fe.add(name, "is not a member of a service")
		return fe
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return graph.Errorf(graph.EINVALID, "the body is empty or ends too early")
	}
	return graph.Errorf(graph.EINVALID, "the body is not a service: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// jsonPath returns the path of a member that encoding/json reports
// without the Go names of the embedded structs it passed through
// ("Service.Meta.name" is "name"): JSON members are lower case.
func jsonPath(field string) string {
	for {
		head, rest, ok := strings.Cut(field, ".")
		if !ok || head == "" || !unicode.IsUpper([]rune(head)[0]) {
			return field
		}
		field = rest
	}
}

// jsonKind names the JSON that a Go type takes.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	}
	return "an object"
}

// jsonValueWord names the kind of JSON value encoding/json reports in an
// UnmarshalTypeError ("string", "number 3.5", "array", ...).
func jsonValueWord(v string) string {
	kind, _, _ := strings.Cut(v, " ")
	switch kind {
	case "string":
		return "text"
	case "number":
		return "a number"
	case "bool":
		return "true or false"
	case "array":
		return "a list"
	case "object":
		return "an object"
	}
	return "that"
}

// ownFields returns the fields of svc that its profile edits
// (graph.ServiceFields): the bookkeeping fields are left empty.
func ownFields(svc *graph.Service) graph.Service {
	var own graph.Service
	for _, f := range graph.ServiceFields() {
		f.Copy(&own, svc)
	}
	return own
}

// mergePatch applies an RFC 7386 JSON merge patch to target.
func mergePatch(target, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	tm, ok := target.(map[string]any)
	if !ok {
		tm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(tm, k)
		} else {
			tm[k] = mergePatch(tm[k], v)
		}
	}
	return tm
}
