import { Readable } from 'node:stream';
import { commandAttributes, resultAttributes } from '../../../src/telemetry/backend-span';
import { mebibytesPerSecond } from '../../../src/telemetry/posix-io-spans';

describe('Backend span attributes, read from any command by field name', () => {
  it('takes bucket, key, upload id, part number and length from the input', () => {
    const put = { operation: 'UploadPart', input: { bucket: 'b', key: 'k', uploadId: 'u1', partNumber: 3, contentLength: 42, body: Readable.from([]) } };
    expect(commandAttributes(put)).toEqual({ 's3.bucket': 'b', 's3.key': 'k', 's3.upload_id': 'u1', 's3.part_number': 3, 's3.content_length': 42 });
  });

  it('counts the parts of a completion and reads a version id', () => {
    const complete = { operation: 'CompleteMultipartUpload', input: { bucket: 'b', key: 'k', uploadId: 'u', parts: [{}, {}, {}], versionId: 'v7' } };
    expect(commandAttributes(complete)).toMatchObject({ 's3.part_count': 3, 's3.upload_id': 'u', 's3.version_id': 'v7' });
  });

  it('reads the object info of a result, and the bytes a ranged read serves', () => {
    const info = { key: 'k', size: 1000, etag: 'abc', lastModified: new Date(), metadata: { userMetadata: {} } };
    expect(resultAttributes({ info, body: Readable.from([]) })).toEqual({ 's3.key': 'k', 's3.content_length': 1000, 's3.etag': 'abc' });
    expect(resultAttributes({ info, range: { start: 10, end: 19, total: 1000 } })['s3.content_length']).toBe(10);
    expect(resultAttributes({ etag: 'def' })).toEqual({ 's3.etag': 'def' });
  });

  it('ignores results without S3 fields', () => {
    expect(resultAttributes([{ name: 'b' }])).toEqual({});
    // A body returned as it is (a Buffer, a stream) is no record of fields.
    expect(resultAttributes(Buffer.from('bucket'))).toEqual({});
    expect(resultAttributes(Readable.from([]))).toEqual({});
    expect(resultAttributes(undefined)).toEqual({});
    expect(commandAttributes({ operation: 'ListBuckets', input: {} })).toEqual({});
  });
});

describe('posix.throughput_mbps', () => {
  it('is MiB per second to one decimal, as the guide computes it', () => {
    expect(mebibytesPerSecond(104857600, 450)).toBe(222.2);
    expect(mebibytesPerSecond(1048576, 1000)).toBe(1);
    expect(Number.isFinite(mebibytesPerSecond(10, 0))).toBe(true);
  });
});
