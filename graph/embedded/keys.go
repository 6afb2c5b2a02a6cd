package embedded

import (
	"encoding/binary"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// Keys are built from ids and edge types, which never contain '/' (ids are
// checked by graph.ValidID, edge types are constants), so '/' separates the
// parts of a key without ambiguity, and "id/" is a prefix no other id shares.

const sep = "/"

// The directions of an adjacency entry.
const (
	dirOut = "out"
	dirIn  = "in"
)

// edgeKey returns the key of an edge in bucketEdges: "TYPE/from/to".
func edgeKey(k graph.EdgeKey) []byte {
	return []byte(string(k.Type) + sep + k.From + sep + k.To)
}

// adjacencyKeys returns the two keys of an edge in bucketAdjacency:
// "from/out/TYPE/to" and "to/in/TYPE/from".
func adjacencyKeys(k graph.EdgeKey) (out, in []byte) {
	t := string(k.Type)
	return []byte(k.From + sep + dirOut + sep + t + sep + k.To),
		[]byte(k.To + sep + dirIn + sep + t + sep + k.From)
}

// nodePrefix returns the prefix of every key of node id in bucketAdjacency
// and, for a Source, in bucketCitations.
func nodePrefix(id string) []byte { return []byte(id + sep) }

// parseAdjacencyKey returns the edge an adjacency key stands for.
func parseAdjacencyKey(key []byte) (graph.EdgeKey, bool) {
	parts := strings.Split(string(key), sep)
	if len(parts) != 4 {
		return graph.EdgeKey{}, false
	}
	id, dir, t, other := parts[0], parts[1], graph.EdgeType(parts[2]), parts[3]
	switch dir {
	case dirOut:
		return graph.EdgeKey{Type: t, From: id, To: other}, true
	case dirIn:
		return graph.EdgeKey{Type: t, From: other, To: id}, true
	}
	return graph.EdgeKey{}, false
}

// citationKey returns the key in bucketCitations that records that the edge
// k cites source: "source/TYPE/from/to".
func citationKey(source string, k graph.EdgeKey) []byte {
	return append(nodePrefix(source), edgeKey(k)...)
}

// parseCitationKey returns the edge a citation key names.
func parseCitationKey(key []byte) (graph.EdgeKey, bool) {
	parts := strings.Split(string(key), sep)
	if len(parts) != 4 {
		return graph.EdgeKey{}, false
	}
	return graph.EdgeKey{Type: graph.EdgeType(parts[1]), From: parts[2], To: parts[3]}, true
}

// historyKey returns the key of the revision of node id made by landscape
// version v in bucketHistory: "id/" and v as 8 bytes, big-endian, so the
// revisions of a node sort oldest first under its prefix.
func historyKey(id string, v int64) []byte {
	return binary.BigEndian.AppendUint64(nodePrefix(id), uint64(v))
}

// outPrefix returns the prefix of the adjacency keys of the edges that
// start at node id: "id/out/".
func outPrefix(id string) []byte { return []byte(id + sep + dirOut + sep) }

// validKey reports whether k can name a stored edge: a known type and two
// well-formed ids.
func validKey(k graph.EdgeKey) bool {
	return k.Type.Valid() && graph.ValidID(k.From) && graph.ValidID(k.To)
}
