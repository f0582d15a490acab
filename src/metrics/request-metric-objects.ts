import { LATENCY_BOUNDS, STATUS_CLASSES } from './operation-labels';
import { type ScrapedMetric, type SeriesValue, sampledMetric, scrapedMetric } from './metric-object';
import type { RequestMetrics } from './request-metrics';

/**
 * The per-request metrics as Prometheus series, built from RequestMetrics' arrays when scraped.
 * Only operations that have been seen get series: 90 operations by 5 status classes and 20
 * buckets would be thousands of zeros.
 */
export function requestMetricObjects(metrics: RequestMetrics): ScrapedMetric[] {
  const { operations } = metrics;
  const classes = STATUS_CLASSES.length;
  const perOperation = (values: Float64Array, seen: (op: number) => boolean): SeriesValue[] =>
    operations.flatMap((operation, op) => (seen(op) ? [{ value: values[op], labels: { operation } }] : []));
  const countOf = (op: number): number => {
    let count = 0;
    for (let c = 0; c < classes; c++) count += metrics.requests[op * classes + c];
    return count;
  };
  const seen = (op: number): boolean => countOf(op) > 0;

  return [
    scrapedMetric({ name: 'tracegw_requests_total', help: 'Requests answered, by operation and HTTP status class', type: 'counter' }, () =>
      operations.flatMap((operation, op) =>
        STATUS_CLASSES.flatMap((statusClass, c) => {
          const value = metrics.requests[op * classes + c];
          return value > 0 ? [{ value, labels: { operation, status_class: statusClass } }] : [];
        }),
      ),
    ),
    scrapedMetric(
      { name: 'tracegw_request_duration_seconds', help: 'Time from arrival to the end of the response, by operation', type: 'histogram' },
      () => operations.flatMap((operation, op) => (seen(op) ? histogramSeries(metrics, operation, op, countOf(op)) : [])),
    ),
    scrapedMetric({ name: 'tracegw_received_bytes_total', help: 'Request body bytes received, by operation', type: 'counter' }, () =>
      perOperation(metrics.bytesIn, seen),
    ),
    scrapedMetric({ name: 'tracegw_sent_bytes_total', help: 'Response body bytes sent, by operation', type: 'counter' }, () =>
      perOperation(metrics.bytesOut, seen),
    ),
    sampledMetric({ name: 'tracegw_requests_in_flight', help: 'Requests arrived whose response has not closed yet', type: 'gauge' }, () =>
      metrics.inFlight(),
    ),
  ];
}

function histogramSeries(metrics: RequestMetrics, operation: string, op: number, count: number): SeriesValue[] {
  const name = 'tracegw_request_duration_seconds';
  const width = LATENCY_BOUNDS.length + 1;
  const series: SeriesValue[] = [];
  let cumulative = 0;
  for (let b = 0; b < width; b++) {
    cumulative += metrics.durationBuckets[op * width + b];
    series.push({ value: cumulative, labels: { operation, le: b < LATENCY_BOUNDS.length ? LATENCY_BOUNDS[b] : '+Inf' }, metricName: `${name}_bucket` });
  }
  series.push({ value: metrics.durationSeconds[op], labels: { operation }, metricName: `${name}_sum` });
  series.push({ value: count, labels: { operation }, metricName: `${name}_count` });
  return series;
}
