// delete_cited_by returns one edge that cites Source $id in its sources and
// does not touch it (a cascade removes those that do). No row: none does.
// Edges cite only Sources, so only deleting a Source runs it, and neither
// the edit pages nor the API delete one. No index serves membership in a
// list property of relationships: it reads every relationship between Nodes.
MATCH (a:Node)-[c]->(b:Node)
WHERE $id IN c.sources AND a.id <> $id AND b.id <> $id
WITH a, c, b LIMIT 1
RETURN [type(c), a.id, b.id] AS cited_by
