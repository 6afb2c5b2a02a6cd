// index_session_user_id indexes sessions by user, so that disabling a user
// ends the user's sessions with one index lookup.
CREATE INDEX gapmap_session_user_id IF NOT EXISTS
FOR (s:GapmapSession) ON (s.user_id)
