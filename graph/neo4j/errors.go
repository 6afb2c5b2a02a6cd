package neo4j

import (
	"errors"
	"fmt"

	"github.com/gapmap/gapmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Errors of Open, for callers that explain them (wrapped with the details).
var (
	// ErrUnreachable is returned when no Neo4j server answers at the URI.
	ErrUnreachable = errors.New("neo4j server unreachable")
	// ErrUnauthorized is returned when the server refuses the credentials.
	ErrUnauthorized = errors.New("neo4j refused the credentials")
	// ErrNoDatabase is returned when the configured database does not exist.
	ErrNoDatabase = errors.New("neo4j database does not exist")
)

// Neo4j status codes the store handles.
const (
	codeConstraintViolation = "Neo.ClientError.Schema.ConstraintValidationFailed"
	codeDatabaseNotFound    = "Neo.ClientError.Database.DatabaseNotFound"
)

// translateError turns the Neo4j errors that have a meaning in the domain
// into *graph.Error and leaves every other error as it is. A *graph.Error
// returned by a transaction function comes back from the driver unchanged.
func translateError(err error) error {
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && ne.Code == codeConstraintViolation {
		// The checks inside the transaction make this a race with a
		// writer that is not gapmap, or with gapmap's own schema: still a
		// conflict for the caller.
		return &graph.Error{Code: graph.ECONFLICT, Message: fmt.Sprintf("the write breaks a uniqueness constraint: %s", ne.Msg)}
	}
	return err
}

// isAuthError reports whether err is the server refusing the credentials.
func isAuthError(err error) bool {
	var ae *neo4j.InvalidAuthenticationError
	if errors.As(err, &ae) {
		return true
	}
	var te *neo4j.TokenExpiredError
	if errors.As(err, &te) {
		return true
	}
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && ne.HasSecurityCode()
}

// isDatabaseNotFound reports whether err says the database does not exist.
func isDatabaseNotFound(err error) bool {
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && ne.Code == codeDatabaseNotFound
}
