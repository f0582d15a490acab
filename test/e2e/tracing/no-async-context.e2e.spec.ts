import asyncHooks from 'node:async_hooks';
import { AsyncLocalStorage } from 'node:async_hooks';
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { type OtlpReceiver, startOtlpReceiver } from '../support/otlp-receiver';
import { type RawResponse, signedRequest } from '../support/signed-request';
import { leaf, spanNamed, traceSpans, treeOf } from './support/span-tree';
import { startTracedGateway, type TracedGateway } from './support/traced-gateway';

/**
 * Every way Node 20 has to switch promise hooks on for a context: an AsyncLocalStorage entered
 * (`run`, `enterWith`, both through `_enable`), or an async hook created. Spied on the classes the
 * in-process gateway uses, so any layer that turned one on (OpenTelemetry's context manager,
 * Sentry's, a library's) is seen.
 */
function spyOnAsyncContext(): jest.SpyInstance[] {
  const prototype = AsyncLocalStorage.prototype as unknown as Record<string, unknown>;
  const entries = ['run', 'enterWith', '_enable'].filter((name) => typeof prototype[name] === 'function');
  return [...entries.map((name) => jest.spyOn(prototype as Record<string, () => unknown>, name)), jest.spyOn(asyncHooks, 'createHook')];
}

const callsOf = (spies: jest.SpyInstance[]): number => spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);

/**
 * Recorded requests are traced without OpenTelemetry's AsyncLocalStorage: on Node 20 it runs
 * promise hooks for the whole process while it is on (docs/tracing.md, "Performance impact"). The
 * spans still form the guide's trees, parented explicitly.
 */
describe('recorded requests switch no AsyncLocalStorage or async hook on', () => {
  let receiver: OtlpReceiver;
  let traced: TracedGateway;
  let spies: jest.SpyInstance[];
  const bucket = 'no-hooks';

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ protocol: 'grpc' });
    traced = await startTracedGateway({ endpoint: receiver.endpoint, sampleRate: 1 });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await traced?.stop();
    await receiver?.close();
  });

  const send = (req: Parameters<typeof signedRequest>[2]): Promise<RawResponse> => signedRequest(traced.gateway.port, traced.gateway.rootCredentials, req);

  it('the probe sees an AsyncLocalStorage being entered', () => {
    spies = spyOnAsyncContext();
    const storage = new AsyncLocalStorage<number>();
    storage.run(1, () => storage.getStore());
    storage.disable();
    expect(callsOf(spies)).toBeGreaterThan(0);
    jest.restoreAllMocks();
  });

  it('PUT, GET and a multipart upload: none entered, and their span trees whole', async () => {
    spies = spyOnAsyncContext();
    expect((await send({ method: 'PUT', path: `/${bucket}` })).status).toBe(200);
    const put = await send({ method: 'PUT', path: `/${bucket}/object.txt`, body: 'no hooks\n' });
    const get = await send({ method: 'GET', path: `/${bucket}/object.txt` });
    expect([put.status, get.status]).toEqual([200, 200]);
    const s3 = traced.gateway.s3();
    const Key = 'multipart.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key }));
    const part = await s3.send(new UploadPartCommand({ Bucket: bucket, Key, UploadId, PartNumber: 1, Body: Buffer.alloc(1024, 1) }));
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
    const entered = spies.map((spy) => spy.mock.calls.length);
    jest.restoreAllMocks();
    expect(entered).toEqual(spies.map(() => 0));

    await traced.telemetry.flush();
    const putTrace = String(put.headers['x-trace-id']);
    const getTrace = String(get.headers['x-trace-id']);
    await receiver.waitFor((spans) => traceSpans(spans, putTrace).length >= 6 && traceSpans(spans, getTrace).length >= 3);
    const putSpans = traceSpans(receiver.spans, putTrace);
    expect(treeOf(putSpans, spanNamed(putSpans, 'S3.PutObject'))).toEqual({
      name: 'S3.PutObject',
      children: [leaf('Auth.V4Signature'), { name: 'Backend.PutObject', children: [leaf('Posix.IO.OpenTmpFile'), leaf('Posix.IO.WriteData'), leaf('Posix.IO.LinkFile')] }],
    });
    const getSpans = traceSpans(receiver.spans, getTrace);
    expect(treeOf(getSpans, spanNamed(getSpans, 'S3.GetObject'))).toEqual({ name: 'S3.GetObject', children: [leaf('Auth.V4Signature'), leaf('Backend.GetObject')] });
    await receiver.waitFor((spans) => spans.some((span) => span.name === 'Posix.IO.CopyFileRange'));
    const complete = spanNamed(receiver.spans, 'S3.CompleteMultipartUpload');
    const completeSpans = traceSpans(receiver.spans, complete.traceId);
    expect(treeOf(completeSpans, complete)).toEqual({
      name: 'S3.CompleteMultipartUpload',
      children: [
        leaf('Auth.V4Signature'),
        {
          name: 'Backend.CompleteMultipartUpload',
          children: [
            { name: 'Posix.IO.AssembleParts', children: [{ name: 'Posix.IO.CopyPart', children: [{ name: 'Posix.IO.FastFileCopy', children: [leaf('Posix.IO.CopyFileRange')] }] }] },
            leaf('Posix.IO.LinkFile'),
          ],
        },
      ],
    });
  });
});
