-- The operation history in segments: one table per range of ids, so that retention drops whole
-- tables (DROP TABLE frees their pages without touching a row) instead of deleting every row from
-- the table and its four indexes one by one, which cost as much as writing the row had.
--
-- A segment is the table operation_history_<segment>, made like operation_history_template below
-- (its statements from sqlite_master, the template's name replaced): the schema of a segment is
-- still made only here. src/journal/history/history-segments.ts creates the next one when the
-- current one is full (rows, or time since it was opened), and the pruner drops the oldest once
-- every row in it is past a retention limit. The catalog below records each segment and what
-- retention and the listings need to know of it without reading it.
--
-- Ids still come from AUTOINCREMENT, each segment's: when a segment is opened its counter
-- (sqlite_sequence) is set to go on from operation_history_next_id, the next id of the whole
-- history, which every batch moves on in its write transaction. So ids only grow, are never
-- reused (not even after every segment was dropped), and are contiguous within a segment.
--
-- The existing table becomes segment 1 as it is (renamed, rows, ids and indexes kept; no row is
-- copied), and new ids go on after the highest it ever gave (sqlite_sequence, which counts rows
-- pruned already too). `operation_history` becomes a view over every segment, for reading by
-- hand and by scripts; the gateway recreates it whenever it adds or drops a segment.

-- The columns of 0003 and the indexes of 0003 and 0005; never holds a row.
CREATE TABLE operation_history_template (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  trace_id       TEXT NOT NULL,
  request_id     TEXT NOT NULL,
  operation      TEXT,
  bucket         TEXT,
  object_key     TEXT,
  upload_id      TEXT,
  part_number    INTEGER,
  access_key     TEXT,
  role           TEXT,
  client_address TEXT,
  user_agent     TEXT,
  http_status    INTEGER NOT NULL,
  error_code     TEXT,
  bytes_in       INTEGER NOT NULL,
  bytes_out      INTEGER NOT NULL,
  started_at     INTEGER NOT NULL,
  duration_ms    REAL NOT NULL,
  auth_ms        REAL,
  backend_ms     REAL,
  completed      INTEGER NOT NULL CHECK (completed IN (0, 1))
) STRICT;
CREATE INDEX operation_history_template_by_start ON operation_history_template (started_at);
CREATE INDEX operation_history_template_by_trace ON operation_history_template ((id >> 12), trace_id);
CREATE INDEX operation_history_template_by_bucket ON operation_history_template (bucket, started_at);
CREATE INDEX operation_history_template_by_account ON operation_history_template (access_key, started_at);

CREATE TABLE operation_history_segments (
  -- AUTOINCREMENT: a segment number, hence a table name, is never reused.
  segment        INTEGER PRIMARY KEY AUTOINCREMENT,
  -- The segment holds ids first_id up to last_id (NULL while it is empty).
  first_id       INTEGER NOT NULL UNIQUE,
  last_id        INTEGER,
  -- Epoch ms at which the segment was opened (time-based rollover).
  opened_at      INTEGER NOT NULL,
  -- The range of started_at over its rows (NULL while empty): age retention and time windows.
  min_started_at INTEGER,
  max_started_at INTEGER
) STRICT;

CREATE TABLE operation_history_next_id (
  only    INTEGER PRIMARY KEY CHECK (only = 1),
  next_id INTEGER NOT NULL
) STRICT;

INSERT INTO operation_history_next_id (only, next_id)
  SELECT 1, max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'operation_history'), 0),
                 coalesce((SELECT max(id) FROM operation_history), 0)) + 1;

INSERT INTO operation_history_segments (segment, first_id, last_id, opened_at, min_started_at, max_started_at)
  SELECT 1, coalesce(min(id), (SELECT next_id FROM operation_history_next_id)), max(id),
         coalesce(min(started_at), CAST(unixepoch('subsec') * 1000 AS INTEGER)), min(started_at), max(started_at)
  FROM operation_history;

ALTER TABLE operation_history RENAME TO operation_history_1;

CREATE VIEW operation_history AS SELECT * FROM operation_history_1;
