-- Projection of the multipart events (src/multipart/uploads.projection.ts): the uploads this node
-- knows to be in flight, and their parts. Derived data: EventStore.rebuildProjections() empties
-- and refills it from the events table. The part data itself stays in the buckets' .sgwtmp, and
-- the file system is the truth for it: several gateways may share it, so this is this node's
-- view, brought in line with the file system by start-up recovery.

CREATE TABLE multipart_uploads (
  bucket             TEXT NOT NULL,
  key                TEXT NOT NULL,
  upload_id          TEXT NOT NULL,
  -- ISO-8601 UTC, when the upload began (as the file system dates its directory).
  initiated          TEXT NOT NULL,
  checksum_algorithm TEXT,
  checksum_type      TEXT,
  -- 'request': created through this node; 'recovery': found on the file system at start-up;
  -- 'part': first heard of through one of its parts (created through another gateway).
  origin             TEXT NOT NULL,
  created_seq        INTEGER NOT NULL,
  updated_seq        INTEGER NOT NULL,
  updated_at         TEXT NOT NULL,
  PRIMARY KEY (bucket, key, upload_id)
) STRICT, WITHOUT ROWID;

-- The sweep and the admin API read uploads oldest first.
CREATE INDEX multipart_uploads_by_initiated ON multipart_uploads (initiated);

CREATE TABLE multipart_parts (
  bucket             TEXT NOT NULL,
  key                TEXT NOT NULL,
  upload_id          TEXT NOT NULL,
  part_number        INTEGER NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
  -- Hex MD5, without quotes.
  etag               TEXT NOT NULL,
  size               INTEGER NOT NULL CHECK (size >= 0),
  checksum_algorithm TEXT,
  checksum_value     TEXT,
  origin             TEXT NOT NULL,
  seq                INTEGER NOT NULL,
  uploaded_at        TEXT NOT NULL,
  PRIMARY KEY (bucket, key, upload_id, part_number),
  FOREIGN KEY (bucket, key, upload_id) REFERENCES multipart_uploads (bucket, key, upload_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
