// constraint_need_id makes the ids of Need nodes unique (and indexed).
CREATE CONSTRAINT gapmap_need_id IF NOT EXISTS
FOR (n:Need) REQUIRE n.id IS UNIQUE
