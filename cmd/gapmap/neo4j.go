package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/gapmap/gapmap/config"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/neo4j"
)

// openNeo4j opens the Neo4j store, which verifies connectivity and
// credentials and applies the schema migrations. timeout bounds each
// transaction (0: the store's default).
func openNeo4j(ctx context.Context, c config.Neo4j, timeout time.Duration, log *slog.Logger) (graph.Store, error) {
	return neo4j.Open(ctx, neo4j.Config{
		URI:      c.URI,
		Username: c.Username,
		Password: c.Password,
		Database: c.Database,
		Timeout:  timeout,
		Logger:   log,
	})
}
