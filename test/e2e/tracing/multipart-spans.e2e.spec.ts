import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../support/otlp-receiver';
import { testConfig } from '../support/test-config';
import { childrenOf, leaf, spanNamed, traceSpans, treeOf } from './support/span-tree';
import { startTracedGateway, type TracedGateway } from './support/traced-gateway';

const PART_1 = Buffer.alloc(5 * 1024 * 1024, 'a');
const PART_2 = Buffer.from('the last part may be small\n');

/** Under Backend.UploadPart: PutObject's write path, then the link into the upload's directory. */
const UPLOAD_PART_TREE = {
  name: 'S3.UploadPart',
  children: [
    leaf('Auth.V4Signature'),
    { name: 'Backend.UploadPart', children: [leaf('Posix.IO.OpenTmpFile'), leaf('Posix.IO.WriteData'), leaf('Posix.IO.LinkFile')] },
  ],
};

const COPY_PART = { name: 'Posix.IO.CopyPart', children: [{ name: 'Posix.IO.FastFileCopy', children: [leaf('Posix.IO.CopyFileRange')] }] };
const COMPLETE_TREE = {
  name: 'S3.CompleteMultipartUpload',
  children: [
    leaf('Auth.V4Signature'),
    {
      name: 'Backend.CompleteMultipartUpload',
      // The assembled file is then renamed over the key, as PutObject's is.
      children: [{ name: 'Posix.IO.AssembleParts', children: [COPY_PART, COPY_PART] }, leaf('Posix.IO.LinkFile')],
    },
  ],
};

describe.each([
  { copyMethod: 'copy_file_range', disableCopyFileRange: false },
  { copyMethod: 'io_copy_fallback', disableCopyFileRange: true },
])('multipart spans, posix.copy_method $copyMethod', ({ copyMethod, disableCopyFileRange }) => {
  const Bucket = 'multipart-traced';
  const Key = 'assembled/object.bin';
  let receiver: OtlpReceiver;
  let traced: TracedGateway;
  let s3: S3Client;
  let uploadId: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ protocol: 'grpc' });
    traced = await startTracedGateway({ endpoint: receiver.endpoint }, {}, (root) => ({
      backend: { ...testConfig(root).backend, disableCopyFileRange },
    }));
    s3 = traced.gateway.s3();
    await s3.send(new CreateBucketCommand({ Bucket }));
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    uploadId = created.UploadId ?? '';
    const parts = [];
    for (const [index, Body] of [PART_1, PART_2].entries()) {
      const part = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId: uploadId, PartNumber: index + 1, Body }));
      parts.push({ PartNumber: index + 1, ETag: part.ETag, ChecksumCRC32: part.ChecksumCRC32 });
    }
    await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
    await traced.telemetry.flush();
  });
  afterAll(async () => {
    await traced?.stop();
    await receiver?.close();
  });

  /** The whole trace of the request whose Backend span is `name` with these attributes. */
  async function traceOf(name: string, attributes: Record<string, unknown>, count: number): Promise<ReceivedSpan[]> {
    const matches = (span: ReceivedSpan) => span.name === name && Object.entries(attributes).every(([k, v]) => span.attributes[k] === v);
    await receiver.waitFor((spans) => spans.some((span) => matches(span) && traceSpans(spans, span.traceId).length >= count));
    const backend = receiver.spans.find(matches);
    return traceSpans(receiver.spans, backend?.traceId ?? '');
  }

  it('UploadPart: S3.UploadPart → Auth.V4Signature, Backend.UploadPart → OpenTmpFile, WriteData, LinkFile', async () => {
    const spans = await traceOf('Backend.UploadPart', { 's3.part_number': 1, 's3.upload_id': uploadId }, 6);
    expect(treeOf(spans, spanNamed(spans, 'S3.UploadPart'))).toEqual(UPLOAD_PART_TREE);
    expect(spans).toHaveLength(6);
    expect(spanNamed(spans, 'Backend.UploadPart').attributes).toMatchObject({
      'backend.type': 'posix',
      'backend.operation': 'UploadPart',
      's3.bucket': Bucket,
      's3.key': Key,
      's3.upload_id': uploadId,
      's3.part_number': 1,
      's3.content_length': PART_1.length,
      's3.etag': expect.stringMatching(/^[0-9a-f]{32}$/),
      duration_ms: expect.any(Number),
    });
    expect(spanNamed(spans, 'Posix.IO.OpenTmpFile').attributes).toMatchObject({ 'posix.size': PART_1.length, 'posix.bucket': Bucket, 'posix.object': Key });
    expect(spanNamed(spans, 'Posix.IO.WriteData').attributes).toMatchObject({
      'posix.bytes_written': PART_1.length,
      'posix.duration_ms': expect.any(Number),
      'posix.throughput_mbps': expect.any(Number),
    });
  });

  it(`CompleteMultipartUpload: AssembleParts with one CopyPart per part, copied by ${copyMethod}`, async () => {
    const spans = await traceOf('Backend.CompleteMultipartUpload', { 's3.upload_id': uploadId }, 11);
    expect(treeOf(spans, spanNamed(spans, 'S3.CompleteMultipartUpload'))).toEqual(COMPLETE_TREE);
    const total = PART_1.length + PART_2.length;
    expect(spanNamed(spans, 'Backend.CompleteMultipartUpload').attributes).toMatchObject({
      'backend.type': 'posix',
      'backend.operation': 'CompleteMultipartUpload',
      's3.bucket': Bucket,
      's3.key': Key,
      's3.upload_id': uploadId,
      's3.part_count': 2,
      's3.content_length': total,
      's3.etag': expect.stringMatching(/^[0-9a-f]{32}-2$/),
      duration_ms: expect.any(Number),
    });

    const assemble = spanNamed(spans, 'Posix.IO.AssembleParts');
    expect(assemble.attributes).toMatchObject({ 'posix.total_parts': 2, 'posix.total_size': total, 'posix.duration_ms': expect.any(Number) });
    expect(assemble.events).toEqual([
      { name: 'part_assembled', attributes: { current_part: 1, bytes_copied: PART_1.length } },
      { name: 'part_assembled', attributes: { current_part: 2, bytes_copied: total } },
    ]);

    // Parts are copied side by side and may start in the same microsecond: order by part.
    const copies = childrenOf(spans, assemble).sort((a, b) => Number(a.attributes['posix.part_number']) - Number(b.attributes['posix.part_number']));
    expect(copies.map((copy) => copy.attributes)).toEqual([
      { 'posix.part_number': 1, 'posix.part_size': PART_1.length, 'posix.copy_method': copyMethod, 'posix.throughput_mbps': expect.any(Number), duration_ms: expect.any(Number) },
      { 'posix.part_number': 2, 'posix.part_size': PART_2.length, 'posix.copy_method': copyMethod, 'posix.throughput_mbps': expect.any(Number), duration_ms: expect.any(Number) },
    ]);
    // In part order (copies run side by side): CopyPart → FastFileCopy → CopyFileRange.
    const kernelCopies = copies.map((copy) => childrenOf(spans, childrenOf(spans, copy)[0])[0].attributes);
    // tracegw's posix.kernel_copy names the call that moved a kernel copy's bulk: the 5 MiB part
    // by a reflink or splice(2) into O_DIRECT, the 27-byte one (under a block) by copy_file_range.
    const kernelCopy = (by: unknown) => (disableCopyFileRange ? {} : { 'posix.kernel_copy': by });
    expect(kernelCopies).toEqual([
      { 'posix.bytes_copied': PART_1.length, 'posix.used_fallback': disableCopyFileRange, ...kernelCopy(expect.stringMatching(/^(reflink|splice)$/)), duration_ms: expect.any(Number) },
      { 'posix.bytes_copied': PART_2.length, 'posix.used_fallback': disableCopyFileRange, ...kernelCopy('copy_file_range'), duration_ms: expect.any(Number) },
    ]);
  });
});
