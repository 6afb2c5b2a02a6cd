// bump_version is the first statement of every write transaction: it adds one
// to the landscape version, creating the meta node on the first write, and
// records when the change was made as the DATETIME changed: $now, or a
// microsecond after the previous change if the clock has not moved past it,
// so that changed moves forward with the version. The SET takes the write
// lock on the meta node and holds it until the transaction ends, so gapmap's
// writers run one at a time and every check later in the transaction reads
// data no other writer can change meanwhile.
MERGE (m:GapmapMeta {id: 'landscape'})
  ON CREATE SET m.version = 0
SET m.version = m.version + 1,
    m.changed = CASE
      WHEN m.changed IS NULL OR $now > m.changed THEN $now
      ELSE m.changed + duration({microseconds: 1})
    END
RETURN m.version AS version, m.changed AS changed
