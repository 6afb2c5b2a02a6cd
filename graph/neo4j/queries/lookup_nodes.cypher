// lookup_nodes returns the labels and version of each of $ids that names a
// node; ids of no node return no row.
UNWIND $ids AS id
MATCH (n:Node {id: id})
USING INDEX n:Node(id)
RETURN n.id AS id, labels(n) AS labels, n.version AS version
