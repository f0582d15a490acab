import { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { RunningGateway, startGateway } from './support/gateway';
import { sendV2 } from './support/sigv2-signer';
import { xmlCode } from './support/signed-request';

/** Every name resolves to loopback: `<bucket>.localhost` never reaches a real resolver. */
const loopback: LookupFunction = (_hostname, options, callback) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

describe('virtual-hosted-style addressing with --virtual-domain (real gateway)', () => {
  let gw: RunningGateway;
  let client: S3Client;
  /** The Host of every request the SDK sent, to prove it addressed buckets by name. */
  const hosts: string[] = [];

  beforeAll(async () => {
    gw = await startGateway(() => ({ virtualDomain: 'localhost' }));
    client = new S3Client({
      endpoint: `http://localhost:${gw.port}`,
      region: 'us-east-1',
      forcePathStyle: false,
      credentials: { accessKeyId: gw.rootCredentials.access, secretAccessKey: gw.rootCredentials.secret },
      requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, lookup: loopback }) }),
    });
    client.middlewareStack.add(
      (next) => async (args) => {
        const { request } = args as { request: { hostname: string; headers: Record<string, string> } };
        hosts.push(request.headers.host ?? request.hostname);
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordHost' },
    );
  });
  afterAll(async () => {
    client.destroy();
    await gw.stop();
  });

  it('serves SigV4 requests of @aws-sdk/client-s3 (forcePathStyle false) to <bucket>.localhost', async () => {
    hosts.length = 0;
    await client.send(new CreateBucketCommand({ Bucket: 'vhost' }));
    await client.send(new PutObjectCommand({ Bucket: 'vhost', Key: 'dir/a b.txt', Body: 'hosted', ContentType: 'text/plain' }));
    expect(await readFile(join(gw.root, 'vhost', 'dir', 'a b.txt'), 'utf8')).toBe('hosted');
    const got = await client.send(new GetObjectCommand({ Bucket: 'vhost', Key: 'dir/a b.txt' }));
    expect(await got.Body?.transformToString()).toBe('hosted');
    expect((await client.send(new HeadObjectCommand({ Bucket: 'vhost', Key: 'dir/a b.txt' }))).ContentType).toBe('text/plain');
    await client.send(new PutObjectTaggingCommand({ Bucket: 'vhost', Key: 'dir/a b.txt', Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } }));
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'vhost', Prefix: 'dir/' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['dir/a b.txt']);
    await client.send(new DeleteObjectCommand({ Bucket: 'vhost', Key: 'dir/a b.txt' }));
    expect(new Set(hosts)).toEqual(new Set([`vhost.localhost:${gw.port}`]));
  });

  it('keeps path-style requests working beside it', async () => {
    const pathStyle = gw.s3();
    await pathStyle.send(new PutObjectCommand({ Bucket: 'vhost', Key: 'path.txt', Body: 'path-style' }));
    const got = await client.send(new GetObjectCommand({ Bucket: 'vhost', Key: 'path.txt' }));
    expect(await got.Body?.transformToString()).toBe('path-style');
  });

  it('serves a bucket name with dots in the Host, and path-style as the SDK sends it', async () => {
    await gw.s3().send(new CreateBucketCommand({ Bucket: 'my.dotted.bucket' }));
    const res = await sendV2(gw.port, gw.rootCredentials, {
      method: 'PUT',
      path: '/report.csv',
      hostBucket: 'my.dotted.bucket',
      host: `my.dotted.bucket.localhost:${gw.port}`,
      body: 'a,b\n',
    });
    expect(res.status).toBe(200);
    expect(await readFile(join(gw.root, 'my.dotted.bucket', 'report.csv'), 'utf8')).toBe('a,b\n');
    hosts.length = 0;
    const got = await client.send(new GetObjectCommand({ Bucket: 'my.dotted.bucket', Key: 'report.csv' }));
    expect(await got.Body?.transformToString()).toBe('a,b\n');
    // The SDK addresses a dotted name path-style by itself (a TLS wildcard would not cover it): both are served.
    expect(hosts).toEqual([`localhost:${gw.port}`]);
  });

  it('SigV2 signs the Host bucket as the start of the resource', async () => {
    const host = `vhost.localhost:${gw.port}`;
    const listed = await sendV2(gw.port, gw.rootCredentials, { method: 'GET', path: '/', query: 'prefix=path', hostBucket: 'vhost', host });
    expect(listed.status).toBe(200);
    expect(listed.body).toContain('<Key>path.txt</Key>');
    // Signed as a path-style request would be: the resource lacks the bucket.
    const unsigned = await sendV2(gw.port, gw.rootCredentials, { method: 'GET', path: '/path.txt', host });
    expect(xmlCode(unsigned.body)).toBe('SignatureDoesNotMatch');
  });
});
