package embedded

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the layout version this gapmap writes and understands. A
// file of a newer schema version is refused; bump it (and add a migration to
// prepare) when an existing bucket changes shape.
const SchemaVersion = 1

// The buckets of a gapmap file. Every key inside them is built from ids,
// which never contain '/', so '/' separates the parts of a key.
var (
	// bucketMeta holds keyApp, keySchema, keyVersion and keyChanged.
	bucketMeta = []byte("meta")
	// bucketNodes maps a node id to graph.MarshalNode of the node.
	bucketNodes = []byte("nodes")
	// bucketEdges maps "TYPE/from/to" to the edge as JSON.
	bucketEdges = []byte("edges")
	// bucketAdjacency holds an empty value under "id/out/TYPE/to" and
	// "id/in/TYPE/from" for every edge, so the edges of a node are one
	// prefix scan away.
	bucketAdjacency = []byte("adjacency")
	// bucketCitations holds an empty value under "source/TYPE/from/to" for
	// every source id an edge cites in its sources.
	bucketCitations = []byte("citations")
	// bucketHistory maps "id/" and the landscape version (uint64,
	// big-endian) to a revision of node id (see history.go), so the
	// history of a node is one prefix scan away, oldest first.
	bucketHistory = []byte("history")
)

// buckets lists every bucket a gapmap file has. Open creates the missing
// ones, so a new feature (users, sessions, audit) adds its bucket here
// without a migration, as long as no existing bucket changes shape.
var buckets = [][]byte{
	bucketMeta,
	bucketNodes,
	bucketEdges,
	bucketAdjacency,
	bucketCitations,
	bucketHistory,
	// Accounts (auth.go).
	bucketAuthUsers,
	bucketAuthEmails,
	bucketAuthSessions,
	bucketAuthTokens,
}

// The keys of bucketMeta.
var (
	keyApp     = []byte("app")               // appName: marks a gapmap file
	keySchema  = []byte("schema_version")    // uint64, big-endian
	keyVersion = []byte("landscape_version") // uint64, big-endian
	// keyChanged is the time of the Apply that made the landscape version:
	// microseconds since the Unix epoch (UTC), uint64, big-endian; missing
	// (read as the zero time) until the first change.
	keyChanged = []byte("landscape_changed")
)

// getTime reads a time stored under key as microseconds since the Unix
// epoch; a missing key reads as the zero time.
func getTime(b *bolt.Bucket, key []byte) (time.Time, error) {
	us, err := getUint(b, key)
	if err != nil || us == 0 {
		return time.Time{}, err
	}
	return time.UnixMicro(int64(us)).UTC(), nil
}

// putTime writes t under key as microseconds since the Unix epoch.
func putTime(b *bolt.Bucket, key []byte, t time.Time) error {
	return putUint(b, key, uint64(t.UnixMicro()))
}

const appName = "gapmap"

// prepare checks the file's schema and creates what is missing: everything
// in a new file, the buckets added since in an older one. It runs in the
// Update transaction of Open, so a refused file is left untouched.
func prepare(tx *bolt.Tx, path string) error {
	if k, _ := tx.Cursor().First(); k == nil {
		return create(tx)
	}
	meta := tx.Bucket(bucketMeta)
	if meta == nil || !bytes.Equal(meta.Get(keyApp), []byte(appName)) {
		return fmt.Errorf("%s is not a gapmap store (it has no gapmap meta bucket)", path)
	}
	v, err := getUint(meta, keySchema)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	switch {
	case v > SchemaVersion:
		return fmt.Errorf("%s has schema version %d, this gapmap understands up to %d: upgrade gapmap", path, v, SchemaVersion)
	case v < 1:
		return fmt.Errorf("%s is not a gapmap store (schema version %d)", path, v)
	}
	for _, name := range buckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// create lays out a new file.
func create(tx *bolt.Tx) error {
	for _, name := range buckets {
		if _, err := tx.CreateBucket(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	meta := tx.Bucket(bucketMeta)
	if err := meta.Put(keyApp, []byte(appName)); err != nil {
		return fmt.Errorf("write %s: %w", keyApp, err)
	}
	if err := putUint(meta, keySchema, SchemaVersion); err != nil {
		return err
	}
	return putUint(meta, keyVersion, 0)
}

// getUint reads a big-endian uint64; a missing key reads as 0.
func getUint(b *bolt.Bucket, key []byte) (uint64, error) {
	v := b.Get(key)
	switch len(v) {
	case 0:
		return 0, nil
	case 8:
		return binary.BigEndian.Uint64(v), nil
	}
	return 0, fmt.Errorf("meta %s: %d bytes, want 8", key, len(v))
}

func putUint(b *bolt.Bucket, key []byte, v uint64) error {
	if err := b.Put(key, binary.BigEndian.AppendUint64(nil, v)); err != nil {
		return fmt.Errorf("write %s: %w", key, err)
	}
	return nil
}
