import type { OperationRecord } from '../journal/history/operation-record';
import { LATENCY_BOUNDS, OPERATION_LABELS, STATUS_CLASSES, UNRESOLVED_OPERATION } from './operation-labels';

/**
 * The per-request metrics, as flat arrays indexed by operation (and status class, or latency
 * bucket): what a request costs is one Map lookup and a few array increments, in the same
 * 'close' listener that queues its history row. prom-client's own counters would hash a labels
 * object into a string on every inc() and observe(); here labels exist only when scraped
 * (request-metric-objects.ts reads these arrays then).
 */
export class RequestMetrics {
  readonly operations = OPERATION_LABELS;
  /** requests[op * 5 + statusClass] */
  readonly requests: Float64Array;
  /** durationBuckets[op * (bounds + 1) + bucket]: per bucket, not cumulative; the last is +Inf. */
  readonly durationBuckets: Float64Array;
  readonly durationSeconds: Float64Array;
  readonly bytesIn: Float64Array;
  readonly bytesOut: Float64Array;
  private readonly indexOf: ReadonlyMap<string | null, number>;
  private readonly unresolved: number;
  private arrivals = 0;
  private closes = 0;

  constructor() {
    const count = this.operations.length;
    this.indexOf = new Map(this.operations.map((name, index) => [name, index]));
    this.unresolved = this.operations.indexOf(UNRESOLVED_OPERATION);
    this.requests = new Float64Array(count * STATUS_CLASSES.length);
    this.durationBuckets = new Float64Array(count * (LATENCY_BOUNDS.length + 1));
    this.durationSeconds = new Float64Array(count);
    this.bytesIn = new Float64Array(count);
    this.bytesOut = new Float64Array(count);
  }

  /** A request arrived (the recorder's call): in flight until its response closes. */
  arrived(): void {
    this.arrivals++;
  }

  /** The request's response closed: its row counted, from the fields its history row has. */
  enqueue(record: OperationRecord): void {
    this.closes++;
    const op = this.indexOf.get(record.operation) ?? this.unresolved;
    const hundreds = (record.httpStatus / 100) | 0;
    const statusClass = hundreds < 1 ? 0 : hundreds > 5 ? 4 : hundreds - 1;
    this.requests[op * 5 + statusClass]++;
    const seconds = record.durationMs / 1000;
    let bucket = 0;
    while (bucket < LATENCY_BOUNDS.length && seconds > LATENCY_BOUNDS[bucket]) bucket++;
    this.durationBuckets[op * (LATENCY_BOUNDS.length + 1) + bucket]++;
    this.durationSeconds[op] += seconds;
    this.bytesIn[op] += record.bytesIn;
    this.bytesOut[op] += record.bytesOut;
  }

  inFlight(): number {
    return this.arrivals - this.closes;
  }
}
