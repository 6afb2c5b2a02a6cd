// delete_edges deletes the edge named by each row of $rows: {i, type, from,
// to}, and returns the i of each row whose edge it found. The start is
// found by the unique index on :Node(id) (constraint_node_id) and its edges
// are expanded from there; the hint and the WITH keep the planner from
// scanning the index and joining when the graph's statistics tempt it.
UNWIND $rows AS row
MATCH (a:Node {id: row.from})
USING INDEX a:Node(id)
WITH a, row
MATCH (a)-[r]->(b:Node)
WHERE b.id = row.to AND type(r) = row.type
DELETE r
RETURN row.i AS i
