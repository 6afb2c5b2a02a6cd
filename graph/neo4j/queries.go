package neo4j

import (
	"embed"
	"fmt"
	"slices"
)

// queryFiles holds every Cypher statement the store runs, one per file. No
// statement is ever built from strings at run time: every value reaches
// Neo4j as a parameter.
//
//go:embed queries/*.cypher
var queryFiles embed.FS

// query is one Cypher statement and its contract with the Go code: the
// parameters it takes and the columns it returns. queries_test.go checks the
// contract against the text, and run checks the parameters it is given.
type query struct {
	name    string   // file name in queries/
	text    string   // the statement
	params  []string // parameter names, sorted
	columns []string // result columns, in order
}

// queries lists every query in the order declared, for the tests.
var queries []*query

// newQuery loads the statement in queries/file. A missing file is a
// programming error, so it panics at start-up.
func newQuery(file string, params []string, columns ...string) *query {
	text, err := queryFiles.ReadFile("queries/" + file)
	if err != nil {
		panic(fmt.Sprintf("neo4j: query %s is not embedded: %v", file, err))
	}
	q := &query{name: file, text: string(text), params: slices.Sorted(slices.Values(params)), columns: columns}
	queries = append(queries, q)
	return q
}

// params names the parameters of a query.
func params(names ...string) []string { return names }

// The landscape version.
var (
	qVersion     = newQuery("version.cypher", nil, "version", "changed")
	qBumpVersion = newQuery("bump_version.cypher", params("now"), "version", "changed")
	qLockVersion = newQuery("lock_version.cypher", nil, "version")
)

// Reads.
var (
	qLoadNodes  = newQuery("load_nodes.cypher", nil, "node")
	qLoadEdges  = newQuery("load_edges.cypher", nil, "from_id", "rel", "to_id")
	qCountNodes = newQuery("count_nodes.cypher", nil, "nodes")
	qLookup     = newQuery("lookup_nodes.cypher", params("ids"), "id", "labels", "version")
)

// Writes.
var (
	qCreateNodes = newQuery("create_nodes.cypher", params("rows"), "created")
	qUpdateNodes = newQuery("update_nodes.cypher", params("rows"), "updated")
	qDeleteCheck = newQuery("delete_check.cypher", params("id"), "version", "labels", "degree")
	qDeleteCited = newQuery("delete_cited_by.cypher", params("id"), "cited_by")
	qDeleteNode  = newQuery("delete_node.cypher", params("id", "version"), "deleted")
	qPutEdges    = newQuery("put_edges.cypher", params("rows"), "put")
	qDeleteEdges = newQuery("delete_edges.cypher", params("rows"), "i")
)

// The history of nodes (history.go) and its migration.
var (
	qNodeStates      = newQuery("node_states.cypher", params("ids"), "node", "edges")
	qEdgeStarts      = newQuery("edge_starts.cypher", params("ids"), "id")
	qCreateRevisions = newQuery("create_revisions.cypher", params("rows"), "created")
	qHistory         = newQuery("history.cypher", params("id"), "revision")

	qIndexRevisionNodeID = newQuery("index_revision_node_id.cypher", nil)
)

// Migrations and their records.
var (
	qMigrationsApplied = newQuery("migrations_applied.cypher", nil, "version")
	qRecordMigration   = newQuery("record_migration.cypher", params("version", "name"), "version")

	qConstraintNodeID           = newQuery("constraint_node_id.cypher", nil)
	qConstraintOrganisationID   = newQuery("constraint_organisation_id.cypher", nil)
	qConstraintServiceID        = newQuery("constraint_service_id.cypher", nil)
	qConstraintNeedID           = newQuery("constraint_need_id.cypher", nil)
	qConstraintStatusID         = newQuery("constraint_status_id.cypher", nil)
	qConstraintExploitationID   = newQuery("constraint_exploitation_id.cypher", nil)
	qConstraintStageID          = newQuery("constraint_stage_id.cypher", nil)
	qConstraintRegionID         = newQuery("constraint_region_id.cypher", nil)
	qConstraintGroupID          = newQuery("constraint_group_id.cypher", nil)
	qConstraintSourceID         = newQuery("constraint_source_id.cypher", nil)
	qConstraintRecommendationID = newQuery("constraint_recommendation_id.cypher", nil)
	qConstraintMetaID           = newQuery("constraint_meta_id.cypher", nil)
	qConstraintMigrationVersion = newQuery("constraint_migration_version.cypher", nil)
)

// qWipeBatch empties a database in batches; only the tests use it.
var qWipeBatch = newQuery("wipe_batch.cypher", nil, "deleted")
