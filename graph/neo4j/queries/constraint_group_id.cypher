// constraint_group_id makes the ids of Group nodes unique (and indexed).
CREATE CONSTRAINT gapmap_group_id IF NOT EXISTS
FOR (n:Group) REQUIRE n.id IS UNIQUE
