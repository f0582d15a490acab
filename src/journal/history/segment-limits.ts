import { DEFAULT_HISTORY } from '../../config/gateway-config';
import type { HistoryRetention } from './history-pruner';

/** When the writer closes the current segment and opens the next. */
export interface SegmentLimits {
  /** Ids a segment holds before the next batch opens a new one (it may overshoot by one batch). */
  rows: number;
  /** Ms after its opening at which a segment takes no more rows; Infinity: no time limit. */
  spanMs: number;
}

/**
 * Retention drops whole segments, so a segment is a fraction of each limit: the history keeps at
 * most one segment more than its limits allow, 1/16 of them. Bounds: a segment of fewer rows than
 * a batch would open a table per batch; one of more than a million makes each drop a long pause.
 */
export const SEGMENTS_PER_LIMIT = 16;
export const MIN_SEGMENT_ROWS = 1000;
export const MAX_SEGMENT_ROWS = 1 << 20;

export function segmentLimitsFor(retention: HistoryRetention): SegmentLimits {
  const rows = retention.maxRows > 0 ? Math.ceil(retention.maxRows / SEGMENTS_PER_LIMIT) : MAX_SEGMENT_ROWS;
  return {
    rows: Math.min(MAX_SEGMENT_ROWS, Math.max(MIN_SEGMENT_ROWS, rows)),
    spanMs: retention.maxAgeMs > 0 ? Math.ceil(retention.maxAgeMs / SEGMENTS_PER_LIMIT) : Infinity,
  };
}

/** The gateway's default retention (30 days, a million rows): 62,500 rows or 45 hours. */
export const DEFAULT_SEGMENT_LIMITS: SegmentLimits = Object.freeze(segmentLimitsFor(DEFAULT_HISTORY));
