// constraint_migration_version records each migration once, however many
// instances start together.
CREATE CONSTRAINT gapmap_migration_version IF NOT EXISTS
FOR (m:GapmapMigration) REQUIRE m.version IS UNIQUE
