import type { Registry } from 'prom-client';
import type { GatewayConfig } from '../config/gateway-config';
import { gatewayRegistry, type MetricSources } from './gateway-registry';
import { LocalMetricsSource, type MetricsSource } from './metrics-source';
import { RequestMetrics } from './request-metrics';

export interface GatewayMetrics {
  /** The recording sink: counts each request as its history row is queued. */
  readonly requests: RequestMetrics;
  readonly registry: Registry;
  /** What /metrics answers from: this registry, or in a cluster worker the primary's sums. */
  readonly source: MetricsSource;
}

/** Metrics are recorded only where something serves them: --admin-port or --metrics-port. */
export function metricsServed(config: GatewayConfig): boolean {
  return config.metrics !== undefined && (config.adminPort !== undefined || config.metrics.port !== undefined);
}

export function openGatewayMetrics(sources: Omit<MetricSources, 'requests'>, sourceOf: (registry: Registry) => MetricsSource = (r) => new LocalMetricsSource(r)): GatewayMetrics {
  const requests = new RequestMetrics();
  const registry = gatewayRegistry({ ...sources, requests });
  return { requests, registry, source: sourceOf(registry) };
}
