-- The operation history summed per minute and operation, for the admin summary (the console's
-- charts): a window of whole minutes reads one row per minute and operation instead of every
-- history row in it (docs/console.md). src/journal/history/history-minutes.ts adds each batch of
-- rows into it in the batch's own write transaction, so it always holds exactly the rows written,
-- also with --workers > 1 (each batch merges into the minute's row under the write lock); the
-- pruner deletes its minutes once they are older than every row left (docs/journal.md).

CREATE TABLE operation_history_minutes (
  -- Epoch minutes: started_at / 60000, rounded down.
  minute    INTEGER NOT NULL,
  -- As operation_history.operation: NULL groups the requests refused before their operation was known.
  operation TEXT,
  count     INTEGER NOT NULL,
  -- Responses with an HTTP status of 400 or more.
  errors    INTEGER NOT NULL,
  bytes_in  INTEGER NOT NULL,
  bytes_out INTEGER NOT NULL,
  -- The durations by log-spaced bucket (src/journal/history/latency-buckets.ts: bucket 0 up to
  -- 0.001 ms, bucket i up to 0.001 * 1.02^i ms), one 6-byte entry per bucket holding a duration,
  -- in bucket order: the bucket's index (2 bytes) then its count (4 bytes), big-endian.
  latency   BLOB NOT NULL
) STRICT;

-- One row per minute and operation, NULL included (a plain UNIQUE treats NULLs as distinct); the
-- summary reads a range of minutes through it.
CREATE UNIQUE INDEX operation_history_minutes_by_minute ON operation_history_minutes (minute, ifnull(operation, ''));

-- The rows already in the history, through the view over every segment. The bucket expression is
-- LATENCY_BUCKET_SQL of latency-buckets.ts, letter for letter (named latency_bucket: the history
-- has a column `bucket`, the S3 bucket, which GROUP BY would take first).
INSERT INTO operation_history_minutes (minute, operation, count, errors, bytes_in, bytes_out, latency)
  SELECT minute, operation, sum(n), sum(errors), sum(bytes_in), sum(bytes_out),
         unhex(group_concat(printf('%04X%08X', latency_bucket, n), '' ORDER BY latency_bucket))
  FROM (
    SELECT started_at / 60000 AS minute, operation,
           CASE WHEN duration_ms > 0.001 THEN min(2047, CAST(ceil(ln(duration_ms / 0.001) / ln(1.02)) AS INTEGER)) ELSE 0 END AS latency_bucket,
           count(*) AS n, sum(http_status >= 400) AS errors, sum(bytes_in) AS bytes_in, sum(bytes_out) AS bytes_out
    FROM operation_history
    GROUP BY minute, operation, latency_bucket
  )
  GROUP BY minute, operation;
