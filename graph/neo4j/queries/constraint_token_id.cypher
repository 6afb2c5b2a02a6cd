// constraint_token_id makes the ids of API tokens unique (and indexed).
CREATE CONSTRAINT gapmap_token_id IF NOT EXISTS
FOR (t:GapmapToken) REQUIRE t.id IS UNIQUE
