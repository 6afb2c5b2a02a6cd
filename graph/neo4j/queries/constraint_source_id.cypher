// constraint_source_id makes the ids of Source nodes unique (and indexed).
CREATE CONSTRAINT gapmap_source_id IF NOT EXISTS
FOR (n:Source) REQUIRE n.id IS UNIQUE
