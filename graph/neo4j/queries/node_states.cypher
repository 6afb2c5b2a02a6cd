// node_states returns each of $ids that names a node, with the edges that
// start at it: the state the history records before and after a change.
// Ids of no node return no row.
UNWIND $ids AS id
MATCH (n:Node {id: id})
USING INDEX n:Node(id)
RETURN n AS node, [(n)-[r]->(b:Node) | {to: b.id, rel: r}] AS edges
