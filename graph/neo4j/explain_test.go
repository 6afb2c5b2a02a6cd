package neo4j

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/gapmap/gapmap/seed"
)

// fullReads are the statements meant to read every node or relationship of
// a kind, and why that is right for each.
var fullReads = map[string]string{
	"load_nodes.cypher":         "Landscape reads the whole landscape into memory, once per change an instance sees",
	"load_edges.cypher":         "Landscape reads the whole landscape into memory, once per change an instance sees",
	"wipe_batch.cypher":         "only the tests run it, to empty the database",
	"delete_cited_by.cypher":    "only deleting a Source runs it, which no page or API call does; no index serves membership in a list property of relationships",
	"migrations_applied.cypher": "start-up reads the few migration records",
	"auth_users.cypher":         "the accounts page lists every account",
	"auth_set_user_role.cypher": "a change of role locks every account on purpose, so that two administrators who demote each other cannot both win",
	// The two sweeps run in the background, not on a request; each reads
	// a label of short-lived nodes, which the sweeps keep small.
	"auth_delete_expired_sessions.cypher": "the background sweep of expired sessions",
	"auth_purge_failures.cypher":          "the background purge of failed sign-ins that left the window",
}

// scans are the plan operators that read every node, every relationship,
// or every node of a label or relationship of a type.
// (NodeIndexScan and the relationship index scans read every entry of an
// index, which is as much.)
var scans = []string{"AllNodesScan", "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan",
	"DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan", "NodeByLabelScan", "UnionNodeByLabelsScan",
	"IntersectionNodeByLabelsScan", "NodeIndexScan", "DirectedRelationshipIndexScan", "UndirectedRelationshipIndexScan"}

// explainParams gives each parameter a value of the type the store sends,
// so that EXPLAIN plans a statement as it is planned for a real call: the
// planner caches a plan per parameter type, and a null parameter (UNWIND
// null) gets a plan no real call uses.
func explainParams() map[string]any {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	row := map[string]any{"i": int64(0), "id": "a", "type": "MEETS", "from": "a", "to": "b",
		"version": int64(1), "props": map[string]any{"name": "a"}, "labels": []any{"Service"}}
	return map[string]any{
		"at": at, "now": at, "since": at, "until": at, "idle_before": at, "last_seen": at,
		"disabled": false, "email": "a@example.org", "hash": "h", "id": "a", "id_hash": "h",
		"ids": []any{"a", "b"}, "key": "k", "keys": []any{"k"}, "name": "a", "org_id": "o",
		"props": map[string]any{"name": "a"}, "role": "editor", "rows": []any{row},
		"user_id": "u", "version": int64(1),
	}
}

// TestExplain has the real Neo4j engine plan every statement of the store
// (EXPLAIN, on a database holding the Norwegian landscape and its history,
// so that the planner has real statistics) and fails when a statement
// other than those in fullReads plans a scan of all nodes, all
// relationships, or a whole label, relationship type or index: those are
// on the request and edit paths, and an index or a constraint serves them.
// It fails too when a statement in fullReads no longer scans, so that the
// list says only what is true.
func TestExplain(t *testing.T) {
	ctx := context.Background()
	s, _ := openTraced(t)
	sd, err := seed.Load(seed.Norway(), ".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Apply(ctx, s, sd); err != nil {
		t.Fatalf("seed the server: %v", err)
	}
	cfg := testConfig(t)
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	// The other tests of the package fill and empty the database first, and
	// Neo4j keeps plans made when the graph was empty, for which a scan of
	// an empty index costs what a seek does. Resample the indexes and drop
	// the cached plans, as Neo4j itself does once statistics drift, so that
	// every statement is planned against the seeded landscape.
	if _, err := neo4j.ExecuteQuery(ctx, driver, "CALL db.prepareForReplanning(60)", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database)); err != nil {
		t.Fatalf("prepare for replanning: %v", err)
	}
	for _, q := range queries {
		if strings.HasPrefix(q.name, "constraint_") || strings.HasPrefix(q.name, "index_") {
			continue // schema commands have no plan; TestMigrate runs them
		}
		t.Run(q.name, func(t *testing.T) {
			session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: cfg.Database})
			defer session.Close(ctx)
			params, sample := map[string]any{}, explainParams()
			for _, p := range q.params {
				v, ok := sample[p]
				if !ok {
					t.Fatalf("%s takes $%s, which explainParams gives no value of its type", q.name, p)
				}
				params[p] = v
			}
			res, err := session.Run(ctx, "EXPLAIN "+q.text, params)
			if err != nil {
				t.Fatalf("EXPLAIN: %v", err)
			}
			sum, err := res.Consume(ctx)
			if err != nil {
				t.Fatalf("EXPLAIN: %v", err)
			}
			var ops, details []string
			var walk func(p neo4j.Plan)
			walk = func(p neo4j.Plan) {
				op, _, _ := strings.Cut(p.Operator(), "@")
				ops = append(ops, op)
				if d, ok := p.Arguments()["Details"].(string); ok && slices.Contains(scans, op) {
					details = append(details, op+": "+d)
				}
				for _, c := range p.Children() {
					walk(c)
				}
			}
			if sum.Plan() == nil {
				t.Fatal("EXPLAIN returned no plan")
			}
			walk(sum.Plan())
			var bad []string
			for _, op := range ops {
				if slices.Contains(scans, op) {
					bad = append(bad, op)
				}
			}
			why, allowed := fullReads[q.name]
			switch {
			case len(bad) > 0 && !allowed:
				t.Errorf("%s plans %s; want index or constraint seeks only. Plan: %s; scans: %s", q.name, strings.Join(bad, ", "), strings.Join(ops, " < "), strings.Join(details, "; "))
			case len(bad) == 0 && allowed:
				t.Errorf("%s is listed as a full read (%s) but plans no scan: take it off the list. Plan: %s", q.name, why, strings.Join(ops, " < "))
			default:
				t.Logf("%s: %s", q.name, strings.Join(ops, " < "))
			}
		})
	}
}
