package main

import (
	"context"
	"log/slog"

	"github.com/gapmap/gapmap/config"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/neo4j"
)

// openNeo4j opens the Neo4j store, which verifies connectivity and
// credentials and applies the schema migrations.
func openNeo4j(ctx context.Context, c config.Neo4j, log *slog.Logger) (graph.Store, error) {
	return neo4j.Open(ctx, neo4j.Config{
		URI:      c.URI,
		Username: c.Username,
		Password: c.Password,
		Database: c.Database,
		Logger:   log,
	})
}
