import { collectDefaultMetrics, type Metric, Registry } from 'prom-client';
import type { HistoryWriterStats } from '../journal/history/history-writer';
import type { ExportCounts } from '../telemetry/export-health';
import { type MetricHead, sampledMetric, type ScrapedMetric } from './metric-object';
import { requestMetricObjects } from './request-metric-objects';
import type { RequestMetrics } from './request-metrics';

/** What the gateway's metrics are read from when scraped. */
export interface MetricSources {
  readonly serviceName: string;
  readonly requests: RequestMetrics;
  readonly history: { stats(): HistoryWriterStats };
  /** The span pipeline's counts since start-up; undefined while tracing is off. */
  spans(): ExportCounts | undefined;
  /** Uploads this node's journal knows to be in flight (the same number in every worker). */
  multipartUploadsInFlight(): number;
  readonly accessLog?: { stats(): { written: number; dropped: number } };
}

/**
 * One process's Prometheus registry (docs/metrics.md has every metric): the per-request metrics,
 * the journal's history queue, the span pipeline, multipart uploads, the access log, and
 * prom-client's default process metrics (CPU, memory, event loop lag, GC), each series labelled
 * with the service name.
 */
export function gatewayRegistry(sources: MetricSources): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: sources.serviceName });
  collectDefaultMetrics({ register: registry });
  const spans = (field: keyof ExportCounts) => (): number => sources.spans()?.[field] ?? 0;
  const historyStat = (name: string, help: string, type: MetricHead['type'], field: keyof HistoryWriterStats): ScrapedMetric =>
    sampledMetric({ name, help, type }, () => sources.history.stats()[field]);
  const metrics: ScrapedMetric[] = [
    ...requestMetricObjects(sources.requests),
    historyStat('tracegw_history_queued_rows', 'Operation history rows waiting to be written to the journal', 'gauge', 'queued'),
    historyStat('tracegw_history_written_rows_total', 'Operation history rows written to the journal', 'counter', 'written'),
    historyStat('tracegw_history_dropped_rows_total', 'Operation history rows dropped: the journal did not keep up, or was closed', 'counter', 'dropped'),
    historyStat('tracegw_history_failed_flushes_total', 'Batches of history rows whose write failed (retried later)', 'counter', 'failedFlushes'),
    sampledMetric({ name: 'tracegw_spans_exported_total', help: 'Spans delivered to the OTLP endpoint', type: 'counter' }, spans('exported')),
    sampledMetric({ name: 'tracegw_spans_dropped_total', help: 'Spans dropped because the export queue was full', type: 'counter' }, spans('dropped')),
    sampledMetric({ name: 'tracegw_span_export_failures_total', help: 'Spans the exporter failed to deliver', type: 'counter' }, spans('failed')),
    sampledMetric(
      { name: 'tracegw_multipart_uploads_in_flight', help: 'Multipart uploads created and neither completed nor aborted', type: 'gauge', aggregator: 'max' },
      () => sources.multipartUploadsInFlight(),
    ),
  ];
  if (sources.accessLog) {
    const accessLog = sources.accessLog;
    metrics.push(
      sampledMetric({ name: 'tracegw_access_log_lines_total', help: 'Lines written to the access log', type: 'counter' }, () => accessLog.stats().written),
      sampledMetric(
        { name: 'tracegw_access_log_dropped_lines_total', help: 'Access log lines dropped because the disk did not keep up', type: 'counter' },
        () => accessLog.stats().dropped,
      ),
    );
  }
  // prom-client's registries take any object with a name and get(); its typings want its classes.
  for (const metric of metrics) registry.registerMetric(metric as unknown as Metric);
  return registry;
}
