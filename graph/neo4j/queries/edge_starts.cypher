// edge_starts returns the id of every node with an edge to one of $ids: the
// nodes whose outgoing edges a cascading delete of those ids may remove.
UNWIND $ids AS id
MATCH (a:Node)-->(:Node {id: id})
RETURN DISTINCT a.id AS id
