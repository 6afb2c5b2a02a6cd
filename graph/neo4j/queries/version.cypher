// version returns the landscape version kept on the meta node (0 until the
// first write creates it) and when it last changed (null until then, or for
// a database last written before gapmap recorded it). One index lookup, so
// instances can poll it.
OPTIONAL MATCH (m:GapmapMeta {id: 'landscape'})
RETURN coalesce(m.version, 0) AS version, m.changed AS changed
