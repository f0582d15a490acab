-- Console sessions signed out before they expired (docs/console.md). A session token is not
-- stored anywhere (it is verified by its MAC), so signing out records its id, the token's nonce,
-- here, in the journal every worker and every gateway on this file shares: the token is then
-- refused by all of them. A row is kept until the token would have expired anyway, and rows past
-- that are removed at the next sign-out.
CREATE TABLE console_signed_out_sessions (
  session_id TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
