package neo4j

import (
	"errors"
	"io"
	"log/slog"
	"time"
)

// DefaultTimeout bounds each operation of the store when Config.Timeout is 0.
const DefaultTimeout = 30 * time.Second

// Config says how to reach the Neo4j server. The configuration keys
// neo4j.uri, neo4j.username, neo4j.password and neo4j.database map to the
// first four fields.
type Config struct {
	// URI is the server's Bolt URI: neo4j://host:7687 (routing, for a
	// cluster or Aura), bolt://host:7687 (one server), or either with +s
	// (TLS) or +ssc (TLS with a self-signed certificate).
	URI string
	// Username and Password are the credentials; an empty Username connects
	// without authentication.
	Username string
	Password string
	// Database is the database to use; "" is the user's home database
	// (normally "neo4j").
	Database string

	// Timeout bounds connecting and each read or write, retries of
	// transient failures included (DefaultTimeout if 0).
	Timeout time.Duration
	// MaxConnections caps the connection pool (the driver's default, 100,
	// if 0).
	MaxConnections int
	// SkipMigrations makes Open leave the schema as it is; Migrate applies
	// it later. Without it, Open migrates.
	SkipMigrations bool
	// Logger receives the store's notes (migrations applied); nil discards
	// them.
	Logger *slog.Logger
}

// withDefaults returns c with the zero fields that have defaults set.
func (c Config) withDefaults() Config {
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return c
}

// validate checks c before any connection is tried.
func (c Config) validate() error {
	switch {
	case c.URI == "":
		return errors.New("neo4j.uri is empty: set it to the server's Bolt URI, e.g. neo4j://localhost:7687")
	case c.Username == "" && c.Password != "":
		return errors.New("neo4j.password is set but neo4j.username is empty")
	case c.MaxConnections < 0:
		return errors.New("neo4j: MaxConnections must not be negative")
	}
	return nil
}
