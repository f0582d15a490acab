import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketCorsCommand,
  GetBucketCorsCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
  type CORSRule,
} from '@aws-sdk/client-s3';
import { createApp, type GatewayApp } from '../../src/app.factory';
import { loadNativeFs } from '../../src/backends/posix/native/native-fs';
import { RunningGateway, startGateway } from './support/gateway';
import { errorCode } from './support/s3-error-code';
import { signedRequest, xmlCode } from './support/signed-request';
import { testConfig, TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from './support/test-config';

const RULES: CORSRule[] = [
  {
    ID: 'app',
    AllowedOrigins: ['https://app.example.com', 'https://*.example.org'],
    AllowedMethods: ['GET', 'PUT'],
    AllowedHeaders: ['Content-Type', 'x-amz-*'],
    ExposeHeaders: ['ETag', 'x-amz-request-id'],
    MaxAgeSeconds: 600,
  },
  { AllowedOrigins: ['*'], AllowedMethods: ['HEAD'] },
];

/** A browser's preflight, as fetch sends it (no signature). */
function preflight(endpoint: string, path: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${endpoint}${path}`, { method: 'OPTIONS', headers });
}

describe('bucket CORS (real gateway, @aws-sdk/client-s3 and fetch)', () => {
  let gw: RunningGateway;
  let s3: S3Client;

  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
    for (const Bucket of ['cors', 'plain']) await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutObjectCommand({ Bucket: 'cors', Key: 'page.html', Body: '<p>hi</p>' }));
  });
  afterAll(() => gw.stop());

  /** PutBucketCors with a document the SDK would not send, with its Content-MD5. */
  const putDocument = (bucket: string, document: string) =>
    signedRequest(gw.port, gw.rootCredentials, {
      method: 'PUT',
      path: `/${bucket}`,
      query: { cors: '' },
      body: document,
      headers: { 'content-md5': createHash('md5').update(document).digest('base64') },
    });

  describe('Put/Get/DeleteBucketCors', () => {
    it('answers NoSuchCORSConfiguration for a bucket without one, NoSuchBucket without the bucket', async () => {
      expect(await errorCode(s3.send(new GetBucketCorsCommand({ Bucket: 'plain' })))).toBe('NoSuchCORSConfiguration');
      expect(await errorCode(s3.send(new GetBucketCorsCommand({ Bucket: 'absent' })))).toBe('NoSuchBucket');
    });

    it('stores the rules in user.cors, answers them back, and journals the change in the bucket stream', async () => {
      await s3.send(new PutBucketCorsCommand({ Bucket: 'cors', CORSConfiguration: { CORSRules: RULES } }));
      const got = await s3.send(new GetBucketCorsCommand({ Bucket: 'cors' }));
      expect(got.CORSRules).toEqual([
        { ID: 'app', AllowedOrigins: RULES[0].AllowedOrigins, AllowedMethods: ['GET', 'PUT'], AllowedHeaders: ['Content-Type', 'x-amz-*'], ExposeHeaders: ['ETag', 'x-amz-request-id'], MaxAgeSeconds: 600 },
        { AllowedOrigins: ['*'], AllowedMethods: ['HEAD'] },
      ]);
      const stored = await loadNativeFs().getXattr(join(gw.root, 'cors'), 'user.cors');
      expect(stored?.toString()).toContain('<AllowedOrigin>https://app.example.com</AllowedOrigin>');
      const events = gw.gateway.services.events.readStream('bucket:cors');
      expect(events.map((event) => event.type)).toEqual(['BucketCreated', 'BucketCorsPut']);
    });

    it.each([
      ['no rule', '<CORSConfiguration></CORSConfiguration>', 'MalformedXML'],
      ['a rule without an origin', '<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>', 'MalformedXML'],
      ['an unknown method', '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod></CORSRule></CORSConfiguration>', 'InvalidRequest'],
      ['two wildcards in an origin', '<CORSConfiguration><CORSRule><AllowedOrigin>https://*.*.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>', 'InvalidRequest'],
      ['a header name with a space', '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedHeader>a b</AllowedHeader></CORSRule></CORSConfiguration>', 'InvalidRequest'],
    ])('refuses %s and keeps the configuration', async (_label, document, code) => {
      const res = await putDocument('cors', document);
      expect([res.status, xmlCode(res.body)]).toEqual([400, code]);
      expect((await s3.send(new GetBucketCorsCommand({ Bucket: 'cors' }))).CORSRules).toHaveLength(2);
    });

    it('refuses a document over 64 KiB with MaxMessageLengthExceeded', async () => {
      const rule = '<CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>';
      const document = `<CORSConfiguration>${rule.repeat(Math.ceil((64 * 1024) / rule.length) + 1)}</CORSConfiguration>`;
      const res = await putDocument('plain', document);
      expect([res.status, xmlCode(res.body)]).toEqual([400, 'MaxMessageLengthExceeded']);
    });

    it('refuses a document without Content-MD5 or a checksum', async () => {
      const res = await signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path: '/plain', query: { cors: '' }, body: '<CORSConfiguration/>' });
      expect(xmlCode(res.body)).toBe('InvalidRequest');
    });

    it("refuses another account's bucket", async () => {
      const mallory = { access: 'MALLORYCORS000000001', secret: 'mallory-cors-secret-0000000000000000000' };
      gw.gateway.services.iam.createAccount({ ...mallory, role: 'user' });
      expect(await errorCode(gw.s3(mallory).send(new GetBucketCorsCommand({ Bucket: 'cors' })))).toBe('AccessDenied');
      expect(await errorCode(gw.s3(mallory).send(new DeleteBucketCorsCommand({ Bucket: 'cors' })))).toBe('AccessDenied');
    });
  });

  describe('preflight (OPTIONS, unsigned, from fetch)', () => {
    it('answers a request a rule allows with its Access-Control-* headers', async () => {
      const res = await preflight(gw.endpoint, '/cors/page.html', {
        Origin: 'https://app.example.com',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'Content-Type, X-Amz-Meta-Color',
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(res.headers.get('access-control-allow-methods')).toBe('GET, PUT');
      expect(res.headers.get('access-control-allow-headers')).toBe('content-type, x-amz-meta-color');
      expect(res.headers.get('access-control-expose-headers')).toBe('ETag, x-amz-request-id');
      expect(res.headers.get('access-control-max-age')).toBe('600');
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('vary')).toBe('Origin, Access-Control-Request-Headers, Access-Control-Request-Method');
      expect(res.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
    });

    it('matches a wildcard origin and answers * without credentials for an any-origin rule', async () => {
      const sub = await preflight(gw.endpoint, '/cors', { Origin: 'https://docs.example.org', 'Access-Control-Request-Method': 'GET' });
      expect([sub.status, sub.headers.get('access-control-allow-origin')]).toEqual([200, 'https://docs.example.org']);
      const any = await preflight(gw.endpoint, '/cors/page.html', { Origin: 'https://elsewhere.test', 'Access-Control-Request-Method': 'HEAD' });
      expect([any.status, any.headers.get('access-control-allow-origin'), any.headers.get('access-control-allow-credentials')]).toEqual([200, '*', null]);
    });

    it.each([
      ['an origin no rule names', { Origin: 'https://evil.test', 'Access-Control-Request-Method': 'PUT' }],
      ['a method the rule does not allow', { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'DELETE' }],
      ['a header the rule does not allow', { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization-ish' }],
    ])('refuses %s with 403 AccessForbidden', async (_label, headers) => {
      const res = await preflight(gw.endpoint, '/cors/page.html', headers);
      const body = await res.text();
      expect([res.status, xmlCode(body)]).toEqual([403, 'AccessForbidden']);
      expect(body).toContain('<Method>OPTIONS</Method><ResourceType>OBJECT</ResourceType>');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses a preflight to a bucket without CORS, and one without Origin or method', async () => {
      const none = await preflight(gw.endpoint, '/plain/x', { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'GET' });
      const body = await none.text();
      expect([none.status, xmlCode(body)]).toEqual([403, 'AccessForbidden']);
      expect(body).toContain('CORS is not enabled for this bucket');
      const noOrigin = await preflight(gw.endpoint, '/cors', { 'Access-Control-Request-Method': 'GET' });
      expect([noOrigin.status, xmlCode(await noOrigin.text())]).toEqual([400, 'BadRequest']);
      const noMethod = await preflight(gw.endpoint, '/cors', { Origin: 'https://app.example.com' });
      expect([noMethod.status, xmlCode(await noMethod.text())]).toEqual([400, 'BadRequest']);
    });
  });

  describe('actual requests with an Origin', () => {
    it('carry the Access-Control-* headers and Vary on success', async () => {
      const res = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/cors/page.html', headers: { origin: 'https://app.example.com' } });
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
      expect(res.headers['access-control-expose-headers']).toBe('ETag, x-amz-request-id');
      expect(res.headers.vary).toBe('Origin, Access-Control-Request-Headers, Access-Control-Request-Method');
      expect(res.headers['access-control-allow-headers']).toBeUndefined();
    });

    it('carry them on errors too (an anonymous GET refused, a missing key)', async () => {
      const refused = await fetch(`${gw.endpoint}/cors/page.html`, { headers: { Origin: 'https://app.example.com' } });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      const missing = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/cors/absent', headers: { origin: 'https://app.example.com' } });
      expect([missing.status, missing.headers['access-control-allow-origin']]).toEqual([404, 'https://app.example.com']);
    });

    it('carry only Vary when no rule allows the origin and method, and nothing without an Origin or CORS', async () => {
      const denied = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/cors/page.html', headers: { origin: 'https://evil.test' } });
      expect([denied.headers['access-control-allow-origin'], denied.headers.vary]).toEqual([undefined, 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method']);
      const noOrigin = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/cors/page.html' });
      expect([noOrigin.headers['access-control-allow-origin'], noOrigin.headers.vary]).toEqual([undefined, undefined]);
      const plain = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/plain', headers: { origin: 'https://app.example.com' } });
      expect([plain.headers['access-control-allow-origin'], plain.headers.vary]).toEqual([undefined, undefined]);
    });

    it('follow a change at once: deleted rules stop the headers, and a second delete succeeds', async () => {
      await s3.send(new DeleteBucketCorsCommand({ Bucket: 'cors' }));
      const res = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/cors/page.html', headers: { origin: 'https://app.example.com' } });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(await errorCode(s3.send(new GetBucketCorsCommand({ Bucket: 'cors' })))).toBe('NoSuchCORSConfiguration');
      const again = await s3.send(new DeleteBucketCorsCommand({ Bucket: 'cors' }));
      expect(again.$metadata.httpStatusCode).toBe(204);
      expect(gw.gateway.services.events.readStream('bucket:cors').map((event) => event.type)).toEqual(['BucketCreated', 'BucketCorsPut', 'BucketCorsDeleted']);
    });
  });
});

describe('bucket CORS and the bucket itself', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.stop());

  it('a bucket deleted and made again under its name has no CORS, even just after being read', async () => {
    const s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'again' }));
    await s3.send(new PutBucketCorsCommand({ Bucket: 'again', CORSConfiguration: { CORSRules: [RULES[1]] } }));
    const headers = { Origin: 'https://elsewhere.test', 'Access-Control-Request-Method': 'HEAD' };
    expect((await preflight(gw.endpoint, '/again', headers)).status).toBe(200);
    await s3.send(new DeleteBucketCommand({ Bucket: 'again' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'again' }));
    expect((await preflight(gw.endpoint, '/again', headers)).status).toBe(403);
  });
});

describe('bucket CORS across a restart', () => {
  let root: string;
  const listen = async (): Promise<{ app: GatewayApp; endpoint: string }> => {
    const app = await createApp(testConfig(root));
    await app.app.listen(0, '127.0.0.1');
    return { app, endpoint: `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}` };
  };
  const client = (endpoint: string) =>
    new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: TEST_ROOT_ACCESS, secretAccessKey: TEST_ROOT_SECRET } });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tracegw-cors-restart-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('keeps the configuration: GetBucketCors and preflights answer as before', async () => {
    const first = await listen();
    const s3 = client(first.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: 'kept' }));
    await s3.send(new PutBucketCorsCommand({ Bucket: 'kept', CORSConfiguration: { CORSRules: [RULES[0]] } }));
    s3.destroy();
    await first.app.close();

    const second = await listen();
    try {
      const again = client(second.endpoint);
      expect((await again.send(new GetBucketCorsCommand({ Bucket: 'kept' }))).CORSRules?.[0].ID).toBe('app');
      again.destroy();
      const res = await preflight(second.endpoint, '/kept/x', { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'GET' });
      expect(res.status).toBe(200);
      expect(second.app.services.events.readStream('bucket:kept').map((event) => event.type)).toEqual(['BucketCreated', 'BucketCorsPut']);
    } finally {
      await second.app.close();
    }
  });
});
