package neo4j

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// Open connects to the Neo4j server of cfg, checks that it answers, accepts
// the credentials, runs Neo4j 5 or later and has the database, and applies
// the pending migrations (unless cfg.SkipMigrations). The errors say which of these
// failed and wrap ErrUnreachable, ErrUnauthorized or ErrNoDatabase where one
// fits.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	target := redactURI(cfg.URI)
	if cfg.Database != "" {
		target += " (database " + strconv.Quote(cfg.Database) + ")"
	}
	auth := neo4j.NoAuth()
	if cfg.Username != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = cfg.Timeout
		c.ConnectionAcquisitionTimeout = cfg.Timeout
		c.MaxTransactionRetryTime = cfg.Timeout
		if cfg.MaxConnections > 0 {
			c.MaxConnectionPoolSize = cfg.MaxConnections
		}
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j.uri %s: %w", target, err)
	}
	if err := verify(ctx, driver, cfg, target); err != nil {
		driver.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	s := &Store{
		exec: &driverExecutor{driver: driver, database: cfg.Database, timeout: cfg.Timeout,
			bookmarks: neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{})},
		log:     cfg.Logger,
		target:  target,
		timeout: cfg.Timeout,
	}
	// The first query finds out whether the database exists and the user
	// may read it.
	if _, err := s.Version(ctx); err != nil {
		s.Close()
		if isDatabaseNotFound(err) {
			return nil, fmt.Errorf("%w: %s: create it, or fix neo4j.database (%v)", ErrNoDatabase, target, err)
		}
		return nil, err
	}
	if !cfg.SkipMigrations {
		if _, err := s.Migrate(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// verify checks that the server answers, accepts the credentials and runs
// Neo4j 5 or later.
func verify(ctx context.Context, driver neo4j.DriverWithContext, cfg Config, target string) error {
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	info, err := driver.GetServerInfo(ctx)
	switch {
	case err == nil:
	case isAuthError(err):
		return fmt.Errorf("%w: the server at %s refused user %q: check neo4j.username and neo4j.password (%v)",
			ErrUnauthorized, target, cfg.Username, err)
	default:
		return fmt.Errorf("%w: cannot reach %s within %s: is the server running, and is neo4j.uri right? (%v)",
			ErrUnreachable, target, cfg.Timeout, err)
	}
	if major, ok := agentMajor(info.Agent()); ok && major < 5 {
		return fmt.Errorf("the server at %s runs %s: gapmap needs Neo4j 5 or later", target, info.Agent())
	}
	return nil
}

// agentMajor returns the major version of a server agent such as
// "Neo4j/5.26.1" (or "Neo4j/2025.01.0").
func agentMajor(agent string) (int, bool) {
	v, ok := strings.CutPrefix(agent, "Neo4j/")
	if !ok {
		return 0, false
	}
	major, _, _ := strings.Cut(v, ".")
	n, err := strconv.Atoi(major)
	return n, err == nil
}

// redactURI returns uri without a password, for messages.
func redactURI(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return strconv.Quote(uri)
	}
	return u.Redacted()
}
