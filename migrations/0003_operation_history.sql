-- The operation history: one row per S3 or admin request, success or failure, written in batches
-- by src/journal/history/history-writer.ts after the response has gone out. Not event-sourced and
-- not a projection: it is a log that retention prunes (by age and by row count), so rows here are
-- deleted from the oldest end and never updated.

CREATE TABLE operation_history (
  -- AUTOINCREMENT: an id is never reused after pruning, so an id in a script or a ticket keeps
  -- naming the same request (or none).
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  trace_id       TEXT NOT NULL,
  request_id     TEXT NOT NULL,
  -- NULL when the request was refused before its operation could be told (bad URI, bad method).
  operation      TEXT,
  bucket         TEXT,
  object_key     TEXT,
  upload_id      TEXT,
  part_number    INTEGER,
  -- The access key the request was signed with (also when the signature did not verify);
  -- role only once the signature verified.
  access_key     TEXT,
  role           TEXT,
  client_address TEXT,
  user_agent     TEXT,
  http_status    INTEGER NOT NULL,
  -- S3's error code (or the admin API's) when the response was an error.
  error_code     TEXT,
  bytes_in       INTEGER NOT NULL,
  bytes_out      INTEGER NOT NULL,
  -- Epoch milliseconds: compared and pruned as integers, shown as ISO-8601 by the admin API.
  started_at     INTEGER NOT NULL,
  duration_ms    REAL NOT NULL,
  auth_ms        REAL,
  backend_ms     REAL,
  -- 0 when the connection closed before the whole response was sent.
  completed      INTEGER NOT NULL CHECK (completed IN (0, 1))
) STRICT;

-- Newest-first listing, time windows (summary) and pruning by age; the rowid (id) closes each
-- index entry, so (started_at, id) cursors walk it without sorting.
CREATE INDEX operation_history_by_start ON operation_history (started_at);
CREATE INDEX operation_history_by_trace ON operation_history (trace_id);
CREATE INDEX operation_history_by_bucket ON operation_history (bucket, started_at);
CREATE INDEX operation_history_by_account ON operation_history (access_key, started_at);
