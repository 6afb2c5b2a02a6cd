// index_revision_node_id indexes revisions by node id, so the history of a
// node is one index lookup.
CREATE INDEX gapmap_revision_node_id IF NOT EXISTS
FOR (r:GapmapRevision) ON (r.node_id)
