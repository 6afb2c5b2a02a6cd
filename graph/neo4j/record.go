package neo4j

import (
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// get returns the value of column key of rec as a T. A missing column, a
// null or a value of another type is an error that names the query.
func get[T any](q *query, rec *neo4j.Record, key string) (T, error) {
	var zero T
	v, ok := rec.Get(key)
	if !ok {
		return zero, fmt.Errorf("query %s: no column %q in the result", q.name, key)
	}
	t, ok := v.(T)
	if !ok {
		return zero, fmt.Errorf("query %s: column %q is %T, want %T", q.name, key, v, zero)
	}
	return t, nil
}

// getOptional is get for a column that may be null: it returns false for a
// null.
func getOptional[T any](q *query, rec *neo4j.Record, key string) (T, bool, error) {
	var zero T
	if v, ok := rec.Get(key); ok && v == nil {
		return zero, false, nil
	}
	t, err := get[T](q, rec, key)
	return t, err == nil, err
}

// stringList converts a list value ([]any of strings, as the driver returns
// lists) to []string.
func stringList(q *query, key string, v []any) ([]string, error) {
	s := make([]string, len(v))
	for i, x := range v {
		str, ok := x.(string)
		if !ok {
			return nil, fmt.Errorf("query %s: column %q item %d is %T, want string", q.name, key, i, x)
		}
		s[i] = str
	}
	return s, nil
}

// single returns the one value of column key of the one record of a query
// that returns exactly one row.
func single[T any](q *query, recs []*neo4j.Record, key string) (T, error) {
	if len(recs) != 1 {
		var zero T
		return zero, fmt.Errorf("query %s: %d rows, want 1", q.name, len(recs))
	}
	return get[T](q, recs[0], key)
}

// runSingle runs q and returns column key of its one row.
func runSingle[T any](tx runner, q *query, params map[string]any, key string) (T, error) {
	recs, err := tx.run(q, params)
	if err != nil {
		var zero T
		return zero, err
	}
	return single[T](q, recs, key)
}
