import { randomBytes } from 'node:crypto';
import { type OtlpReceiver, startOtlpReceiver } from '../support/otlp-receiver';
import { type RawResponse, signedRequest } from '../support/signed-request';
import { traceSpans } from './support/span-tree';
import { startTracedGateway, type TracedGateway } from './support/traced-gateway';

const REQUESTS = 20;

/** Sampling is parent-based over a trace-id ratio: the client's sampled flag wins over the rate. */
describe.each([
  { rate: 0, kept: 0 },
  { rate: 1, kept: REQUESTS },
])('--otel-sample-rate $rate', ({ rate, kept }) => {
  let receiver: OtlpReceiver;
  let traced: TracedGateway;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ protocol: 'grpc' });
    traced = await startTracedGateway({ endpoint: receiver.endpoint, sampleRate: rate });
  });
  afterAll(async () => {
    await traced?.stop();
    await receiver?.close();
  });

  const listBuckets = (headers: Record<string, string> = {}): Promise<RawResponse> =>
    signedRequest(traced.gateway.port, traced.gateway.rootCredentials, { method: 'GET', path: '/', headers });

  it(`exports the spans of ${kept} of ${REQUESTS} requests, and every response names its trace`, async () => {
    const responses: RawResponse[] = [];
    for (let i = 0; i < REQUESTS; i++) responses.push(await listBuckets());
    const traceIds = responses.map((r) => r.headers['x-trace-id']);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    for (const id of traceIds) expect(id).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
    expect(new Set(traceIds).size).toBe(REQUESTS);

    await traced.telemetry.flush();
    if (kept > 0) await receiver.waitFor((spans) => spans.filter((s) => s.name === 'S3.ListBuckets').length >= kept);
    const roots = receiver.spans.filter((s) => s.name === 'S3.ListBuckets');
    expect(roots).toHaveLength(kept);
    expect(roots.map((s) => s.traceId).sort()).toEqual(kept === 0 ? [] : [...traceIds].sort());
    if (kept === 0) expect(receiver.exportCount()).toBe(0);
  });

  it('keeps a trace the client sampled, and drops one it did not, whatever the rate', async () => {
    const sampled = randomBytes(16).toString('hex');
    const unsampled = randomBytes(16).toString('hex');
    const parent = randomBytes(8).toString('hex');
    const first = await listBuckets({ traceparent: `00-${unsampled}-${parent}-00` });
    const second = await listBuckets({ traceparent: `00-${sampled}-${parent}-01` });
    expect([first.headers['x-trace-id'], second.headers['x-trace-id']]).toEqual([unsampled, sampled]);

    await traced.telemetry.flush();
    await receiver.waitFor((spans) => traceSpans(spans, sampled).length >= 3);
    expect(traceSpans(receiver.spans, sampled).map((s) => s.name).sort()).toEqual(['Auth.V4Signature', 'Backend.ListBuckets', 'S3.ListBuckets']);
    expect(traceSpans(receiver.spans, unsampled)).toEqual([]);
  });
});
