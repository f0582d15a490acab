import { PassThrough, Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { authenticateRequest } from '../../../src/s3/auth/authenticate-request';
import { expectS3ErrorValue, lookupFor, makeRequest, readExpectingError } from './helpers';

const opts = { region: 'us-east-1' };
const lookup = lookupFor();

describe('body pipeline', () => {
  it('turns a connection that dies mid-body into IncompleteBody', async () => {
    const source = new PassThrough();
    const req = makeRequest({
      method: 'PUT',
      rawUrl: '/b/k',
      headers: [['Content-Length', '10'], ['x-amz-checksum-crc32', 'AAAAAA==']],
      body: source,
    });
    const result = authenticateRequest(req, lookup, opts);
    source.write(Buffer.from('abc'));
    setImmediate(() => source.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
    const { error, ended } = await readExpectingError(result.body);
    expect(ended).toBe(false);
    expectS3ErrorValue(error, 'IncompleteBody');
  });

  it('drains, rather than destroys, the source when verification fails', async () => {
    const chunks = ['3\r\nabc\r\n', 'zz\r\n', ...Array.from({ length: 50 }, () => 'x'.repeat(1000))];
    const source = Readable.from(chunks.map((c) => Buffer.from(c)));
    const req = makeRequest({
      method: 'PUT',
      rawUrl: '/b/k',
      headers: [['x-amz-content-sha256', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'], ['x-amz-decoded-content-length', '3']],
      body: source,
    });
    const { error } = await readExpectingError(authenticateRequest(req, lookup, opts).body);
    expectS3ErrorValue(error, 'IncompleteBody');
    await finished(source);
    // Read to the end (so the socket stays usable for the error response), not destroyed.
    expect(source.readableEnded).toBe(true);
  });
});
