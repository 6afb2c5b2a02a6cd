// load_nodes returns every node of the landscape, with its labels.
MATCH (n:Node)
RETURN n AS node
