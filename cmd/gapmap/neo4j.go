package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/gapmap/gapmap/config"
	"github.com/gapmap/gapmap/graph/neo4j"
)

// openNeo4j opens the Neo4j store, which verifies connectivity and
// credentials and applies the schema migrations. Each transaction is bounded
// by neo4j.timeout, or by atLeast if that is longer.
func openNeo4j(ctx context.Context, c config.Neo4j, atLeast time.Duration, log *slog.Logger) (*neo4j.Store, error) {
	return neo4j.Open(ctx, neo4j.Config{
		URI:      c.URI,
		Username: c.Username,
		Password: c.Password,
		Database: c.Database,
		Timeout:  max(c.Timeout, atLeast),
		Logger:   log,
	})
}
