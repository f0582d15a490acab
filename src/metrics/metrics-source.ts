import { AggregatorRegistry, type Registry } from 'prom-client';
import type { MetricSnapshot } from './metric-object';

/**
 * `node`: one set of series for the whole gateway, summed over its workers (what a Prometheus
 * job scrapes); `workers`: every series once per worker, with a `worker` label (1 to --workers).
 */
export type MetricsView = 'node' | 'workers';

/** Where /metrics gets its text: this process's registry, or the cluster's primary. */
export interface MetricsSource {
  scrape(view: MetricsView): Promise<string>;
}

/** One process's series, as prom-client's getMetricsAsJSON gives them (and IPC carries them). */
export interface ProcessMetrics {
  /** The worker's place, 1 to --workers; 1 for a gateway of one process. */
  readonly index: number;
  readonly metrics: MetricSnapshot[];
}

/** The gateway of one process: its registry is the node's, and its only worker's. */
export class LocalMetricsSource implements MetricsSource {
  constructor(private readonly registry: Registry) {}

  async scrape(view: MetricsView): Promise<string> {
    if (view === 'node') return this.registry.metrics();
    return perWorker([await processMetrics(this.registry, 1)]);
  }
}

export async function processMetrics(registry: Registry, index: number): Promise<ProcessMetrics> {
  return { index, metrics: (await registry.getMetricsAsJSON()) as unknown as MetricSnapshot[] };
}

/** Each series summed over the processes (or combined by the metric's own aggregator: max, first). */
export function summed(processes: readonly ProcessMetrics[]): Promise<string> {
  return AggregatorRegistry.aggregate(processes.map((p) => p.metrics) as never).metrics();
}

/** Each process's series, told apart by a `worker` label. */
export function perWorker(processes: readonly ProcessMetrics[]): Promise<string> {
  const labelled = processes.map(({ index, metrics }) =>
    metrics.map((metric) => ({ ...metric, values: metric.values.map((value) => ({ ...value, labels: { ...value.labels, worker: String(index) } })) })),
  );
  return AggregatorRegistry.aggregate(labelled as never).metrics();
}
