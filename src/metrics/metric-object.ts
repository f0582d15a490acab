import type { Aggregator } from 'prom-client';

/** One series of a metric as prom-client's registries read it (and send between cluster processes). */
export interface SeriesValue {
  value: number;
  labels: Record<string, string | number>;
  /** For a histogram's `_bucket`, `_sum` and `_count` lines. */
  metricName?: string;
}

export interface MetricSnapshot {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  aggregator: Aggregator;
  values: SeriesValue[];
}

/**
 * A metric that prom-client's Registry renders and AggregatorRegistry sums across workers without
 * being one of prom-client's classes: it only needs `name`, and `get()` for its series. Ours read
 * counters kept elsewhere (arrays, the history writer's stats) at scrape time.
 */
export interface ScrapedMetric {
  readonly name: string;
  get(): MetricSnapshot;
}

export interface MetricHead {
  name: string;
  help: string;
  type: MetricSnapshot['type'];
  /** How the primary combines the workers' values: 'sum' unless every worker sees the same thing. */
  aggregator?: Aggregator;
}

export function scrapedMetric(head: MetricHead, values: () => SeriesValue[]): ScrapedMetric {
  const { name, help, type, aggregator = 'sum' } = head;
  return { name, get: () => ({ name, help, type, aggregator, values: values() }) };
}

/** A metric of one unlabelled value, read when scraped. */
export function sampledMetric(head: MetricHead, read: () => number): ScrapedMetric {
  return scrapedMetric(head, () => [{ value: read(), labels: {} }]);
}
