// migrations_applied returns the version of every migration recorded as
// applied.
MATCH (m:GapmapMigration)
RETURN m.version AS version
