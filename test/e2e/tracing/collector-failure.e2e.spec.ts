import { deadPort, type OtlpReceiver, startOtlpReceiver } from '../support/otlp-receiver';
import { signedRequest } from '../support/signed-request';
import { startTracedGateway, type TracedGateway } from './support/traced-gateway';

const REQUESTS = 300;
const CONCURRENCY = 8;
/** HeadBucket makes S3.HeadBucket, Auth.V4Signature and Backend.HeadBucket. */
const SPANS_PER_REQUEST = 3;
/** Small, so that the load overflows it many times over. */
const PIPELINE = { maxQueueSize: 64, maxExportBatchSize: 16, scheduledDelayMs: 10 };

/** Sends REQUESTS HeadBucket requests, CONCURRENCY at a time; resolves with their status codes. */
async function load(traced: TracedGateway): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      next++;
      const response = await signedRequest(traced.gateway.port, traced.gateway.rootCredentials, { method: 'HEAD', path: '/loaded' });
      statuses.push(response.status);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return statuses;
}

/** Finished spans still held by the pipeline: every span is exported, dropped, failed or held. */
function heldSpans(traced: TracedGateway): number {
  const { exported, dropped, failed } = traced.telemetry.tracing?.health.snapshot() ?? { exported: 0, dropped: 0, failed: 0 };
  // The bucket's creation made the same three spans.
  return (REQUESTS + 1) * SPANS_PER_REQUEST - exported - dropped - failed;
}

describe('a collector that is not there', () => {
  let traced: TracedGateway;
  const lines: string[] = [];

  beforeAll(async () => {
    const port = await deadPort();
    traced = await startTracedGateway(
      { endpoint: `127.0.0.1:${port}` },
      // Reports come when the test asks, not on a timer.
      { ...PIPELINE, exportTimeoutMs: 5000, reportIntervalMs: 3_600_000, log: (line) => lines.push(line) },
    );
    await signedRequest(traced.gateway.port, traced.gateway.rootCredentials, { method: 'PUT', path: '/loaded' });
  });
  afterAll(() => traced?.stop());

  it('fails no request, counts the spans it could not send and logs that once per interval', async () => {
    const statuses = await load(traced);
    expect(statuses).toEqual(Array(REQUESTS).fill(200));
    await traced.telemetry.flush().catch(() => undefined);
    const health = traced.telemetry.tracing?.health;
    expect(health?.snapshot()).toMatchObject({ exported: 0, failed: expect.any(Number) });
    expect(health?.snapshot().failed).toBeGreaterThan(0);
    expect(heldSpans(traced)).toBeLessThanOrEqual(PIPELINE.maxQueueSize + PIPELINE.maxExportBatchSize);

    // However many exports failed in the interval, its report is one line (plus one for drops, if any).
    expect(lines).toEqual([]);
    health?.report();
    const failures = lines.filter((line) => line.includes('failed to export'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^tracing: \d+ span\(s\) failed to export: .*(UNAVAILABLE|ECONNREFUSED)/);
    const reported = lines.length;
    health?.report();
    expect(lines).toHaveLength(reported);
  });
});

describe('a collector that accepts exports and never answers', () => {
  let receiver: OtlpReceiver;
  let traced: TracedGateway;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ protocol: 'grpc', mode: 'hang' });
    // The first export waits longer than the whole test: everything after it queues or drops.
    traced = await startTracedGateway({ endpoint: receiver.endpoint }, { ...PIPELINE, exportTimeoutMs: 60_000, reportIntervalMs: 3_600_000 });
    await signedRequest(traced.gateway.port, traced.gateway.rootCredentials, { method: 'PUT', path: '/loaded' });
  });
  afterAll(async () => {
    // Closing the collector ends the export it holds; shutdown then has nothing to wait for.
    await receiver?.close();
    await traced?.stop();
  });

  it('answers every request while the collector holds the export, and keeps no more spans than the queue', async () => {
    const statuses = await load(traced);
    expect(statuses).toEqual(Array(REQUESTS).fill(200));
    await receiver.waitFor(() => receiver.exportCount() > 0);
    const { exported, dropped } = traced.telemetry.tracing?.health.snapshot() ?? { exported: -1, dropped: -1 };
    expect(exported).toBe(0);
    expect(dropped).toBeGreaterThan(0);
    // Bounded memory: what is not dropped is at most a full queue plus the batch the collector holds.
    expect(heldSpans(traced)).toBeLessThanOrEqual(PIPELINE.maxQueueSize + PIPELINE.maxExportBatchSize);
  });
});
