// history returns every revision of node $id, in no particular order.
MATCH (r:GapmapRevision {node_id: $id})
RETURN r AS revision
