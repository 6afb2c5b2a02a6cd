// delete_edges deletes the edge named by each row of $rows: {i, type, from,
// to}, and returns the i of each row whose edge it found.
UNWIND $rows AS row
MATCH (a:Node {id: row.from})-[r]->(b:Node {id: row.to})
WHERE type(r) = row.type
DELETE r
RETURN row.i AS i
