// load_edges returns every edge of the landscape with the ids of its ends.
MATCH (a:Node)-[r]->(b:Node)
RETURN a.id AS from_id, r AS rel, b.id AS to_id
