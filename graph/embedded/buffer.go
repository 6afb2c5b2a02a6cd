package embedded

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// buffer holds the writes of a transaction to one bucket in memory and
// writes them to the bucket in key order when the change is complete.
//
// bbolt keeps the keys of a page in a sorted slice and splits pages only at
// commit, so writing many keys in random order into one transaction moves
// that slice again and again: a seed of 40,000 edges took seconds, growing
// with the square of its size. Written in key order, every key is appended.
type buffer struct {
	b *bolt.Bucket
	// writes maps a key to its new value; nil means deleted.
	writes map[string][]byte
	// groups lists the written keys by their first part (the node id of
	// an adjacency or citation key), for scan; nil if not scanned.
	groups map[string][]string
}

// newBuffer returns a buffer for b; scanned makes scan available.
func newBuffer(b *bolt.Bucket, scanned bool) *buffer {
	w := &buffer{b: b, writes: map[string][]byte{}}
	if scanned {
		w.groups = map[string][]string{}
	}
	return w
}

// get returns the value of key, or nil if there is none.
func (w *buffer) get(key []byte) []byte {
	if v, ok := w.writes[string(key)]; ok {
		return v
	}
	return w.b.Get(key)
}

// put sets key to value.
func (w *buffer) put(key, value []byte) {
	if value == nil {
		value = []byte{}
	}
	w.set(string(key), value)
}

// del deletes key.
func (w *buffer) del(key []byte) { w.set(string(key), nil) }

func (w *buffer) set(key string, value []byte) {
	if _, ok := w.writes[key]; !ok && w.groups != nil {
		g, _, _ := strings.Cut(key, sep)
		w.groups[g] = append(w.groups[g], key)
	}
	w.writes[key] = value
}

// scan returns, in order, the keys that start with id and sep.
func (w *buffer) scan(id string) []string {
	prefix := nodePrefix(id)
	var keys []string
	c := w.b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if _, written := w.writes[string(k)]; !written {
			keys = append(keys, string(k))
		}
	}
	for _, k := range w.groups[id] {
		if w.writes[k] != nil {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// flush writes the buffered writes to the bucket in key order.
func (w *buffer) flush() error {
	keys := make([]string, 0, len(w.writes))
	for k := range w.writes {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		var err error
		if v := w.writes[k]; v == nil {
			err = w.b.Delete([]byte(k))
		} else {
			err = w.b.Put([]byte(k), v)
		}
		if err != nil {
			return fmt.Errorf("write %q: %w", k, err)
		}
	}
	return nil
}
