// delete_node deletes node $id with its edges if it is at $version.
MATCH (n:Node {id: $id})
WHERE n.version = $version
DETACH DELETE n
RETURN count(*) AS deleted
