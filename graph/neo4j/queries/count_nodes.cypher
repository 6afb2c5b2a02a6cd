// count_nodes returns the number of landscape nodes (from the count store).
MATCH (n:Node)
RETURN count(n) AS nodes
