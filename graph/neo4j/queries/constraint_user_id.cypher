// constraint_user_id makes the ids of users unique (and indexed).
CREATE CONSTRAINT gapmap_user_id IF NOT EXISTS
FOR (u:GapmapUser) REQUIRE u.id IS UNIQUE
