package seed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/gapmap/gapmap/graph"
)

// item is one decoded item of a seed file: its node, and what the checks
// across files need: where each field is, its sources and its edges.
type item struct {
	kind *kind
	node graph.Node
	// ref names the item in errors: "Service rosa", or "services[3]" when
	// it has no id.
	ref     string
	at      *mapping
	sources []ref
	edges   []*edgeItem
	// bad holds the fields that failed to decode, so that validation does
	// not report them a second time.
	bad map[string]bool
	dup bool // its id is already used by an earlier item
}

// ref is an id an item refers to, and where.
type ref struct {
	id   string
	line int
}

// decodeFile decodes one seed file into items.
func (l *loader) decodeFile(path string, data []byte) {
	if !utf8.Valid(data) {
		// The YAML parser says so too, but without the line.
		for i, line := range bytes.Split(data, []byte("\n")) {
			if !utf8.Valid(line) {
				l.errs.add(path, i+1, "not valid UTF-8 text: save the file as UTF-8")
				return
			}
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if !errors.Is(err, io.EOF) { // io.EOF: an empty file
			l.syntaxError(path, err)
		}
		return
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		l.errs.add(path, extra.Line, "a seed file holds one YAML document: remove the second \"---\"")
	} else if !errors.Is(err, io.EOF) {
		l.syntaxError(path, err)
		return
	}
	if len(doc.Content) == 0 {
		return
	}
	root := resolve(doc.Content[0])
	if isNull(root) {
		return
	}
	if root.Kind != yaml.MappingNode {
		l.errs.add(path, root.Line, "want a mapping of kinds (%s), got %s", kindKeys(), describe(root))
		return
	}
	top := l.mapping(path, "", root)
	for _, key := range top.order {
		k := kindOf(key)
		if k == nil {
			l.errs.add(path, top.keys[key].Line, "unknown key %q (want one of %s)", key, kindKeys())
			continue
		}
		list := resolve(top.values[key])
		if isNull(list) {
			continue
		}
		if list.Kind != yaml.SequenceNode {
			l.errs.add(path, list.Line, "%s: want a list of items, got %s", key, describe(list))
			continue
		}
		for i, n := range list.Content {
			if it := l.decodeItem(path, k, i, n); it != nil {
				l.items = append(l.items, it)
			}
		}
	}
}

// yamlError matches the errors of the YAML parser: "yaml: line 3: ...".
var yamlError = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError reports an error of the YAML parser at its line.
func (l *loader) syntaxError(path string, err error) {
	if m := yamlError.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		l.errs.add(path, line, "invalid YAML: %s", m[2])
		return
	}
	l.errs.add(path, 0, "invalid YAML: %v", err)
}

// decodeItem decodes the index-th item of kind k.
func (l *loader) decodeItem(path string, k *kind, index int, n *yaml.Node) *item {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		l.errs.add(path, n.Line, "%s[%d]: want a mapping with id and name, got %s", k.key, index, describe(n))
		return nil
	}
	node, err := graph.NewNode(k.typ)
	if err != nil {
		panic(err) // kinds only names known node types
	}
	it := &item{kind: k, node: node, ref: fmt.Sprintf("%s[%d]", k.key, index), bad: map[string]bool{}}
	if id := scalarValue(n, "id"); id != "" {
		it.ref = fmt.Sprintf("%s %s", k.typ, id)
	}
	it.at = l.mapping(path, it.ref, n)
	dst := reflect.ValueOf(node).Elem()
	for _, key := range it.at.order {
		v := it.at.values[key]
		if spec, ok := k.edges[key]; ok {
			it.edges = append(it.edges, l.decodeEdges(it, key, spec, v)...)
			continue
		}
		if key == "sources" && k.sourced {
			it.sources = l.decodeRefs(it, key, v)
			continue
		}
		index, ok := k.fields[key]
		if !ok {
			l.errs.add(path, it.at.keys[key].Line, "%s: unknown field %q", it.ref, key)
			continue
		}
		if err := checkText(key, v); err != nil {
			l.errs.add(path, resolve(v).Line, "%s: %s: %v", it.ref, key, err)
			it.bad[key] = true
			continue
		}
		field := dst.FieldByIndex(index)
		if err := setField(field, v); err != nil {
			l.errs.add(path, resolve(v).Line, "%s: %s: %v", it.ref, key, err)
			it.bad[key] = true
		} else if field.Kind() == reflect.String && key != "id" {
			l.texts = append(l.texts, freeText{path: path, line: resolve(v).Line, ref: it.ref, field: key, text: field.String()})
		}
	}
	if err := node.Validate(); err != nil {
		l.fieldError(it.at, it.ref, err, it.bad)
	}
	return it
}

// fieldError reports a validation error of the graph package at the line of
// the field it names, unless that field already failed to decode.
func (l *loader) fieldError(at *mapping, ref string, err error, bad map[string]bool) {
	var ge *graph.Error
	if !errors.As(err, &ge) || ge.Field == "" {
		l.errs.add(at.path, at.line, "%s: %v", ref, err)
		return
	}
	if name, _ := splitIndex(ge.Field); bad[name] {
		return
	}
	l.errs.add(at.path, at.lineOf(ge.Field), "%s: %s: %s", ref, ge.Field, ge.Message)
}

// decodeRefs decodes a list of ids, such as an item's sources.
func (l *loader) decodeRefs(it *item, key string, n *yaml.Node) []ref {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.errs.add(it.at.path, n.Line, "%s: %s: want a list of ids, got %s", it.ref, key, describe(n))
		it.bad[key] = true
		return nil
	}
	refs := make([]ref, 0, len(n.Content))
	for i, e := range n.Content {
		if e = resolve(e); e.Kind != yaml.ScalarNode || isNull(e) {
			l.errs.add(it.at.path, e.Line, "%s: %s[%d]: want an id, got %s", it.ref, key, i, describe(e))
			it.bad[key] = true
			continue
		}
		refs = append(refs, ref{id: e.Value, line: e.Line})
	}
	return refs
}
