package neo4j

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// History returns the revisions of node id, newest first, as graph.Store
// documents, read in one read transaction.
func (s *Store) History(ctx context.Context, id string) ([]graph.Revision, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read history of %s from %s: %w", id, s.target, err)
	}
	if !graph.ValidID(id) {
		return nil, noHistory(id)
	}
	var (
		revs   []graph.Revision
		stored bool
	)
	err := s.exec.read(ctx, func(tx runner) error {
		recs, err := tx.run(qHistory, map[string]any{"id": id})
		if err != nil {
			return err
		}
		revs = make([]graph.Revision, 0, len(recs))
		for _, rec := range recs {
			dn, err := get[dbtype.Node](qHistory, rec, "revision")
			if err != nil {
				return err
			}
			r, err := revisionFromDB(dn.Props)
			if err != nil {
				// Damage, not bad input: %v keeps a decoding error's
				// code from reaching users.
				return fmt.Errorf("revision %v: %v", dn.Props["landscape_version"], err)
			}
			revs = append(revs, r)
		}
		if len(revs) > 0 {
			return nil
		}
		heads, err := lookup(tx, []string{id})
		stored = len(heads) > 0
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read history of %s from %s: %w", id, s.target, err)
	}
	if len(revs) == 0 && !stored {
		return nil, noHistory(id)
	}
	slices.SortFunc(revs, func(a, b graph.Revision) int { return cmp.Compare(b.LandscapeVersion, a.LandscapeVersion) })
	graph.NumberRecords(revs)
	return revs, nil
}

func noHistory(id string) error {
	return &graph.Error{Code: graph.ENOTFOUND, Node: "node " + id, Message: "has no history: no node with this id ever existed"}
}

// revisionFromDB decodes a revision from the properties of its node.
func revisionFromDB(props map[string]any) (graph.Revision, error) {
	var (
		r   graph.Revision
		t   time.Time
		err error
	)
	if r.NodeID, err = prop[string](props, "node_id"); err != nil {
		return graph.Revision{}, err
	}
	if r.Version, err = prop[int64](props, "version"); err != nil {
		return graph.Revision{}, err
	}
	if r.LandscapeVersion, err = prop[int64](props, "landscape_version"); err != nil {
		return graph.Revision{}, err
	}
	if t, err = prop[time.Time](props, "time"); err != nil {
		return graph.Revision{}, err
	}
	r.Time = t.UTC()
	if r.Actor, err = prop[string](props, "actor"); err != nil {
		return graph.Revision{}, err
	}
	if r.Reason, err = prop[string](props, "reason"); err != nil {
		return graph.Revision{}, err
	}
	if _, ok := props["revived"]; ok {
		if r.Revived, err = prop[bool](props, "revived"); err != nil {
			return graph.Revision{}, err
		}
	}
	for key, dst := range map[string]*graph.Node{"before": &r.Before, "after": &r.After} {
		if _, ok := props[key]; !ok {
			continue
		}
		data, err := prop[string](props, key)
		if err != nil {
			return graph.Revision{}, err
		}
		if *dst, err = graph.UnmarshalNode([]byte(data)); err != nil {
			return graph.Revision{}, fmt.Errorf("%s: %v", key, err)
		}
	}
	for key, dst := range map[string]*[]graph.Edge{"edges_before": &r.EdgesBefore, "edges_after": &r.EdgesAfter} {
		if _, ok := props[key]; !ok {
			continue
		}
		data, err := prop[string](props, key)
		if err != nil {
			return graph.Revision{}, err
		}
		if err := json.Unmarshal([]byte(data), dst); err != nil {
			return graph.Revision{}, fmt.Errorf("%s: %v", key, err)
		}
	}
	return r, nil
}

// prop returns property key as a T; a missing property or one of another
// type is an error.
func prop[T any](props map[string]any, key string) (T, error) {
	v, ok := props[key].(T)
	if !ok {
		return v, fmt.Errorf("property %s is %T, want %T", key, props[key], v)
	}
	return v, nil
}
