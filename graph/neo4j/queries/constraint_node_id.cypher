// constraint_node_id makes ids unique across the whole graph: every
// landscape node has the label Node.
CREATE CONSTRAINT gapmap_node_id IF NOT EXISTS
FOR (n:Node) REQUIRE n.id IS UNIQUE
