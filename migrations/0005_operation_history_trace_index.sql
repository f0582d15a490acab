-- The trace-id index of 0003 (trace_id alone) put every new row's entry at a random place in the
-- index: trace ids are random. Once the history holds about a million rows that index no longer
-- fits SQLite's page cache, and each row written dirtied one index page of its own: 4 KiB to the
-- WAL, and again at the checkpoint, for a row of about 300 bytes with its index entries. Writing
-- the history cost several times what it did on an empty journal.
--
-- This index leads with the row's generation, its id divided by 4096 (ids only grow), so a batch
-- of new rows lands in the last few pages of the index, sorted by trace id within its generation.
-- A lookup by trace id probes each generation between the smallest and the largest id (about 250
-- probes for a million rows, well under a millisecond; HistoryRepository writes that query, and
-- its SQL must spell the expression exactly as here for SQLite to use this index).
--
-- Existing rows are kept; building the new index reads the table once, at the first start-up
-- (about a second for a million rows).

DROP INDEX operation_history_by_trace;
CREATE INDEX operation_history_by_trace ON operation_history ((id >> 12), trace_id);
