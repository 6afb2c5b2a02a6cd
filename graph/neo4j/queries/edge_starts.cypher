// edge_starts returns the id of every node with an edge to one of $ids: the
// nodes whose outgoing edges a cascading delete of those ids may remove. The
// target is found by the unique index on :Node(id) (constraint_node_id) and
// its edges are expanded from there; the hint keeps the planner from
// scanning the whole label when the graph's statistics tempt it.
UNWIND $ids AS id
MATCH (b:Node {id: id})
USING INDEX b:Node(id)
MATCH (a:Node)-->(b)
RETURN DISTINCT a.id AS id
