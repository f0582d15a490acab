/** An event as a writer hands it to the EventStore. */
export interface NewEvent<D extends object = object> {
  /** Groups the events of one thing, e.g. `account:<access>`, so its history reads in one query. */
  streamId: string;
  type: string;
  /** Stored as JSON: only what survives JSON.stringify reaches projections. */
  data: D;
  /** The request that caused it, so an event leads back to its trace and operation row. */
  traceId?: string;
}

/** An event as stored: what projections apply, live and on replay alike. */
export interface StoredEvent<D = unknown> {
  seq: number;
  streamId: string;
  type: string;
  data: D;
  /** ISO-8601 UTC, set by the store when appended. */
  time: string;
  traceId?: string;
}
