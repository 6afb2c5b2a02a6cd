// index_token_user_id indexes API tokens by user, for the account page.
CREATE INDEX gapmap_token_user_id IF NOT EXISTS
FOR (t:GapmapToken) ON (t.user_id)
