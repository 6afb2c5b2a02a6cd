// constraint_status_id makes the ids of Status nodes unique (and indexed).
CREATE CONSTRAINT gapmap_status_id IF NOT EXISTS
FOR (n:Status) REQUIRE n.id IS UNIQUE
