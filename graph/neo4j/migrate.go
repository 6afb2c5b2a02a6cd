package neo4j

import (
	"context"
	"fmt"
	"slices"
)

// Migration is one versioned change of the database schema. The database
// records each migration applied to it as a (:GapmapMigration {version})
// node.
type Migration struct {
	Version int
	Name    string
}

// migration is a Migration and its statements, each run in a transaction of
// its own: Neo4j does not mix schema changes with other writes in one.
type migration struct {
	Migration
	statements []*query
}

// migrations lists every migration, oldest first. Append; never change one
// that has been released. Every statement must be idempotent (IF NOT EXISTS),
// as instances starting together may run it twice.
var migrations = []migration{
	{Migration{1, "unique ids for Node, every type label and the bookkeeping nodes"}, []*query{
		qConstraintNodeID,
		qConstraintOrganisationID, qConstraintServiceID, qConstraintNeedID, qConstraintStatusID,
		qConstraintExploitationID, qConstraintStageID, qConstraintRegionID, qConstraintGroupID,
		qConstraintSourceID, qConstraintRecommendationID,
		qConstraintMetaID, qConstraintMigrationVersion,
	}},
	{Migration{2, "an index on the node id of revisions, for the history"}, []*query{
		qIndexRevisionNodeID,
	}},
	{Migration{3, "unique ids, emails and hashes of users, sessions and API tokens"}, authMigration},
	{Migration{4, "unique keys of the failed sign-ins"}, loginFailuresMigration},
}

// Migrations returns every migration this gapmap knows, oldest first.
func Migrations() []Migration {
	ms := make([]Migration, len(migrations))
	for i, m := range migrations {
		ms[i] = m.Migration
	}
	return ms
}

// PendingMigrations returns the migrations the database has not recorded,
// oldest first. A database migrated by a newer gapmap is an error.
func (s *Store) PendingMigrations(ctx context.Context) ([]Migration, error) {
	var applied []int64
	err := s.exec.read(ctx, func(tx runner) error {
		recs, err := tx.run(qMigrationsApplied, nil)
		if err != nil {
			return err
		}
		applied = applied[:0]
		for _, rec := range recs {
			v, err := get[int64](qMigrationsApplied, rec, "version")
			if err != nil {
				return err
			}
			applied = append(applied, v)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read migrations of %s: %w", s.target, err)
	}
	latest := migrations[len(migrations)-1].Version
	if len(applied) > 0 && slices.Max(applied) > int64(latest) {
		return nil, fmt.Errorf("%s has migration %d, but this gapmap knows migrations up to %d only: upgrade gapmap",
			s.target, slices.Max(applied), latest)
	}
	var pending []Migration
	for _, m := range migrations {
		if !slices.Contains(applied, int64(m.Version)) {
			pending = append(pending, m.Migration)
		}
	}
	return pending, nil
}

// Migrate applies the pending migrations and returns them. It is safe to run
// again and from several instances at once.
func (s *Store) Migrate(ctx context.Context) ([]Migration, error) {
	pending, err := s.PendingMigrations(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range pending {
		m := migrations[slices.IndexFunc(migrations, func(m migration) bool { return m.Version == p.Version })]
		for _, q := range m.statements {
			err := s.exec.write(ctx, func(tx runner) error {
				_, err := tx.run(q, nil)
				return err
			})
			if err != nil {
				return nil, fmt.Errorf("migration %d (%s) of %s: %s: %w", m.Version, m.Name, s.target, q.name, err)
			}
		}
		err := s.exec.write(ctx, func(tx runner) error {
			_, err := tx.run(qRecordMigration, map[string]any{"version": int64(m.Version), "name": m.Name})
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("record migration %d of %s: %w", m.Version, s.target, err)
		}
		s.log.InfoContext(ctx, "neo4j migration applied", "version", m.Version, "name", m.Name, "database", s.target)
	}
	return pending, nil
}
