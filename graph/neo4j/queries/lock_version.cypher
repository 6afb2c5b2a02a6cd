// lock_version takes the write lock on the meta node without changing it (a
// property set and removed at once, the locking idiom of the Neo4j manual),
// so that no writer commits until this transaction ends. Landscape falls back
// to it when lock-free reads keep overlapping writes.
MATCH (m:GapmapMeta {id: 'landscape'})
SET m._lock = true
REMOVE m._lock
RETURN m.version AS version
