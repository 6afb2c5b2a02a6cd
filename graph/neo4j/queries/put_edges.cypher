// put_edges creates or replaces one edge per row of $rows: {type, from, to,
// props}. The caller has checked both ends, the sources and the type.
// Cypher 5 cannot take a relationship type from a value, so each type has
// its own FOREACH, and a test checks that they match graph.EdgeRules.
// Both ends are found by the unique index on :Node(id); the hints keep the
// plan from depending on the graph's statistics.
UNWIND $rows AS row
MATCH (a:Node {id: row.from})
USING INDEX a:Node(id)
MATCH (b:Node {id: row.to})
USING INDEX b:Node(id)
FOREACH (ignored IN CASE WHEN row.type = 'RUN_BY' THEN [1] ELSE [] END | MERGE (a)-[r:RUN_BY]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'MEETS' THEN [1] ELSE [] END | MERGE (a)-[r:MEETS]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'AT_STAGE' THEN [1] ELSE [] END | MERGE (a)-[r:AT_STAGE]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'COVERS' THEN [1] ELSE [] END | MERGE (a)-[r:COVERS]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'ACCEPTS' THEN [1] ELSE [] END | MERGE (a)-[r:ACCEPTS]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'SERVES' THEN [1] ELSE [] END | MERGE (a)-[r:SERVES]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'REFERS_TO' THEN [1] ELSE [] END | MERGE (a)-[r:REFERS_TO]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'ENTITLES' THEN [1] ELSE [] END | MERGE (a)-[r:ENTITLES]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'TRANSITIONS_TO' THEN [1] ELSE [] END | MERGE (a)-[r:TRANSITIONS_TO]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'HAS_STATUS' THEN [1] ELSE [] END | MERGE (a)-[r:HAS_STATUS]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'IN_REGION' THEN [1] ELSE [] END | MERGE (a)-[r:IN_REGION]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'SUBJECT_TO' THEN [1] ELSE [] END | MERGE (a)-[r:SUBJECT_TO]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'NEEDS' THEN [1] ELSE [] END | MERGE (a)-[r:NEEDS]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'PART_OF' THEN [1] ELSE [] END | MERGE (a)-[r:PART_OF]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'SOURCED_FROM' THEN [1] ELSE [] END | MERGE (a)-[r:SOURCED_FROM]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'CONCERNS' THEN [1] ELSE [] END | MERGE (a)-[r:CONCERNS]->(b) SET r = row.props)
FOREACH (ignored IN CASE WHEN row.type = 'STUDIES' THEN [1] ELSE [] END | MERGE (a)-[r:STUDIES]->(b) SET r = row.props)
RETURN count(*) AS put
