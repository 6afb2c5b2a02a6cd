package neo4j

import (
	"cmp"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// The history of nodes: Apply records a revision of every node it touches as
// a (:GapmapRevision) node, created by the same write transaction. Its
// properties are node_id, landscape_version, version, time (DATETIME),
// actor and reason, revived (true on the creation of a graph.Op.Revive,
// absent otherwise), and, when there is one, before and after (the node as
// graph.MarshalNode encodes it) and edges_before and edges_after (the JSON
// of the list of its outgoing edges). Migration 2 indexes node_id.
//
// The nodes a change touches are known before it runs: the nodes it
// creates, updates or deletes, the start nodes of the edges it puts or
// deletes, and the start nodes of the edges that end at a node it deletes.
// A cascading delete can remove an edge only if the edge existed before the
// change (then its start node is in the last group) or was put by the
// change (then it is in the second). The recorder reads the state of those
// nodes (the node and its outgoing edges) before the first operation and
// after the last, under the meta node's lock, so the states are exactly
// those before and after the change; a node that an operation names but
// that does not exist before or after has no state there.

// nodeState is a node and the edges that start at it, sorted like
// graph.Landscape.Edges.
type nodeState struct {
	node  graph.Node
	edges []graph.Edge
}

// recorder records the revisions of one Apply.
type recorder struct {
	ids     []string // the nodes the change touches, sorted
	before  map[string]nodeState
	revived map[string]bool // the ids a Revive operation creates
}

// startRecording finds the nodes ops touch and reads their state. It runs
// before the first operation.
func startRecording(tx runner, ops []graph.Op) (*recorder, error) {
	var ids, deleted []string
	revived := map[string]bool{}
	for _, op := range ops {
		switch op.Kind {
		case graph.OpCreate, graph.OpUpdate:
			if v := reflect.ValueOf(op.Node); v.IsValid() && !(v.Kind() == reflect.Pointer && v.IsNil()) {
				ids = append(ids, op.Node.Base().ID)
				if op.Kind == graph.OpCreate && op.Revive {
					revived[op.Node.Base().ID] = true
				}
			}
		case graph.OpDelete:
			ids = append(ids, op.ID)
			deleted = append(deleted, op.ID)
		case graph.OpPutEdge:
			if op.Edge != nil {
				ids = append(ids, op.Edge.From)
			}
		case graph.OpDeleteEdge:
			ids = append(ids, op.EdgeKey.From)
		}
	}
	for chunk := range slices.Chunk(uniq(deleted), maxBatch) {
		recs, err := tx.run(qEdgeStarts, map[string]any{"ids": anyList(chunk)})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			id, err := get[string](qEdgeStarts, rec, "id")
			if err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
	}
	r := &recorder{ids: uniq(ids), revived: revived}
	var err error
	r.before, err = readStates(tx, r.ids)
	return r, err
}

// record reads the state of the touched nodes after the change and writes
// their revisions, made by landscape version v at now.
func (r *recorder) record(tx runner, v int64, now time.Time, actor, reason string) error {
	after, err := readStates(tx, r.ids)
	if err != nil {
		return err
	}
	rows := make([]any, 0, len(r.ids))
	for _, id := range r.ids {
		row, err := revisionRow(id, r.before[id], after[id])
		if err != nil {
			return err
		}
		if r.revived[id] && r.before[id].node == nil && after[id].node != nil {
			row["revived"] = true
		}
		row["landscape_version"], row["time"], row["actor"], row["reason"] = v, dbTime(now), actor, reason
		rows = append(rows, row)
	}
	for chunk := range slices.Chunk(rows, maxBatch) {
		if err := expectCount(tx, qCreateRevisions, chunk, "created"); err != nil {
			return err
		}
	}
	return nil
}

// revisionRow returns the properties of the revision of node id between
// two states, but those the change gives every revision.
func revisionRow(id string, before, after nodeState) (map[string]any, error) {
	row := map[string]any{"node_id": id, "version": int64(0)}
	if after.node != nil {
		row["version"] = after.node.Base().Version
	}
	for key, n := range map[string]graph.Node{"before": before.node, "after": after.node} {
		if n == nil {
			continue
		}
		data, err := graph.MarshalNode(n)
		if err != nil {
			return nil, fmt.Errorf("revision of %s: %w", id, err)
		}
		row[key] = string(data)
	}
	for key, edges := range map[string][]graph.Edge{"edges_before": before.edges, "edges_after": after.edges} {
		if len(edges) == 0 {
			continue
		}
		data, err := json.Marshal(edges)
		if err != nil {
			return nil, fmt.Errorf("revision of %s: %w", id, err)
		}
		row[key] = string(data)
	}
	return row, nil
}

// readStates returns the state of each of ids that names a node.
func readStates(tx runner, ids []string) (map[string]nodeState, error) {
	states := make(map[string]nodeState, len(ids))
	for chunk := range slices.Chunk(ids, maxBatch) {
		recs, err := tx.run(qNodeStates, map[string]any{"ids": anyList(chunk)})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			dn, err := get[dbtype.Node](qNodeStates, rec, "node")
			if err != nil {
				return nil, err
			}
			n, err := nodeFromDB(dn.Labels, dn.Props)
			if err != nil {
				return nil, fmt.Errorf("stored node %v: %v", dn.Props["id"], err)
			}
			id := n.Base().ID
			list, err := get[[]any](qNodeStates, rec, "edges")
			if err != nil {
				return nil, err
			}
			edges, err := outEdges(id, list)
			if err != nil {
				return nil, err
			}
			states[id] = nodeState{node: n, edges: edges}
		}
	}
	return states, nil
}

// outEdges decodes the edges column of node_states: the edges that start
// at node id, as {to, rel} maps. It returns them sorted.
func outEdges(id string, list []any) ([]graph.Edge, error) {
	if len(list) == 0 {
		return nil, nil
	}
	edges := make([]graph.Edge, len(list))
	for i, item := range list {
		m, ok := item.(map[string]any)
		to, okTo := m["to"].(string)
		rel, okRel := m["rel"].(dbtype.Relationship)
		if !ok || !okTo || !okRel {
			return nil, fmt.Errorf("query %s: edges of %s: item %d is %v, want {to, rel}", qNodeStates.name, id, i, item)
		}
		e, err := edgeFromDB(rel.Type, id, to, rel.Props)
		if err != nil {
			return nil, fmt.Errorf("stored edge %s %s->%s: %v", rel.Type, id, to, err)
		}
		edges[i] = e
	}
	slices.SortFunc(edges, func(a, b graph.Edge) int {
		return cmp.Or(strings.Compare(string(a.Type), string(b.Type)), strings.Compare(a.To, b.To))
	})
	return edges, nil
}

// uniq returns ids sorted, each once.
func uniq(ids []string) []string {
	return slices.Compact(slices.Sorted(slices.Values(ids)))
}
