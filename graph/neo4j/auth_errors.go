package neo4j

import (
	"errors"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// accountError gives the account store's callers auth's errors only: the
// ECONFLICT *graph.Error that translateError makes of a broken uniqueness
// constraint (a session or token hash, a user id or email taken by a writer
// racing this one) becomes an auth ECONFLICT with the message taken, which
// names the record for a user (the server's message names the stored
// hash, which is no one's business); any other error is returned as it is.
func accountError(err error, taken string) error {
	var ge *graph.Error
	if errors.As(err, &ge) && ge.Code == graph.ECONFLICT {
		return auth.Errorf(auth.ECONFLICT, "%s", taken)
	}
	return err
}
