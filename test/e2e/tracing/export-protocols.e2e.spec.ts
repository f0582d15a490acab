import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_CERT, TEST_KEY } from '../../unit/config/fixtures';
import { type ChildGateway, spawnGateway } from '../support/child-gateway';
import { type OtlpReceiver, startOtlpReceiver } from '../support/otlp-receiver';
import { signedRequest } from '../support/signed-request';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';
import { withEnv } from './support/env';
import { leaf, spanNamed, traceSpans, treeOf } from './support/span-tree';
import { startTracedGateway } from './support/traced-gateway';

const ENV_HEADERS = {
  OTEL_EXPORTER_OTLP_HEADERS: 'x-general=from-general,x-team=from-env,x-both=general',
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-both=traces',
};
/** What the receiver must see: --otel-headers win per name, the traces variable over the general one. */
const EXPECTED_HEADERS = { 'x-team': 'from-flag', authorization: 'Bearer k=1,2', 'x-general': 'from-general', 'x-both': 'traces' };

let dir: string;
let ca: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tracegw-otlp-'));
  ca = join(dir, 'ca.pem');
  await writeFile(ca, TEST_CERT);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** One ListBuckets; resolves with its trace id once its three spans reached the receiver. */
async function listBucketsTraced(port: number, receiver: OtlpReceiver, flush: () => Promise<void>): Promise<string> {
  const response = await signedRequest(port, { access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET }, { method: 'GET', path: '/' });
  const traceId = String(response.headers['x-trace-id']);
  await flush();
  await receiver.waitFor((spans) => traceSpans(spans, traceId).length === 3);
  return traceId;
}

describe('OTLP/gRPC (the default)', () => {
  it('sends --otel-headers merged over OTEL_EXPORTER_OTLP_HEADERS and OTEL_EXPORTER_OTLP_TRACES_HEADERS as metadata', async () => {
    const receiver = await startOtlpReceiver({ protocol: 'grpc' });
    await withEnv(ENV_HEADERS, async () => {
      const traced = await startTracedGateway({ endpoint: receiver.endpoint, headers: { 'x-team': 'from-flag', authorization: 'Bearer k=1,2' } });
      try {
        await listBucketsTraced(traced.gateway.port, receiver, () => traced.telemetry.flush());
        expect(receiver.headers[0]).toMatchObject(EXPECTED_HEADERS);
      } finally {
        await traced.stop();
        await receiver.close();
      }
    });
  });

  it('uses TLS without --otel-insecure, trusting the CA of OTEL_EXPORTER_OTLP_CERTIFICATE', async () => {
    const receiver = await startOtlpReceiver({ protocol: 'grpc', tls: { cert: TEST_CERT, key: TEST_KEY } });
    await withEnv({ OTEL_EXPORTER_OTLP_CERTIFICATE: ca }, async () => {
      // The test certificate is for CN=localhost.
      const traced = await startTracedGateway({ endpoint: `localhost:${receiver.port}`, insecure: false });
      try {
        await listBucketsTraced(traced.gateway.port, receiver, () => traced.telemetry.flush());
        expect(receiver.exportCount()).toBeGreaterThan(0);
      } finally {
        await traced.stop();
        await receiver.close();
      }
    });
  });
});

// The HTTP exporter loads node:http with a dynamic import, which Jest's module sandbox cannot run:
// these tests run the built gateway (dist/main.js) in its own process, as users do.
describe('OTLP/HTTP protobuf (--otel-use-http), the built gateway', () => {
  let root: string;
  let child: ChildGateway | undefined;
  let receiver: OtlpReceiver | undefined;
  beforeEach(async () => {
    root = await mkdtemp(join(dir, 'root-'));
  });
  afterEach(async () => {
    await child?.stop();
    await receiver?.close();
    child = undefined;
    receiver = undefined;
  });

  it('posts to <endpoint>/v1/traces with the merged headers, the whole tree of a PutObject', async () => {
    receiver = await startOtlpReceiver({ protocol: 'http' });
    const endpoint = receiver.endpoint;
    child = await withEnv(ENV_HEADERS, () =>
      spawnGateway(root, ['--otel-enabled', '--otel-use-http', '--otel-insecure', '--otel-endpoint', endpoint, '--otel-headers', 'x-team=from-flag,authorization=Bearer%20k%3D1%2C2']),
    );
    const creds = { access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET };
    await signedRequest(child.port, creds, { method: 'PUT', path: '/http-export' });
    const put = await signedRequest(child.port, creds, { method: 'PUT', path: '/http-export/object.bin', body: 'payload' });
    const traceId = String(put.headers['x-trace-id']);
    await receiver.waitFor((spans) => traceSpans(spans, traceId).length === 6);
    const spans = traceSpans(receiver.spans, traceId);
    expect(treeOf(spans, spanNamed(spans, 'S3.PutObject'))).toEqual({
      name: 'S3.PutObject',
      children: [
        leaf('Auth.V4Signature'),
        { name: 'Backend.PutObject', children: [leaf('Posix.IO.OpenTmpFile'), leaf('Posix.IO.WriteData'), leaf('Posix.IO.LinkFile')] },
      ],
    });
    expect(receiver.headers[0]).toMatchObject({ ...EXPECTED_HEADERS, 'content-type': 'application/x-protobuf' });
  });

  it('uses TLS without --otel-insecure, trusting the CA of OTEL_EXPORTER_OTLP_CERTIFICATE', async () => {
    receiver = await startOtlpReceiver({ protocol: 'http', tls: { cert: TEST_CERT, key: TEST_KEY } });
    const endpoint = `localhost:${receiver.port}`;
    child = await withEnv({ OTEL_EXPORTER_OTLP_CERTIFICATE: ca }, () => spawnGateway(root, ['--otel-enabled', '--otel-use-http', '--otel-endpoint', endpoint]));
    await listBucketsTraced(child.port, receiver, async () => undefined);
    expect(receiver.exportCount()).toBeGreaterThan(0);
  });
});
