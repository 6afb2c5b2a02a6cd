package graph

import (
	"context"
	"time"
)

// Store keeps the landscape graph durably. graph/embedded (bbolt) and
// graph/neo4j implement it; graph/storetest is the suite both must pass.
//
// A Store is safe for concurrent use. Every Apply is one transaction: all of
// its operations take effect or none do, and readers never see a half-applied
// change.
type Store interface {
	// Landscape loads a snapshot of the whole graph.
	Landscape(ctx context.Context) (*Landscape, error)

	// Version returns the landscape version: 0 for a store never written,
	// one more after each Apply that changed something. It is cheap, so
	// instances sharing a store can poll it.
	Version(ctx context.Context) (int64, error)

	// Apply applies c in one transaction and returns the new landscape
	// version. An empty change writes nothing and returns the current
	// version.
	//
	// Errors: EINVALID if a node or edge fails validation or refers to a
	// node that does not exist (or is of the wrong type); ECONFLICT if an
	// update or delete names a version that is not the stored one, if a
	// created id is taken, if an update would change a node's type, if a
	// node still has edges and the delete does not cascade, or if a deleted
	// Source is still cited in the sources of an edge the delete does not
	// remove; ENOTFOUND if an updated or deleted node or edge does not
	// exist. On any error nothing is written.
	Apply(ctx context.Context, c *Change) (int64, error)

	// History returns the revisions of node id, newest first. Every Apply
	// that changes something records, in its own transaction, one Revision
	// for each node it creates, updates or deletes or whose outgoing edges
	// it puts or deletes (a cascading delete also records on the start
	// nodes of the edges it removes); a failed Apply records nothing.
	// Revision times are kept to the microsecond. A node stored before its
	// store kept history has an empty history until its next change.
	//
	// History belongs to the record, not to the id: a deleted node keeps
	// its history as its record, and a node created again with the same id
	// is a new record (Revision.Record one more) with a history of its own,
	// unless the create is a Revive (a restore), which continues the
	// record that was deleted. History returns the revisions of every
	// record of id, each with its Record; callers show one record at a time
	// (Records, RecordRevisions) and decide who may see it.
	//
	// Errors: ENOTFOUND if no node id ever existed (it has no revision and
	// is not stored).
	History(ctx context.Context, id string) ([]Revision, error)

	// Close releases the store.
	Close() error
}

// OpKind is the kind of one operation of a Change.
type OpKind string

// The operations.
const (
	OpCreate     OpKind = "create"      // create Node; its version becomes 1 (or stays, if positive)
	OpUpdate     OpKind = "update"      // replace Node, whose Version must be the stored one; it becomes one more
	OpDelete     OpKind = "delete"      // delete node ID at Version; with Cascade, its edges too
	OpPutEdge    OpKind = "put_edge"    // create or replace Edge
	OpDeleteEdge OpKind = "delete_edge" // delete the edge with EdgeKey
)

// Op is one operation of a Change. Which fields count depends on Kind.
type Op struct {
	Kind    OpKind
	Node    Node   // OpCreate, OpUpdate
	ID      string // OpDelete
	Version int64  // OpDelete: the version the caller last saw
	// Cascade makes OpDelete remove the node's edges. Without it, deleting
	// a node that has edges is refused with ECONFLICT. A Source cited in the
	// sources of an edge can never be deleted while the edge cites it.
	Cascade bool
	Edge    *Edge   // OpPutEdge
	EdgeKey EdgeKey // OpDeleteEdge
	// Revive makes OpCreate bring back the deleted record of the id,
	// continuing its history (a restore). Without it, creating an id that
	// was deleted starts a new record, whose history shows nothing of the
	// deleted one's.
	Revive bool
}

// Change is an ordered list of operations applied in one transaction. Later
// operations see the effect of earlier ones, so a change can create a node
// and then its edges.
type Change struct {
	Ops []Op
	// Actor names who makes the change, for the history: "user:ID" for a
	// person, "token:ID" for an API token, "seed" for a seed load, "cli".
	Actor string
	// Reason is a short note for the history ("verified today", "restore
	// version 3"); it may be empty.
	Reason string
}

// Revision is one entry in the history of a node: what one Apply did to the
// node itself or to the edges that start at it.
type Revision struct {
	// NodeID is the node the revision belongs to.
	NodeID string `json:"node_id"`
	// Record numbers the records of the id, from 1: a creation after a
	// deletion starts the next one, unless it is Revived.
	Record int64 `json:"record"`
	// Revived says that the revision is a creation by a Revive operation,
	// which continues the record that was deleted.
	Revived bool `json:"revived,omitempty"`
	// Version is the node's version after the change (0 if it was deleted).
	Version int64 `json:"version"`
	// LandscapeVersion is the landscape version the change produced.
	LandscapeVersion int64 `json:"landscape_version"`
	// Time is when the change was applied, in UTC.
	Time time.Time `json:"time"`
	// Actor and Reason are the change's.
	Actor  string `json:"actor"`
	Reason string `json:"reason,omitempty"`
	// Before and After are the node before and after the change; Before is
	// nil for a creation, After for a deletion.
	Before Node `json:"-"`
	After  Node `json:"-"`
	// EdgesBefore and EdgesAfter are the edges starting at the node before
	// and after the change, sorted like Landscape.Edges.
	EdgesBefore []Edge `json:"edges_before"`
	EdgesAfter  []Edge `json:"edges_after"`
}

// Create adds the creation of n.
func (c *Change) Create(n Node) *Change {
	c.Ops = append(c.Ops, Op{Kind: OpCreate, Node: n})
	return c
}

// Update adds the replacement of n; n's Version must be the stored one.
func (c *Change) Update(n Node) *Change {
	c.Ops = append(c.Ops, Op{Kind: OpUpdate, Node: n})
	return c
}

// Revive adds the creation of n as the deleted record of its id come back:
// its history continues that record's (see Op.Revive).
func (c *Change) Revive(n Node) *Change {
	c.Ops = append(c.Ops, Op{Kind: OpCreate, Node: n, Revive: true})
	return c
}

// Delete adds the deletion of node id at version.
func (c *Change) Delete(id string, version int64, cascade bool) *Change {
	c.Ops = append(c.Ops, Op{Kind: OpDelete, ID: id, Version: version, Cascade: cascade})
	return c
}

// PutEdge adds the creation or replacement of e.
func (c *Change) PutEdge(e Edge) *Change {
	c.Ops = append(c.Ops, Op{Kind: OpPutEdge, Edge: &e})
	return c
}

// DeleteEdge adds the deletion of the edge with key k.
func (c *Change) DeleteEdge(k EdgeKey) *Change {
	c.Ops = append(c.Ops, Op{Kind: OpDeleteEdge, EdgeKey: k})
	return c
}

// Empty reports whether c has no operations.
func (c *Change) Empty() bool { return c == nil || len(c.Ops) == 0 }
