// update_nodes replaces the properties of one node per row of $rows:
// {id, version, props}. The version check is part of the write, so a node
// changed since the caller read it is left alone and not counted.
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
USING INDEX n:Node(id)
WHERE n.version = row.version
SET n = row.props
RETURN count(n) AS updated
