import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { signRequest } from '../../../src/cli/admin/sign-request';
import { authenticateRequest } from '../../../src/s3/auth/authenticate-request';
import { S3Error } from '../../../src/s3/errors/s3-error';
import { lookupFor, makeRequest, readAll } from '../sigv4/helpers';

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string' ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

const credentials = { access: 'ADMINKEY', secret: 'admin/secret+key', region: 'us-east-1' };
const now = new Date('2025-06-01T12:00:00Z');

function signed(url: string, body: string) {
  return signRequest({ method: 'PATCH', url: new URL(url), headers: { 'Content-Type': 'application/json' }, body: Buffer.from(body) }, credentials, now);
}

function asReceived(url: string, headers: Record<string, string>, body: string) {
  const { pathname, search } = new URL(url);
  return makeRequest({ method: 'PATCH', rawUrl: `${pathname}${search}`, headers: Object.entries(headers), body });
}

describe('the admin CLI signer', () => {
  const url = 'http://127.0.0.1:7070/list-operations?prefix=a%20b%2Fc&bucket=photos&error-code=NoSuchKey';

  it('produces requests the gateway authenticates, body hash included', async () => {
    const body = '{"access":"alice"}';
    const headers = signed(url, body);
    const auth = authenticateRequest(asReceived(url, headers, body), lookupFor(credentials), { region: 'us-east-1', now: () => now });
    expect(auth.account?.access).toBe('ADMINKEY');
    expect((await readAll(auth.body)).toString()).toBe(body);
  });

  it('signs the payload: a changed body fails verification', async () => {
    const headers = signed(url, '{"role":"user"}');
    const auth = authenticateRequest(asReceived(url, headers, '{"role":"admin"}'), lookupFor(credentials), { region: 'us-east-1', now: () => now });
    await expect(readAll(auth.body)).rejects.toBeInstanceOf(S3Error);
  });

  it('signs the query: a changed parameter fails verification', () => {
    const headers = signed(url, '');
    const tampered = url.replace('photos', 'secrets');
    expect(() => authenticateRequest(asReceived(tampered, headers, ''), lookupFor(credentials), { region: 'us-east-1', now: () => now })).toThrow(
      expect.objectContaining({ code: 'SignatureDoesNotMatch' }),
    );
  });

  it('computes the signature the AWS SDK signer computes for the same request', async () => {
    const body = '{"secret":"n3w"}';
    const ours = signed(url, body);
    const sdk = new SignatureV4({
      service: 's3',
      region: 'us-east-1',
      credentials: { accessKeyId: credentials.access, secretAccessKey: credentials.secret },
      sha256: class {
        private readonly hash;
        constructor(secret?: SourceData) {
          this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
        }
        update(data: SourceData): void {
          this.hash.update(bytes(data));
        }
        digest(): Promise<Uint8Array> {
          return Promise.resolve(new Uint8Array(this.hash.digest()));
        }
      },
      uriEscapePath: false,
    });
    const { pathname, searchParams } = new URL(url);
    const theirs = await sdk.sign(
      {
        method: 'PATCH',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: 7070,
        path: pathname,
        query: Object.fromEntries(searchParams),
        headers: { host: '127.0.0.1:7070', 'content-type': 'application/json', 'x-amz-content-sha256': ours['x-amz-content-sha256'] },
        body,
      },
      { signingDate: now },
    );
    const signature = (authorization: string) => /Signature=([0-9a-f]{64})/.exec(authorization)?.[1];
    expect(signature(ours.authorization)).toBe(signature(String(theirs.headers.authorization)));
  });
});
