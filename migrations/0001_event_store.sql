-- The event store: the only record of state that must survive a restart (accounts, multipart
-- uploads). Every other table holding such state is a projection of these rows and can be
-- rebuilt from them, so rows here are never changed or removed.

CREATE TABLE events (
  -- AUTOINCREMENT: a seq is never reused, so "replayed up to seq N" always means the same events.
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id TEXT NOT NULL CHECK (stream_id <> ''),
  type      TEXT NOT NULL CHECK (type <> ''),
  -- TEXT, not a JSON column type: SQLite would give "JSON" numeric affinity and turn '42' into 42.
  data      TEXT NOT NULL CHECK (json_valid(data) AND json_type(data) = 'object'),
  time      TEXT NOT NULL,
  trace_id  TEXT
) STRICT;

CREATE INDEX events_by_stream ON events (stream_id, seq);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: UPDATE is not allowed');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: DELETE is not allowed');
END;
