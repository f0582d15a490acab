import { createHash, createHmac, Hash, Hmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest as SmithyRequest, SourceData } from '@smithy/types';
import { authenticateRequest } from '../../../src/s3/auth/authenticate-request';
import type { AuthOptions, AuthResult } from '../../../src/s3/auth/auth.types';
import { HeaderList, expectS3Error, lookupFor, makeRequest, readAll } from './helpers';

// Interop: requests signed by the AWS SDK's own signer must verify here.

const ACCESS = 'AKIDINTEROP';
const SECRET = 'in/terop+secret=key';
const lookup = lookupFor({ access: ACCESS, secret: SECRET });
const REGION = 'us-east-1';
const opts: AuthOptions = { region: REGION };

/** sha256 / HMAC-sha256 for the SDK signer, from node:crypto. */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.create();
  }
  private create(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {
    this.hash = this.create();
  }
}
function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** What the SDK's serializers and node-http-handler put on the wire. */
const escapeUri = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const keyPath = (bucket: string, key: string): string => `/${bucket}/${key.split('/').map(escapeUri).join('/')}`;
function wireUrl(path: string, query: SmithyRequest['query']): string {
  const parts: string[] = [];
  for (const name of Object.keys(query ?? {}).sort()) {
    const value = query?.[name];
    for (const v of Array.isArray(value) ? value : [value]) parts.push(v === null || v === undefined ? escapeUri(name) : `${escapeUri(name)}=${escapeUri(v)}`);
  }
  return parts.length > 0 ? `${path}?${parts.join('&')}` : path;
}
const headerList = (headers: Record<string, string>): HeaderList => Object.entries(headers).map(([n, v]) => [n, v]);

const signer = new SignatureV4({
  service: 's3',
  region: REGION,
  credentials: { accessKeyId: ACCESS, secretAccessKey: SECRET },
  sha256: NodeSha256,
  uriEscapePath: false,
  applyChecksum: true,
});

const KEYS = [
  'plain.txt',
  'with space/and+plus.txt',
  'ünïcødé/ключ/日本語.bin',
  "special !'()*&$@=;:,?#[]%~^`{}|\\\"<>.txt",
  'dots/./../x//y',
  'trailing/',
];

function smithyRequest(method: string, path: string, query: Record<string, string>, headers: Record<string, string>, body?: string): SmithyRequest {
  return { method, protocol: 'http:', hostname: 'localhost', port: 9000, path, query, headers: { host: 'localhost:9000', ...headers }, body };
}

describe('interop with @smithy/signature-v4 (header auth)', () => {
  it.each(KEYS)('GET %j', async (key) => {
    const req = smithyRequest('GET', keyPath('bucket', key), { versionId: 'v 1/2' }, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'x-amz-meta-note': '  a   b  ' });
    const signed = await signer.sign(req);
    const result = authenticateRequest(makeRequest({ method: 'GET', rawUrl: wireUrl(signed.path, signed.query), headers: headerList(signed.headers) }), lookup, opts);
    expect(result.method).toBe('v4-header');
    expect(result.account?.access).toBe(ACCESS);
  });

  it.each(KEYS)('PUT %j with a signed sha256 payload', async (key) => {
    const body = `contents of ${key}`;
    const hash = createHash('sha256').update(body).digest('hex');
    const req = smithyRequest('PUT', keyPath('bucket', key), {}, { 'x-amz-content-sha256': hash, 'content-length': String(Buffer.byteLength(body)) }, body);
    const signed = await signer.sign(req);
    const result = authenticateRequest(
      makeRequest({ method: 'PUT', rawUrl: wireUrl(signed.path, signed.query), headers: headerList(signed.headers), body }),
      lookup,
      opts,
    );
    expect((await readAll(result.body)).toString()).toBe(body);
  });

  it('lists with prefix and delimiter that need encoding', async () => {
    const query = { 'list-type': '2', prefix: 'ünï cødé/a+b&c=d', delimiter: '/', 'continuation-token': 'tok/en+==' };
    const signed = await signer.sign(smithyRequest('GET', '/bucket', query, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }));
    const result = authenticateRequest(makeRequest({ method: 'GET', rawUrl: wireUrl(signed.path, signed.query), headers: headerList(signed.headers) }), lookup, opts);
    expect(result.method).toBe('v4-header');
  });

  it('rejects a request signed for another key', async () => {
    const signed = await signer.sign(smithyRequest('GET', keyPath('bucket', 'a'), {}, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }));
    expectS3Error(
      () => authenticateRequest(makeRequest({ method: 'GET', rawUrl: keyPath('bucket', 'b'), headers: headerList(signed.headers) }), lookup, opts),
      'SignatureDoesNotMatch',
    );
  });
});

describe('interop with @smithy/signature-v4 (presigned)', () => {
  it.each(KEYS)('GET %j', async (key) => {
    const req = smithyRequest('GET', keyPath('bucket', key), { 'response-content-disposition': 'attachment; filename="ü b.txt"' }, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    const signed = await signer.presign(req, { expiresIn: 3600 });
    const { 'x-amz-content-sha256': _dropped, ...headers } = signed.headers;
    const result = authenticateRequest(makeRequest({ method: 'GET', rawUrl: wireUrl(signed.path, signed.query), headers: headerList(headers) }), lookup, opts);
    expect(result.method).toBe('v4-query');
  });
});

/** An S3Client whose "network" is authenticateRequest: it sees exactly what the SDK sends. */
function capturingClient(results: AuthResult[], bodies: Buffer[]): S3Client {
  return new S3Client({
    region: REGION,
    endpoint: 'http://localhost:9000',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS, secretAccessKey: SECRET },
    requestHandler: {
      async handle(request: SmithyRequest) {
        const raw: unknown = request.body;
        const body = raw instanceof Readable ? raw : Readable.from(raw === undefined || raw === null ? [] : [Buffer.from(raw as string | Uint8Array)]);
        const result = authenticateRequest(
          makeRequest({ method: request.method, rawUrl: wireUrl(request.path, request.query), headers: headerList(request.headers), body }),
          lookup,
          opts,
        );
        results.push(result);
        bodies.push(await readAll(result.body));
        const xml = request.method === 'GET' && request.query?.['list-type'] === '2'
          ? '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>bucket</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>'
          : '';
        return { response: { statusCode: 200, headers: { etag: '"e"' }, body: Readable.from(xml === '' ? [] : [Buffer.from(xml)]) } };
      },
    },
  });
}

describe('interop with @aws-sdk/client-s3 as it sends requests', () => {
  const data = Buffer.alloc(300 * 1024 + 17, 'x');
  for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;

  it.each(KEYS)('PutObject %j from a stream: STREAMING-UNSIGNED-PAYLOAD-TRAILER with x-amz-checksum-crc32', async (key) => {
    const results: AuthResult[] = [];
    const bodies: Buffer[] = [];
    const client = capturingClient(results, bodies);
    await client.send(new PutObjectCommand({ Bucket: 'bucket', Key: key, Body: Readable.from([data.subarray(0, 100000), data.subarray(100000)]), ContentLength: data.length }));
    expect(results[0].payload).toEqual({ kind: 'streaming-unsigned-trailer' });
    expect(results[0].method).toBe('v4-streaming');
    expect(results[0].contentLength).toBe(data.length);
    expect(results[0].checksum?.algorithm).toBe('crc32');
    expect(bodies[0].equals(data)).toBe(true);
  });

  it('PutObject from a Buffer', async () => {
    const results: AuthResult[] = [];
    const bodies: Buffer[] = [];
    await capturingClient(results, bodies).send(new PutObjectCommand({ Bucket: 'bucket', Key: 'buf ü.bin', Body: data }));
    expect(bodies[0].equals(data)).toBe(true);
    expect(results[0].checksum?.algorithm).toBeDefined();
  });

  it('PutObject with ChecksumAlgorithm SHA256 and CRC64NVME', async () => {
    for (const algorithm of ['SHA256', 'CRC64NVME', 'CRC32C', 'SHA1'] as const) {
      const results: AuthResult[] = [];
      const bodies: Buffer[] = [];
      await capturingClient(results, bodies).send(
        new PutObjectCommand({ Bucket: 'bucket', Key: 'k', Body: Readable.from([data]), ContentLength: data.length, ChecksumAlgorithm: algorithm }),
      );
      expect(bodies[0].equals(data)).toBe(true);
      expect(results[0].checksum?.algorithm).toBe(algorithm.toLowerCase());
    }
  });

  it('GetObject and ListObjectsV2 with awkward parameters', async () => {
    const results: AuthResult[] = [];
    const client = capturingClient(results, []);
    await client.send(new GetObjectCommand({ Bucket: 'bucket', Key: KEYS[3], Range: 'bytes=0-9' }));
    await client.send(new ListObjectsV2Command({ Bucket: 'bucket', Prefix: 'ünï cødé/a+b', Delimiter: '/', StartAfter: "x!'()*" }));
    expect(results.map((r) => r.method)).toEqual(['v4-header', 'v4-header']);
  });

  it('getSignedUrl (s3-request-presigner) for GetObject and PutObject', async () => {
    const client = capturingClient([], []);
    for (const command of [
      new GetObjectCommand({ Bucket: 'bucket', Key: KEYS[2] }),
      new PutObjectCommand({ Bucket: 'bucket', Key: KEYS[3] }),
    ]) {
      const url = new URL(await getSignedUrl(client, command, { expiresIn: 600 }));
      const method = command instanceof PutObjectCommand ? 'PUT' : 'GET';
      const result = authenticateRequest(makeRequest({ method, rawUrl: `${url.pathname}${url.search}`, headers: [['host', url.host]] }), lookup, opts);
      expect(result.method).toBe('v4-query');
    }
  });
});
