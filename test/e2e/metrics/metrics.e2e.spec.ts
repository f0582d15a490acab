import { connect } from 'node:net';
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { listenAdminPort, type AdminListener } from '../../../src/admin/admin-listener';
import type { ExtraListener } from '../../../src/server/listen-server';
import { listenMetricsPort } from '../../../src/server/metrics-listener';
import { RunningGateway, startGateway } from '../support/gateway';
import { parsePrometheusText, samplesOf, valueOf, type Sample } from '../support/prometheus-text';
import { errorStatus } from '../support/s3-error-code';

describe('/metrics (real gateway, --metrics-port and --admin-port)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  let metricsPort: ExtraListener;
  let admin: AdminListener;

  async function scrape(port = metricsPort.address.port, path = '/metrics'): Promise<Sample[]> {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parsePrometheusText(await response.text());
  }

  beforeAll(async () => {
    gw = await startGateway(() => ({ metrics: { port: { host: '127.0.0.1', port: 0 }, serviceName: 'node-a' } }));
    const source = gw.gateway.metrics!.source;
    metricsPort = await listenMetricsPort({ host: '127.0.0.1', port: 0 }, source);
    admin = await listenAdminPort(gw.gateway.app.getHttpAdapter().getInstance(), { host: '127.0.0.1', port: 0 }, undefined, source);
    s3 = gw.s3();
  });
  afterAll(async () => {
    await metricsPort?.close();
    await admin?.close();
    await gw?.stop();
  });

  it('counts requests by operation and status class, bytes in and out, and latency, as the requests imply', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'metered' }));
    for (const [key, size] of [['a', 10], ['b', 20], ['c', 30]] as const) {
      await s3.send(new PutObjectCommand({ Bucket: 'metered', Key: key, Body: 'x'.repeat(size) }));
    }
    for (const key of ['a', 'b']) await (await s3.send(new GetObjectCommand({ Bucket: 'metered', Key: key }))).Body?.transformToString();
    expect(await errorStatus(s3.send(new HeadObjectCommand({ Bucket: 'metered', Key: 'missing' })))).toBe(404);

    const samples = await scrape();
    const service = { service: 'node-a' };
    expect(valueOf(samples, 'tracegw_requests_total', { ...service, operation: 'CreateBucket', status_class: '2xx' })).toBe(1);
    expect(valueOf(samples, 'tracegw_requests_total', { operation: 'PutObject', status_class: '2xx' })).toBe(3);
    expect(valueOf(samples, 'tracegw_requests_total', { operation: 'GetObject', status_class: '2xx' })).toBe(2);
    expect(valueOf(samples, 'tracegw_requests_total', { operation: 'HeadObject', status_class: '4xx' })).toBe(1);
    expect(samplesOf(samples, 'tracegw_requests_total', { operation: 'HeadObject', status_class: '2xx' })).toEqual([]);
    expect(valueOf(samples, 'tracegw_received_bytes_total', { operation: 'PutObject' })).toBe(60);
    expect(valueOf(samples, 'tracegw_sent_bytes_total', { operation: 'GetObject' })).toBe(30);

    // The histogram: cumulative buckets ending at +Inf with every request, a count and a sum.
    const buckets = samplesOf(samples, 'tracegw_request_duration_seconds_bucket', { operation: 'PutObject' });
    expect(buckets.at(-1)?.labels.le).toBe('+Inf');
    expect(buckets.at(-1)?.value).toBe(3);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i].value).toBeGreaterThanOrEqual(buckets[i - 1].value);
    expect(Number(buckets[0].labels.le)).toBe(0.0001);
    expect(valueOf(samples, 'tracegw_request_duration_seconds_count', { operation: 'PutObject' })).toBe(3);
    expect(valueOf(samples, 'tracegw_request_duration_seconds_sum', { operation: 'PutObject' })).toBeGreaterThan(0);

    expect(valueOf(samples, 'tracegw_requests_in_flight')).toBe(0);
    expect(valueOf(samples, 'tracegw_history_dropped_rows_total')).toBe(0);
    expect(valueOf(samples, 'tracegw_history_queued_rows') + valueOf(samples, 'tracegw_history_written_rows_total')).toBe(7);
    // Tracing is off: the span counters are there, at 0.
    expect(valueOf(samples, 'tracegw_spans_dropped_total')).toBe(0);
    expect(valueOf(samples, 'tracegw_span_export_failures_total')).toBe(0);
    // prom-client's process metrics, with the service label too.
    expect(valueOf(samples, 'process_cpu_user_seconds_total', service)).toBeGreaterThan(0);
  });

  it('shows a request in flight while its body is still arriving', async () => {
    const url = new URL(await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'metered', Key: 'slow' }), { expiresIn: 60 }));
    const socket = connect(gw.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const answered = new Promise<string>((resolve) => socket.once('data', (chunk) => resolve(chunk.toString('latin1'))));
    socket.write(`PUT ${url.pathname}${url.search} HTTP/1.1\r\nHost: 127.0.0.1:${gw.port}\r\nContent-Length: 4\r\n\r\nab`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(valueOf(await scrape(), 'tracegw_requests_in_flight')).toBe(1);
    socket.write('cd');
    expect(await answered).toMatch(/^HTTP\/1\.1 200/);
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(valueOf(await scrape(), 'tracegw_requests_in_flight')).toBe(0);
  });

  it('counts multipart uploads in flight from the journal', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'metered', Key: 'big' }));
    expect(valueOf(await scrape(), 'tracegw_multipart_uploads_in_flight')).toBe(1);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'metered', Key: 'big', UploadId }));
    expect(valueOf(await scrape(), 'tracegw_multipart_uploads_in_flight')).toBe(0);
  });

  it('serves the same on the admin port, per worker at /metrics/workers, and nothing else on the metrics port', async () => {
    const onAdmin = await scrape(admin.address.port);
    const onMetricsPort = await scrape();
    const puts = { operation: 'PutObject', status_class: '2xx' };
    expect(valueOf(onAdmin, 'tracegw_requests_total', puts)).toBe(valueOf(onMetricsPort, 'tracegw_requests_total', puts));
    const perWorker = await scrape(metricsPort.address.port, '/metrics/workers');
    expect(valueOf(perWorker, 'tracegw_requests_total', { ...puts, worker: '1' })).toBe(valueOf(onMetricsPort, 'tracegw_requests_total', puts));
    expect((await fetch(`http://127.0.0.1:${metricsPort.address.port}/other`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metricsPort.address.port}/metrics`, { method: 'POST' })).status).toBe(404);
    // Scrapes are not requests of the gateway: no history row, no count.
    expect(samplesOf(onMetricsPort, 'tracegw_requests_total', { operation: 'unresolved' })).toEqual([]);
  });
});
