import type { OperationRecord } from '../../../src/journal/history/operation-record';
import { gatewayRegistry, type MetricSources } from '../../../src/metrics/gateway-registry';
import { perWorker, processMetrics, summed } from '../../../src/metrics/metrics-source';
import { RequestMetrics } from '../../../src/metrics/request-metrics';
import { parsePrometheusText, samplesOf, valueOf } from '../../e2e/support/prometheus-text';

function row(operation: string | null, httpStatus: number, durationMs: number, bytes = { bytesIn: 0, bytesOut: 0 }): OperationRecord {
  return {
    traceId: '',
    requestId: '',
    operation,
    bucket: null,
    key: null,
    uploadId: null,
    partNumber: null,
    accessKey: null,
    role: null,
    clientAddress: null,
    userAgent: null,
    httpStatus,
    errorCode: null,
    ...bytes,
    startedAt: 0,
    durationMs,
    authMs: null,
    backendMs: null,
    completed: true,
  };
}

function sources(requests: RequestMetrics, overrides: Partial<MetricSources> = {}): MetricSources {
  return {
    serviceName: 'unit',
    requests,
    history: { stats: () => ({ written: 40, dropped: 2, queued: 3, failedFlushes: 1 }) },
    spans: () => ({ exported: 50, dropped: 6, failed: 7 }),
    multipartUploadsInFlight: () => 4,
    accessLog: { stats: () => ({ written: 9, dropped: 8 }) },
    ...overrides,
  };
}

describe('the gateway registry', () => {
  it('counts each row under its operation and status class, its duration in the first bucket at or above it', async () => {
    const requests = new RequestMetrics();
    for (const [operation, status, ms] of [
      ['GetObject', 200, 0.1],
      ['GetObject', 206, 0.3],
      ['GetObject', 404, 7],
      ['PutObject', 503, 40_000],
      [null, 400, 1],
      ['NoSuchOperation', 100, 1],
      ['PutObject', 600, 1],
    ] as const) {
      requests.arrived();
      requests.enqueue(row(operation, status, ms, { bytesIn: 10, bytesOut: 5 }));
    }
    requests.arrived();
    const samples = parsePrometheusText(await gatewayRegistry(sources(requests)).metrics());
    const count = (operation: string, status_class: string) => valueOf(samples, 'tracegw_requests_total', { operation, status_class });
    expect([count('GetObject', '2xx'), count('GetObject', '4xx'), count('PutObject', '5xx')]).toEqual([2, 1, 2]);
    // Never resolved, or a name outside the table: one label for both.
    expect([count('unresolved', '4xx'), count('unresolved', '1xx')]).toEqual([1, 1]);
    const le = (operation: string, bound: string) => valueOf(samples, 'tracegw_request_duration_seconds_bucket', { operation, le: bound });
    // 0.1 ms is at the first bound (le means "at most"), 0.3 ms above 0.25 ms.
    expect([le('GetObject', '0.0001'), le('GetObject', '0.00025'), le('GetObject', '0.0005'), le('GetObject', '0.005'), le('GetObject', '0.01')]).toEqual([1, 1, 2, 2, 3]);
    expect([le('PutObject', '30'), le('PutObject', '60'), le('PutObject', '+Inf')]).toEqual([1, 2, 2]);
    expect(valueOf(samples, 'tracegw_request_duration_seconds_sum', { operation: 'GetObject' })).toBeCloseTo(0.0074, 6);
    expect(valueOf(samples, 'tracegw_received_bytes_total', { operation: 'GetObject' })).toBe(30);
    expect(valueOf(samples, 'tracegw_sent_bytes_total', { operation: 'PutObject' })).toBe(10);
    expect(valueOf(samples, 'tracegw_requests_in_flight')).toBe(1);
    expect(samplesOf(samples, 'tracegw_requests_total', { operation: 'HeadObject' })).toEqual([]);
  });

  it('reads the history queue, the span pipeline, multipart uploads and the access log when scraped', async () => {
    const samples = parsePrometheusText(await gatewayRegistry(sources(new RequestMetrics())).metrics());
    expect(valueOf(samples, 'tracegw_history_queued_rows', { service: 'unit' })).toBe(3);
    expect(valueOf(samples, 'tracegw_history_written_rows_total')).toBe(40);
    expect(valueOf(samples, 'tracegw_history_dropped_rows_total')).toBe(2);
    expect(valueOf(samples, 'tracegw_history_failed_flushes_total')).toBe(1);
    expect(valueOf(samples, 'tracegw_spans_exported_total')).toBe(50);
    expect(valueOf(samples, 'tracegw_spans_dropped_total')).toBe(6);
    expect(valueOf(samples, 'tracegw_span_export_failures_total')).toBe(7);
    expect(valueOf(samples, 'tracegw_multipart_uploads_in_flight')).toBe(4);
    expect(valueOf(samples, 'tracegw_access_log_lines_total')).toBe(9);
    expect(valueOf(samples, 'tracegw_access_log_dropped_lines_total')).toBe(8);
  });

  it('sums the workers, except what each reads from the shared journal, and labels them per worker', async () => {
    const workers = [1, 2].map((index) => {
      const requests = new RequestMetrics();
      for (let i = 0; i < index; i++) requests.enqueue(row('GetObject', 200, 1));
      return processMetrics(gatewayRegistry(sources(requests)), index);
    });
    const processes = await Promise.all(workers);
    const node = parsePrometheusText(await summed(processes));
    expect(valueOf(node, 'tracegw_requests_total', { operation: 'GetObject', status_class: '2xx' })).toBe(3);
    expect(valueOf(node, 'tracegw_request_duration_seconds_bucket', { operation: 'GetObject', le: '+Inf' })).toBe(3);
    expect(valueOf(node, 'tracegw_history_written_rows_total')).toBe(80);
    expect(valueOf(node, 'tracegw_multipart_uploads_in_flight')).toBe(4);
    const each = parsePrometheusText(await perWorker(processes));
    expect(samplesOf(each, 'tracegw_requests_total').map((s) => [s.labels.worker, s.value])).toEqual([
      ['1', 1],
      ['2', 2],
    ]);
  });
});
