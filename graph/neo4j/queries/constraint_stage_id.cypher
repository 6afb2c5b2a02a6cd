// constraint_stage_id makes the ids of Stage nodes unique (and indexed).
CREATE CONSTRAINT gapmap_stage_id IF NOT EXISTS
FOR (n:Stage) REQUIRE n.id IS UNIQUE
