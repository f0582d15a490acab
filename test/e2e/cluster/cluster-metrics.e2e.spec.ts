import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type ChildGateway, freePort, spawnGateway } from '../support/child-gateway';
import { parsePrometheusText, samplesOf, valueOf, type Sample } from '../support/prometheus-text';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';
import { freshConnectionsClient } from './cluster-support';

async function scrape(port: number, path = '/metrics'): Promise<Sample[]> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  expect(response.status).toBe(200);
  return parsePrometheusText(await response.text());
}

// The built gateway with --workers 2: a scrape lands on one process, yet sees the whole node.
describe('/metrics with --workers 2 (the built gateway, child processes)', () => {
  let root: string;
  let child: ChildGateway;
  let client: S3Client;
  let adminPort: number;
  let metricsPort: number;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tracegw-cluster-metrics-'));
    adminPort = await freePort();
    metricsPort = await freePort();
    while (metricsPort === adminPort) metricsPort = await freePort();
    child = await spawnGateway(
      root,
      ['--admin-port', `127.0.0.1:${adminPort}`, '--metrics-port', `127.0.0.1:${metricsPort}`, '--metrics-service-name', 'node-b'],
      { workers: 2 },
    );
    client = freshConnectionsClient(child, { access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET });
  });
  afterAll(async () => {
    client?.destroy();
    await child?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('sums the workers on --metrics-port (the primary) and on --admin-port (any worker), and shows each at /metrics/workers', async () => {
    await client.send(new CreateBucketCommand({ Bucket: 'cluster' }));
    // Each on a fresh connection: the primary deals them to the workers in turn.
    for (let i = 0; i < 6; i++) await client.send(new PutObjectCommand({ Bucket: 'cluster', Key: `k${i}`, Body: 'x'.repeat(100) }));

    const puts = { operation: 'PutObject', status_class: '2xx', service: 'node-b' };
    const node = await scrape(metricsPort);
    expect(valueOf(node, 'tracegw_requests_total', puts)).toBe(6);
    expect(valueOf(node, 'tracegw_received_bytes_total', { operation: 'PutObject' })).toBe(600);
    expect(valueOf(node, 'tracegw_request_duration_seconds_count', { operation: 'PutObject' })).toBe(6);
    expect(samplesOf(node, 'tracegw_requests_total', { worker: '1' })).toEqual([]);
    // Two scrapes of the admin port: each lands on a worker, which asks the primary.
    for (let i = 0; i < 2; i++) expect(valueOf(await scrape(adminPort), 'tracegw_requests_total', puts)).toBe(6);

    const perWorker = await scrape(metricsPort, '/metrics/workers');
    const byWorker = ['1', '2'].map((worker) => samplesOf(perWorker, 'tracegw_requests_total', { ...puts, worker }).reduce((sum, s) => sum + s.value, 0));
    expect(byWorker[0] + byWorker[1]).toBe(6);
    expect(byWorker.every((count) => count > 0)).toBe(true);
    // Every worker has its own process metrics, told apart by the label.
    expect(samplesOf(perWorker, 'process_cpu_user_seconds_total').map((s) => s.labels.worker).sort()).toEqual(['1', '2']);
  });
});
