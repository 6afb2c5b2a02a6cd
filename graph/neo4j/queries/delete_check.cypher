// delete_check returns what deleting node $id depends on: its version and
// labels, and how many edges start or end at it. No row: there is no node
// $id. It reads the node through the id's uniqueness constraint and only
// its own relationships; a Source's citations are delete_cited_by's.
MATCH (n:Node {id: $id})
RETURN n.version AS version, labels(n) AS labels, COUNT { (n)--() } AS degree
