import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { Readable } from 'node:stream';
import { authenticateRequest } from '../../../src/s3/auth/authenticate-request';
import type { AuthOptions } from '../../../src/s3/auth/auth.types';
import { AwsChunkedDecoder } from '../../../src/s3/auth/aws-chunked-decoder';
import { ChecksumAlgorithm, createChecksumHasher } from '../../../src/s3/auth/checksum';
import doc from './vectors/s3-doc-examples.json';
import {
  HeaderList,
  expectS3Error,
  expectS3ErrorValue,
  lookupFor,
  makeRequest,
  readAll,
  readExpectingError,
  signedChunkedBody,
  streamOf,
  testSigningKey,
  unsignedChunkedBody,
} from './helpers';

const { config } = doc;
const lookup = lookupFor({ access: config.accessKeyId, secret: config.secretAccessKey });
const opts: AuthOptions = { region: config.region, now: () => new Date(config.now) };

interface ChunkedVector {
  method: string;
  rawUrl: string;
  headers: string[][];
  chunks: Array<{ size: number; byte: string; signature: string }>;
  trailers: string[][];
}
const vectorHeaders = (v: ChunkedVector): HeaderList => v.headers.map(([n, vv]) => [n, vv] as [string, string]);
const seedOf = (v: ChunkedVector): string => {
  const auth = v.headers.find(([n]) => n === 'Authorization');
  return (auth?.[1] ?? '').split('Signature=')[1];
};

/** The documented wire body: the chunks with the documented signatures, then the trailers. */
function documentedBody(v: ChunkedVector): Buffer {
  const parts: Buffer[] = [];
  for (const c of v.chunks) {
    parts.push(Buffer.from(`${c.size.toString(16)};chunk-signature=${c.signature}\r\n`), Buffer.alloc(c.size, c.byte));
    if (c.size > 0) parts.push(Buffer.from('\r\n'));
  }
  for (const [n, val] of v.trailers) parts.push(Buffer.from(`${n}:${val}\r\n`));
  parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

const authenticate = (v: ChunkedVector, body: Buffer | Readable, headers = vectorHeaders(v)) =>
  authenticateRequest(makeRequest({ method: v.method, rawUrl: v.rawUrl, headers, body }), lookup, opts);

describe('signed aws-chunked (STREAMING-AWS4-HMAC-SHA256-PAYLOAD): the documented upload', () => {
  const v = doc.chunked;
  const body = documentedBody(v);

  it('has the documented encoded length', () => {
    expect(body.length).toBe(66824);
  });

  it.each([1, 7, 100, 8192, 65536, body.length])('decodes and verifies, fed %i bytes at a time', async (size) => {
    const result = authenticate(v, streamOf(body, size));
    expect(result.payload).toEqual({ kind: 'streaming-signed', trailer: false });
    expect(result.contentLength).toBe(66560);
    const data = await readAll(result.body);
    expect(data.equals(Buffer.alloc(66560, 'a'))).toBe(true);
  });

  it('fails with SignatureDoesNotMatch, before end, when a data byte was changed', async () => {
    const tampered = Buffer.from(body);
    tampered[100] = 'b'.charCodeAt(0);
    const { error, ended } = await readExpectingError(authenticate(v, tampered).body);
    expect(ended).toBe(false);
    expectS3ErrorValue(error, 'SignatureDoesNotMatch');
  });

  it('fails when a chunk signature was changed', async () => {
    const tampered = Buffer.from(body.toString('latin1').replace(v.chunks[1].signature, v.chunks[0].signature), 'latin1');
    expectS3ErrorValue((await readExpectingError(authenticate(v, tampered).body)).error, 'SignatureDoesNotMatch');
  });

  it('fails when the final zero-length chunk is missing', async () => {
    const cut = body.subarray(0, body.indexOf('0;chunk-signature='));
    const { error, ended } = await readExpectingError(authenticate(v, cut).body);
    expect(ended).toBe(false);
    expectS3ErrorValue(error, 'IncompleteBody');
  });

  it.each([10, 66000, 66700])('fails with IncompleteBody when the body stops after %i bytes', async (n) => {
    const { error, ended } = await readExpectingError(authenticate(v, body.subarray(0, n)).body);
    expect(ended).toBe(false);
    expectS3ErrorValue(error, 'IncompleteBody');
  });

  it('rejects a seed signature that does not match before reading the body', () => {
    const headers = vectorHeaders(v).map(([n, val]): [string, string] => [n, n === 'Authorization' ? val.replace(seedOf(v), 'f'.repeat(64)) : val]);
    expectS3Error(() => authenticate(v, body, headers), 'SignatureDoesNotMatch');
  });

  it('requires x-amz-decoded-content-length', () => {
    const headers = vectorHeaders(v).filter(([n]) => n !== 'x-amz-decoded-content-length');
    expectS3Error(() => authenticate(v, body, headers), 'MissingContentLength');
  });
});

describe('signed aws-chunked with a signed trailer: the documented upload', () => {
  const v = doc.chunkedWithTrailer;
  const body = documentedBody(v);

  it.each([1, 13, body.length])('decodes, verifies the trailer signature and crc32c, fed %i bytes at a time', async (size) => {
    const result = authenticate(v, streamOf(body, size));
    expect(result.payload).toEqual({ kind: 'streaming-signed', trailer: true });
    expect(result.checksum).toBeUndefined();
    const data = await readAll(result.body);
    expect(data.length).toBe(66560);
    expect(result.checksum).toEqual({ algorithm: 'crc32c', value: 'sOO8/Q==' });
  });

  it('fails when the trailer signature does not match', async () => {
    const tampered = Buffer.from(body.toString('latin1').replace('d81f82fc', 'd81f82fd'), 'latin1');
    expectS3ErrorValue((await readExpectingError(authenticate(v, tampered).body)).error, 'SignatureDoesNotMatch');
  });

  it('fails when the trailer is missing', async () => {
    const cut = Buffer.concat([body.subarray(0, body.indexOf('x-amz-checksum-crc32c')), Buffer.from('\r\n')]);
    expectS3ErrorValue((await readExpectingError(authenticate(v, cut).body)).error, 'MalformedTrailerError');
  });
});

describe('signed aws-chunked built by a test signer', () => {
  const signer = {
    key: testSigningKey(config.secretAccessKey, '20130524', 'us-east-1'),
    amzDate: '20130524T000000Z',
    scope: '20130524/us-east-1/s3/aws4_request',
    seed: 'c'.repeat(64),
  };
  const decode = (chunks: Buffer[], feed = 1000) => {
    const { body } = signedChunkedBody(signer, chunks);
    const decodedLength = chunks.reduce((n, c) => n + c.length, 0);
    const decoder = new AwsChunkedDecoder({
      signing: { signingKey: signer.key, amzDate: signer.amzDate, scope: signer.scope, seedSignature: signer.seed, accessKey: 'AK' },
      trailer: false,
      decodedLength,
    });
    return streamOf(body, feed).pipe(decoder);
  };

  it('accepts 8 KiB chunks followed by a short last one', async () => {
    const chunks = [Buffer.alloc(8192, 1), Buffer.alloc(8192, 2), Buffer.alloc(10, 3)];
    expect((await readAll(decode(chunks))).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('refuses a chunk under 8 KiB that is not the last one', async () => {
    const { error } = await readExpectingError(decode([Buffer.alloc(100, 1), Buffer.alloc(100, 2)]));
    const err = expectS3ErrorValue(error, 'InvalidChunkSizeError');
    expect(err.extra.BadChunkSize).toBe(100);
  });

  it('refuses chunks chained from another seed', async () => {
    const { body } = signedChunkedBody({ ...signer, seed: 'd'.repeat(64) }, [Buffer.alloc(10)]);
    const decoder = new AwsChunkedDecoder({
      signing: { signingKey: signer.key, amzDate: signer.amzDate, scope: signer.scope, seedSignature: signer.seed, accessKey: 'AK' },
      trailer: false,
      decodedLength: 10,
    });
    expectS3ErrorValue((await readExpectingError(streamOf(body).pipe(decoder))).error, 'SignatureDoesNotMatch');
  });

  it('decodes 64 MiB in large slices without per-byte work', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const chunks = Array.from({ length: 64 }, () => chunk);
    const started = process.hrtime.bigint();
    let total = 0;
    for await (const part of decode(chunks, 256 * 1024)) total += (part as Buffer).length;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(total).toBe(64 * 1024 * 1024);
    // sha256 dominates (~1 GB/s here); a per-byte JS loop would take many seconds.
    expect(ms).toBeLessThan(5000);
  });
});

describe('unsigned aws-chunked with a trailing checksum (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', () => {
  const data = Buffer.from('hello, unsigned trailer world! '.repeat(1000));
  const crc32Of = (b: Buffer): string => {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(crc32(b) >>> 0);
    return out.toString('base64');
  };
  const headers = (trailer = 'x-amz-checksum-crc32', decoded = data.length): HeaderList => [
    ['Host', 'localhost'],
    ['x-amz-content-sha256', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'],
    ['Content-Encoding', 'aws-chunked'],
    ['x-amz-decoded-content-length', String(decoded)],
    ['x-amz-trailer', trailer],
  ];
  const chunks = [data.subarray(0, 10000), data.subarray(10000, 20000), data.subarray(20000)];
  const run = (body: Buffer | Readable, h = headers()) =>
    authenticateRequest(makeRequest({ method: 'PUT', rawUrl: '/b/k', headers: h, body }), lookup, opts);

  it.each([1, 3, 64, 4096, 100000])('decodes and checks a good crc32, fed %i bytes at a time', async (size) => {
    const body = unsignedChunkedBody(chunks, [['x-amz-checksum-crc32', crc32Of(data)]]);
    const result = run(streamOf(body, size));
    expect(result.method).toBe('anonymous');
    expect(result.payload).toEqual({ kind: 'streaming-unsigned-trailer' });
    expect(result.contentLength).toBe(data.length);
    expect((await readAll(result.body)).equals(data)).toBe(true);
    expect(result.checksum).toEqual({ algorithm: 'crc32', value: crc32Of(data) });
  });

  it('fails with BadDigest, before end, on a wrong crc32', async () => {
    const body = unsignedChunkedBody(chunks, [['x-amz-checksum-crc32', crc32Of(Buffer.from('other'))]]);
    const { error, ended } = await readExpectingError(run(body).body);
    expect(ended).toBe(false);
    const err = expectS3ErrorValue(error, 'BadDigest');
    expect(err.message).toBe('The CRC32 you specified did not match the calculated checksum.');
  });

  it('fails when the data was changed in transit', async () => {
    const body = unsignedChunkedBody([Buffer.from(data).fill(0x41, 0, 1), ...chunks.slice(1)].map((c, i) => (i === 0 ? Buffer.concat([Buffer.from('X'), c.subarray(1, 10000)]) : c)), [
      ['x-amz-checksum-crc32', crc32Of(data)],
    ]);
    expectS3ErrorValue((await readExpectingError(run(body).body)).error, 'BadDigest');
  });

  it.each(['crc32c', 'crc64nvme', 'sha1', 'sha256'] as const)('checks a %s trailer', async (algorithm: ChecksumAlgorithm) => {
    const hasher = createChecksumHasher(algorithm);
    hasher.update(data);
    const value = await hasher.digestBase64();
    const name = `x-amz-checksum-${algorithm}`;
    const good = run(unsignedChunkedBody(chunks, [[name, value]]), headers(name));
    expect((await readAll(good.body)).equals(data)).toBe(true);
    const wrong = Buffer.from(value, 'base64');
    wrong[0] ^= 1;
    const bad = run(unsignedChunkedBody(chunks, [[name, wrong.toString('base64')]]), headers(name));
    expectS3ErrorValue((await readExpectingError(bad.body)).error, 'BadDigest');
  });

  it.each([
    ['ends inside a chunk', (b: Buffer) => b.subarray(0, 5000)],
    ['ends after the last chunk, before the trailer', (b: Buffer) => b.subarray(0, b.indexOf('0\r\n') + 3)],
    ['ends before the final CRLF', (b: Buffer) => b.subarray(0, b.length - 2)],
  ])('fails with IncompleteBody when the body %s', async (_what, cut) => {
    const body = cut(unsignedChunkedBody(chunks, [['x-amz-checksum-crc32', crc32Of(data)]]));
    const { error, ended } = await readExpectingError(run(body).body);
    expect(ended).toBe(false);
    expectS3ErrorValue(error, 'IncompleteBody');
  });

  it.each([
    ['a chunk size that is not hex', Buffer.from('zz\r\nabc\r\n0\r\n\r\n')],
    ['a missing CRLF after chunk data', Buffer.from('3\r\nabcd\r\n0\r\n\r\n')],
    ['a bare LF', Buffer.from('3\nabc\r\n0\r\n\r\n')],
    ['more data than declared', Buffer.from('ffff\r\nabc\r\n0\r\n\r\n')],
    ['a size line that never ends', Buffer.alloc(100000, 0x31)],
    ['bytes after the end', Buffer.from('3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\nextra')],
  ])('rejects %s as IncompleteBody without buffering it', async (_what, body) => {
    const { error } = await readExpectingError(run(body, headers('x-amz-checksum-crc32', 3)).body);
    expectS3ErrorValue(error, 'IncompleteBody');
  });

  it('rejects an undeclared trailer as MalformedTrailerError', async () => {
    const body = Buffer.from('3\r\nabc\r\n0\r\nx-amz-checksum-sha1:qZk+NkcGgWq6PiVxeFDCbJzQ2J0=\r\n\r\n');
    expectS3ErrorValue((await readExpectingError(run(body, headers('x-amz-checksum-crc32', 3)).body)).error, 'MalformedTrailerError');
  });

  it('accepts the example of a body "abc" with its crc32', async () => {
    const body = Buffer.from('3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n');
    expect((await readAll(run(body, headers('x-amz-checksum-crc32', 3)).body)).toString()).toBe('abc');
  });

  it('fails when the decoded length differs from x-amz-decoded-content-length', async () => {
    const body = Buffer.from('3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n');
    expectS3ErrorValue((await readExpectingError(run(body, headers('x-amz-checksum-crc32', 4)).body)).error, 'IncompleteBody');
  });

  it('refuses an x-amz-trailer it does not know', () => {
    expectS3Error(() => run(Buffer.alloc(0), headers('x-amz-checksum-md5')), 'InvalidRequest', /x-amz-trailer/);
  });
});

describe('x-amz-checksum-* header on a plain body', () => {
  const data = Buffer.from('123456789');
  const known: Record<ChecksumAlgorithm, string> = {
    crc32: Buffer.from('cbf43926', 'hex').toString('base64'),
    crc32c: Buffer.from('e3069283', 'hex').toString('base64'),
    crc64nvme: Buffer.from('ae8b14860a799888', 'hex').toString('base64'),
    sha1: createHash('sha1').update(data).digest('base64'),
    sha256: createHash('sha256').update(data).digest('base64'),
  };
  const run = (name: string, value: string, body = data) =>
    authenticateRequest(
      makeRequest({ method: 'PUT', rawUrl: '/b/k', headers: [['Content-Length', String(body.length)], [name, value]], body }),
      lookup,
      opts,
    );

  it.each(Object.entries(known))('accepts the check value of %s for "123456789"', async (algorithm, value) => {
    const result = run(`x-amz-checksum-${algorithm}`, value);
    expect(result.checksum).toEqual({ algorithm, value });
    expect((await readAll(result.body)).equals(data)).toBe(true);
  });

  it.each(Object.entries(known))('fails with BadDigest on a %s mismatch', async (algorithm, value) => {
    const { error, ended } = await readExpectingError(run(`x-amz-checksum-${algorithm}`, value, Buffer.from('123456780')).body);
    expect(ended).toBe(false);
    expectS3ErrorValue(error, 'BadDigest');
  });

  it('refuses a malformed value and more than one checksum', () => {
    expectS3Error(() => run('x-amz-checksum-crc32', 'not base64!'), 'InvalidRequest', 'Value for x-amz-checksum-crc32 header is invalid.');
    expectS3Error(
      () =>
        authenticateRequest(
          makeRequest({ method: 'PUT', rawUrl: '/b/k', headers: [['x-amz-checksum-crc32', known.crc32], ['x-amz-checksum-sha1', known.sha1]], body: data }),
          lookup,
          opts,
        ),
      'InvalidRequest',
      /Multiple checksum Types/,
    );
  });
});
