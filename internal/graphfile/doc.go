// Package graphfile writes the whole landscape as a graph file: GraphML,
// JSON (nodes and edges as the API gives them) and a Cypher script that
// loads it into an empty Neo4j. Every file shows the landscape as the
// public sees it: no confidential address, and a group's size estimate a
// number only when it may be shown (a suppressed one is null, with
// size_estimate_suppressed beside it).
package graphfile
