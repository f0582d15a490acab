import { crc32 } from 'node:zlib';
import { authenticateRequest } from '../../../src/s3/auth/authenticate-request';
import { expectS3ErrorValue, lookupFor, makeRequest, readAll, readExpectingError } from './helpers';

const crc32Of = (data: Buffer): string => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data) >>> 0);
  return out.toString('base64');
};

describe('x-amz-checksum-* headers', () => {
  const body = Buffer.from('<CompleteMultipartUpload></CompleteMultipartUpload>');
  const request = () =>
    makeRequest({
      method: 'POST',
      rawUrl: '/bucket/key?uploadId=u',
      headers: [
        ['host', 'localhost'],
        ['x-amz-content-sha256', 'UNSIGNED-PAYLOAD'],
        ['content-length', String(body.length)],
        ['x-amz-checksum-crc32', crc32Of(Buffer.from('the whole assembled object'))],
      ],
      body,
    });

  it('are checked against the body by default (BadDigest when they differ)', async () => {
    const auth = authenticateRequest(request(), lookupFor(), { region: 'us-east-1' });
    const { error } = await readExpectingError(auth.body);
    expectS3ErrorValue(error, 'BadDigest');
  });

  it('are left to the operation when they describe an object assembled elsewhere', async () => {
    const auth = authenticateRequest(request(), lookupFor(), { region: 'us-east-1', checksumHeadersDescribeBody: false });
    expect((await readAll(auth.body)).equals(body)).toBe(true);
    expect(auth.checksum).toBeUndefined();
  });
});
