import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { Account } from '../../../src/iam/account';
import type { AccountLookup, AuthRequest } from '../../../src/s3/auth/auth.types';
import { S3Error } from '../../../src/s3/errors/s3-error';
import type { S3ErrorCode } from '../../../src/s3/errors/s3-error-catalog';

export type HeaderList = Array<[string, string]>;

/** Builds what Node would hand over: folded `headers` plus the faithful `rawHeaders`. */
export function makeRequest(opts: {
  method: string;
  rawUrl: string;
  headers: HeaderList;
  body?: Buffer | string | Readable;
  withRawHeaders?: boolean;
}): AuthRequest {
  const headers: IncomingHttpHeaders = {};
  const rawHeaders: string[] = [];
  for (const [name, value] of opts.headers) {
    const lower = name.toLowerCase();
    const prev = headers[lower];
    headers[lower] = prev === undefined ? value : `${String(prev)}, ${value}`;
    rawHeaders.push(name, value);
  }
  const body =
    opts.body instanceof Readable ? opts.body : Readable.from(opts.body === undefined || opts.body === '' ? [] : [Buffer.from(opts.body)]);
  return { method: opts.method, rawUrl: opts.rawUrl, headers, rawHeaders: opts.withRawHeaders === false ? undefined : rawHeaders, body };
}

export function lookupFor(...accounts: Array<Pick<Account, 'access' | 'secret'>>): AccountLookup {
  return (access) => {
    const found = accounts.find((a) => a.access === access);
    return found ? { access: found.access, secret: found.secret, role: 'user' } : undefined;
  };
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(parts);
}

/** Reads the stream and resolves to the error it failed with (or undefined), checking 'end' never came. */
export async function readExpectingError(stream: Readable): Promise<{ error: unknown; ended: boolean; data: Buffer }> {
  const parts: Buffer[] = [];
  let ended = false;
  stream.on('end', () => {
    ended = true;
  });
  try {
    for await (const chunk of stream) parts.push(Buffer.from(chunk as Uint8Array));
    return { error: undefined, ended, data: Buffer.concat(parts) };
  } catch (error) {
    return { error, ended, data: Buffer.concat(parts) };
  }
}

export function expectS3Error(fn: () => unknown, code: S3ErrorCode, message?: string | RegExp): S3Error {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  if (!(caught instanceof S3Error)) throw new Error(`expected S3Error ${code}, got ${String(caught)}`);
  expect(caught.code).toBe(code);
  if (message !== undefined) expect(caught.message).toMatch(message);
  return caught;
}

export function expectS3ErrorValue(err: unknown, code: S3ErrorCode): S3Error {
  if (!(err instanceof S3Error)) throw new Error(`expected S3Error ${code}, got ${String(err)}`);
  expect(err.code).toBe(code);
  return err;
}

/** Splits a buffer into pieces of `size` bytes, to drive the decoders across every boundary. */
export function streamOf(data: Buffer, size = data.length): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) parts.push(data.subarray(i, i + size));
  return Readable.from(parts);
}

// An independent signer (plain node:crypto, written from the AWS docs) for building test bodies.

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

export function testSigningKey(secret: string, date: string, region: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), 's3'), 'aws4_request');
}

export interface ChunkSigner {
  key: Buffer;
  amzDate: string;
  scope: string;
  seed: string;
}

/** Frames data as signed aws-chunked (chunk signatures chained from the seed). */
export function signedChunkedBody(
  signer: ChunkSigner,
  chunks: Buffer[],
  trailers?: HeaderList,
): { body: Buffer; signatures: string[] } {
  const out: Buffer[] = [];
  const signatures: string[] = [];
  let prev = signer.seed;
  for (const chunk of [...chunks, Buffer.alloc(0)]) {
    const sts = ['AWS4-HMAC-SHA256-PAYLOAD', signer.amzDate, signer.scope, prev, sha256(''), sha256(chunk)].join('\n');
    prev = hmac(signer.key, sts).toString('hex');
    signatures.push(prev);
    out.push(Buffer.from(`${chunk.length.toString(16)};chunk-signature=${prev}\r\n`), chunk);
    if (chunk.length > 0) out.push(Buffer.from('\r\n'));
  }
  if (trailers) {
    const canonical = trailers.map(([n, v]) => `${n}:${v}\n`).join('');
    const sts = ['AWS4-HMAC-SHA256-TRAILER', signer.amzDate, signer.scope, prev, sha256(canonical)].join('\n');
    const trailerSig = hmac(signer.key, sts).toString('hex');
    for (const [n, v] of trailers) out.push(Buffer.from(`${n}:${v}\r\n`));
    out.push(Buffer.from(`x-amz-trailer-signature:${trailerSig}\r\n`));
  }
  out.push(Buffer.from('\r\n'));
  return { body: Buffer.concat(out), signatures };
}

/** Frames data as unsigned aws-chunked with optional trailers, the way the JS SDK does. */
export function unsignedChunkedBody(chunks: Buffer[], trailers: HeaderList = []): Buffer {
  const out: Buffer[] = [];
  for (const chunk of chunks) out.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
  out.push(Buffer.from('0\r\n'));
  for (const [n, v] of trailers) out.push(Buffer.from(`${n}:${v}\r\n`));
  out.push(Buffer.from('\r\n'));
  return Buffer.concat(out);
}
