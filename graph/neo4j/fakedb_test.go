package neo4j

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// fakeDB imitates a Neo4j database for the statements in queries/: each
// query, found by its file name, is carried out as its Cypher reads, on
// values converted as the driver converts them on the way in and out, with
// Neo4j's rules for property values and the uniqueness of Node ids. It lets
// the store's Go side (batching, checks, errors, mapping) run the conformance
// suite without a server; the Cypher itself is checked by cypherlint and by
// TestNeo4jConformance against a real server.
//
// A write transaction holds the whole database, as the meta node's lock
// does; it works on a copy that replaces the state on success.
type fakeDB struct {
	mu    sync.RWMutex
	state *fakeState

	// retry makes every write transaction run twice, the first attempt
	// thrown away, as the driver does after a transient failure, to show
	// that transaction functions are safe to repeat.
	retry bool
	// onRun, if set, is called before each query with the state it runs on.
	onRun func(q *query, st *fakeState)
	// log records the name of every query run.
	logMu sync.Mutex
	log   []string
}

type fakeState struct {
	nodes  []*fakeNode // every node of every label, in creation order
	rels   []*fakeRel
	nextID int
}

type fakeNode struct {
	elementID string
	labels    []string
	props     map[string]any
}

type fakeRel struct {
	typ      string
	from, to *fakeNode
	props    map[string]any
}

func newFakeDB() *fakeDB { return &fakeDB{state: &fakeState{}} }

// openFake returns a Store on a new fake database, migrated as Open does.
func openFake(t testing.TB, db *fakeDB) *Store {
	t.Helper()
	s := &Store{exec: db, log: Config{}.withDefaults().Logger, target: "fake", timeout: time.Second}
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	return s
}

func (db *fakeDB) read(ctx context.Context, work func(runner) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	return work(&fakeTx{db: db, st: db.state, readOnly: true})
}

func (db *fakeDB) write(ctx context.Context, work func(runner) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.retry {
		_ = work(&fakeTx{db: db, st: db.state.clone()}) // lost to a "deadlock"
	}
	st := db.state.clone()
	if err := work(&fakeTx{db: db, st: st}); err != nil {
		return translateError(err)
	}
	db.state = st
	return nil
}

func (db *fakeDB) close(context.Context) error { return nil }

// queries returns the names of the queries run since the last call.
func (db *fakeDB) queries() []string {
	db.logMu.Lock()
	defer db.logMu.Unlock()
	l := db.log
	db.log = nil
	return l
}

func (st *fakeState) clone() *fakeState {
	c := &fakeState{nextID: st.nextID}
	byOld := make(map[*fakeNode]*fakeNode, len(st.nodes))
	for _, n := range st.nodes {
		cn := &fakeNode{elementID: n.elementID, labels: slices.Clone(n.labels), props: maps.Clone(n.props)}
		byOld[n] = cn
		c.nodes = append(c.nodes, cn)
	}
	for _, r := range st.rels {
		c.rels = append(c.rels, &fakeRel{typ: r.typ, from: byOld[r.from], to: byOld[r.to], props: maps.Clone(r.props)})
	}
	return c
}

// fakeTx runs queries on one state.
type fakeTx struct {
	db       *fakeDB
	st       *fakeState
	readOnly bool
}

func (tx *fakeTx) run(q *query, params map[string]any) ([]*neo4j.Record, error) {
	if err := checkParams(q, params); err != nil {
		return nil, err
	}
	tx.db.logMu.Lock()
	tx.db.log = append(tx.db.log, q.name)
	tx.db.logMu.Unlock()
	if tx.db.onRun != nil {
		tx.db.onRun(q, tx.st)
	}
	p, err := wire(params)
	if err != nil {
		return nil, err
	}
	in := p.(map[string]any)
	rows, err := tx.exec(q, in)
	if err != nil {
		return nil, err
	}
	recs := make([]*neo4j.Record, len(rows))
	for i, row := range rows {
		rec := &neo4j.Record{Keys: q.columns, Values: make([]any, len(q.columns))}
		for j, c := range q.columns {
			v, ok := row[c]
			if !ok {
				return nil, fmt.Errorf("fake %s: no column %s", q.name, c)
			}
			if rec.Values[j], err = wire(v); err != nil {
				return nil, err
			}
		}
		recs[i] = rec
	}
	return recs, nil
}

func (st *fakeState) newNode(labels []string, props map[string]any) *fakeNode {
	st.nextID++
	n := &fakeNode{elementID: fmt.Sprintf("4:fake:%d", st.nextID), labels: labels, props: props}
	st.nodes = append(st.nodes, n)
	return n
}

// node returns the Node with id, as MATCH (n:Node {id: $id}) finds it.
func (st *fakeState) node(id any) *fakeNode {
	for _, n := range st.nodes {
		if n.has("Node") && reflect.DeepEqual(n.props["id"], id) {
			return n
		}
	}
	return nil
}

func (st *fakeState) meta() *fakeNode {
	for _, n := range st.nodes {
		if n.has("GapmapMeta") && n.props["id"] == "landscape" {
			return n
		}
	}
	return nil
}

func (st *fakeState) rel(typ string, a, b *fakeNode) *fakeRel {
	for _, r := range st.rels {
		if r.typ == typ && r.from == a && r.to == b {
			return r
		}
	}
	return nil
}

func (st *fakeState) detachDelete(n *fakeNode) {
	st.rels = slices.DeleteFunc(st.rels, func(r *fakeRel) bool { return r.from == n || r.to == n })
	st.nodes = slices.DeleteFunc(st.nodes, func(x *fakeNode) bool { return x == n })
}

func (n *fakeNode) has(label string) bool { return slices.Contains(n.labels, label) }

// value returns n as the driver returns a node.
func (n *fakeNode) value() dbtype.Node {
	return dbtype.Node{ElementId: n.elementID, Labels: slices.Clone(n.labels), Props: maps.Clone(n.props)}
}

func (r *fakeRel) value() dbtype.Relationship {
	return dbtype.Relationship{Type: r.typ, StartElementId: r.from.elementID, EndElementId: r.to.elementID, Props: maps.Clone(r.props)}
}

// shuffle reorders rows, as Neo4j promises no order without ORDER BY.
func shuffle(rows []row) {
	for i := len(rows) - 1; i > 0; i-- {
		j := (i * 7919) % (i + 1)
		rows[i], rows[j] = rows[j], rows[i]
	}
}
