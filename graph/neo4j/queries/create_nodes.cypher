// create_nodes creates one node per row of $rows: {type, props}. The caller
// has checked that no id is taken and that row.type is a node type. Every
// node carries the label Node and the label of its type; Cypher 5 cannot set
// a label from a value, so each type has its own FOREACH, and a test checks
// that they match graph.NodeTypes.
UNWIND $rows AS row
CREATE (n:Node)
SET n = row.props
FOREACH (ignored IN CASE WHEN row.type = 'Organisation' THEN [1] ELSE [] END | SET n:Organisation)
FOREACH (ignored IN CASE WHEN row.type = 'Service' THEN [1] ELSE [] END | SET n:Service)
FOREACH (ignored IN CASE WHEN row.type = 'Need' THEN [1] ELSE [] END | SET n:Need)
FOREACH (ignored IN CASE WHEN row.type = 'Status' THEN [1] ELSE [] END | SET n:Status)
FOREACH (ignored IN CASE WHEN row.type = 'Exploitation' THEN [1] ELSE [] END | SET n:Exploitation)
FOREACH (ignored IN CASE WHEN row.type = 'Stage' THEN [1] ELSE [] END | SET n:Stage)
FOREACH (ignored IN CASE WHEN row.type = 'Region' THEN [1] ELSE [] END | SET n:Region)
FOREACH (ignored IN CASE WHEN row.type = 'Group' THEN [1] ELSE [] END | SET n:Group)
FOREACH (ignored IN CASE WHEN row.type = 'Source' THEN [1] ELSE [] END | SET n:Source)
FOREACH (ignored IN CASE WHEN row.type = 'Recommendation' THEN [1] ELSE [] END | SET n:Recommendation)
RETURN count(n) AS created
