// create_revisions creates one revision node per row of $rows: {node_id,
// landscape_version, version, time, actor, reason} and, when there is one,
// revived (true), before, after, edges_before and edges_after (JSON
// strings). Revisions
// have no Node label: they are not part of the landscape.
UNWIND $rows AS row
CREATE (r:GapmapRevision)
SET r = row
RETURN count(r) AS created
