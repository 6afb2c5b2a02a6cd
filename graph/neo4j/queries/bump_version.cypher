// bump_version is the first statement of every write transaction: it adds one
// to the landscape version, creating the meta node on the first write. The
// SET takes the write lock on the meta node and holds it until the
// transaction ends, so gapmap's writers run one at a time and every check
// later in the transaction reads data no other writer can change meanwhile.
MERGE (m:GapmapMeta {id: 'landscape'})
  ON CREATE SET m.version = 0
SET m.version = m.version + 1
RETURN m.version AS version
