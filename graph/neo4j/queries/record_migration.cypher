// record_migration records that migration $version ($name) is applied; a
// migration already recorded keeps its first record.
MERGE (m:GapmapMigration {version: $version})
  ON CREATE SET m.name = $name, m.applied_at = datetime()
RETURN m.version AS version
