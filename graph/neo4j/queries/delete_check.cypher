// delete_check returns what deleting node $id depends on: its version and
// labels, how many edges start or end at it, and one edge that cites it in
// its sources and does not touch it (a cascade removes those that do). No
// row: there is no node $id.
MATCH (n:Node {id: $id})
OPTIONAL MATCH (n)-[e]-()
WITH n, count(e) AS degree
OPTIONAL MATCH (a:Node)-[c]->(b:Node)
WHERE $id IN c.sources AND a <> n AND b <> n
WITH n, degree, collect(CASE WHEN c IS NULL THEN null ELSE [type(c), a.id, b.id] END) AS citing
RETURN n.version AS version, labels(n) AS labels, degree, head(citing) AS cited_by
