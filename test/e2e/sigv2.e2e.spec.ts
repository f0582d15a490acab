import { CreateBucketCommand, GetObjectTaggingCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsCliFor } from './support/aws-cli';
import { RunningGateway, startGateway } from './support/gateway';
import { rcloneFor } from './support/rclone';
import { presignV2, sendV2, v2Signature, v2StringToSign } from './support/sigv2-signer';
import { xmlCode, xmlElement } from './support/signed-request';

const inAMinute = () => Math.floor(Date.now() / 1000) + 60;

describe('Signature Version 2 (real gateway)', () => {
  let gw: RunningGateway;
  let root: S3Client;
  const bucket = 'v2bucket';

  beforeAll(async () => {
    gw = await startGateway();
    root = gw.s3();
    await root.send(new CreateBucketCommand({ Bucket: bucket }));
    await root.send(new PutObjectCommand({ Bucket: bucket, Key: 'docs/hello.txt', Body: 'hello, v2' }));
  });
  afterAll(() => gw.stop());

  it("serves a URL from `aws s3 presign` (aws-cli's default, SigV2) to plain fetch", async () => {
    const cli = await awsCliFor(gw);
    try {
      const url = (await cli.aws('s3', 'presign', `s3://${bucket}/docs/hello.txt`, '--expires-in', '300')).trim();
      expect(new URL(url).searchParams.get('AWSAccessKeyId')).toBe(gw.rootCredentials.access);
      expect(url).not.toContain('X-Amz-Signature');
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('hello, v2');
    } finally {
      await cli.dispose();
    }
  });

  it('serves presigned GET (with a signed response override) and PUT URLs from the suite signer', async () => {
    const put = presignV2(gw.endpoint, gw.rootCredentials, { method: 'PUT', path: `/${bucket}/up%20load.txt`, headers: { 'content-type': 'text/plain' } }, inAMinute());
    const stored = await fetch(put, { method: 'PUT', body: 'put through v2', headers: { 'content-type': 'text/plain' } });
    expect(stored.status).toBe(200);
    expect(await readFile(join(gw.root, bucket, 'up load.txt'), 'utf8')).toBe('put through v2');

    const get = presignV2(gw.endpoint, gw.rootCredentials, { method: 'GET', path: `/${bucket}/up%20load.txt`, query: 'response-content-type=application%2Fx-test' }, inAMinute());
    const got = await fetch(get);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/x-test');
    expect(await got.text()).toBe('put through v2');
  });

  it('answers an expired URL with AccessDenied "Request has expired", its Expires and the server time', async () => {
    const expires = Math.floor(Date.now() / 1000) - 5;
    const res = await fetch(presignV2(gw.endpoint, gw.rootCredentials, { method: 'GET', path: `/${bucket}/docs/hello.txt` }, expires));
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(xmlCode(body)).toBe('AccessDenied');
    expect(xmlElement(body, 'Message')).toBe('Request has expired');
    expect(xmlElement(body, 'Expires')).toBe(new Date(expires * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(xmlElement(body, 'ServerTime')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('answers a tampered URL with SignatureDoesNotMatch, showing the string it signed and the signature provided', async () => {
    const expires = inAMinute();
    const url = presignV2(gw.endpoint, gw.rootCredentials, { method: 'GET', path: `/${bucket}/docs/hello.txt` }, expires);
    const res = await fetch(url.replace('hello.txt', 'other.txt'));
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(xmlCode(body)).toBe('SignatureDoesNotMatch');
    expect(xmlElement(body, 'StringToSign')).toBe(`GET\n\n\n${expires}\n/${bucket}/docs/other.txt`);
    expect(xmlElement(body, 'SignatureProvided')).toBe(decodeURIComponent(/Signature=([^&]*)/.exec(url)?.[1] ?? ''));
    expect(xmlElement(body, 'AWSAccessKeyId')).toBe(gw.rootCredentials.access);
  });

  it('accepts header-signed PUT and GET, with x-amz-meta-* and x-amz-date signed', async () => {
    const put = await sendV2(gw.port, gw.rootCredentials, {
      method: 'PUT',
      path: `/${bucket}/header.txt`,
      body: 'signed in the header',
      headers: { 'content-type': 'text/plain', 'x-amz-meta-colour': 'blue', 'x-amz-date': new Date().toUTCString() },
    });
    expect(put.status).toBe(200);
    const get = await sendV2(gw.port, gw.rootCredentials, { method: 'GET', path: `/${bucket}/header.txt` });
    expect(get.status).toBe(200);
    expect(get.body).toBe('signed in the header');
    expect(get.headers['x-amz-meta-colour']).toBe('blue');
  });

  it('signs the ?tagging sub-resource and Content-MD5: PutObjectTagging and GetObjectTagging', async () => {
    const tagging = '<Tagging><TagSet><Tag><Key>team</Key><Value>storage</Value></Tag></TagSet></Tagging>';
    const put = await sendV2(gw.port, gw.rootCredentials, { method: 'PUT', path: `/${bucket}/docs/hello.txt`, query: 'tagging', body: tagging, headers: { 'content-md5': createHash('md5').update(tagging).digest('base64') } });
    expect(put.status).toBe(200);
    const get = await sendV2(gw.port, gw.rootCredentials, { method: 'GET', path: `/${bucket}/docs/hello.txt`, query: 'tagging' });
    expect(get.status).toBe(200);
    expect(get.body).toContain('<Key>team</Key><Value>storage</Value>');
    const tags = await root.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'docs/hello.txt' }));
    expect(tags.TagSet).toEqual([{ Key: 'team', Value: 'storage' }]);
  });

  it('signs ?uploads and ?partNumber&uploadId: a multipart upload from start to end', async () => {
    const created = await sendV2(gw.port, gw.rootCredentials, { method: 'POST', path: `/${bucket}/multi.bin`, query: 'uploads' });
    expect(created.status).toBe(200);
    const uploadId = xmlElement(created.body, 'UploadId') ?? '';
    expect(uploadId).not.toBe('');
    const query = `partNumber=1&uploadId=${encodeURIComponent(uploadId)}`;
    const part = await sendV2(gw.port, gw.rootCredentials, { method: 'PUT', path: `/${bucket}/multi.bin`, query, body: 'one part' });
    expect(part.status).toBe(200);
    const etag = part.headers.etag as string;
    const complete = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag}</ETag></Part></CompleteMultipartUpload>`;
    const done = await sendV2(gw.port, gw.rootCredentials, { method: 'POST', path: `/${bucket}/multi.bin`, query: `uploadId=${encodeURIComponent(uploadId)}`, body: complete });
    expect(done.status).toBe(200);
    expect(await readFile(join(gw.root, bucket, 'multi.bin'), 'utf8')).toBe('one part');
  });

  it('refuses a sub-resource left out of the signature', async () => {
    // Signed for GetObject, sent as GetObjectTagging.
    const date = new Date().toUTCString();
    const signature = v2Signature(gw.rootCredentials.secret, v2StringToSign({ method: 'GET', path: `/${bucket}/docs/hello.txt` }, date));
    const res = await fetch(`${gw.endpoint}/${bucket}/docs/hello.txt?tagging`, { headers: { date, authorization: `AWS ${gw.rootCredentials.access}:${signature}` } });
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(xmlCode(body)).toBe('SignatureDoesNotMatch');
    expect(xmlElement(body, 'StringToSign')).toBe(`GET\n\n\n${date}\n/${bucket}/docs/hello.txt?tagging`);
  });

  it('answers a header dated 20 minutes ago with RequestTimeTooSkewed', async () => {
    const res = await sendV2(gw.port, gw.rootCredentials, { method: 'GET', path: '/', date: new Date(Date.now() - 20 * 60_000) });
    expect(res.status).toBe(403);
    expect(xmlCode(res.body)).toBe('RequestTimeTooSkewed');
    expect(xmlElement(res.body, 'MaxAllowedSkewMilliseconds')).toBe('900000');
  });

  it('answers a wrong secret with SignatureDoesNotMatch and an unknown key with InvalidAccessKeyId', async () => {
    const wrong = await sendV2(gw.port, { access: gw.rootCredentials.access, secret: 'not-the-secret' }, { method: 'GET', path: '/' });
    expect(xmlCode(wrong.body)).toBe('SignatureDoesNotMatch');
    const unknown = await sendV2(gw.port, { access: 'NOSUCHKEY', secret: 'x' }, { method: 'GET', path: '/' });
    expect(xmlCode(unknown.body)).toBe('InvalidAccessKeyId');
  });
});

describe('--disable-sigv2 (real gateway)', () => {
  let gw: RunningGateway;

  beforeAll(async () => {
    gw = await startGateway(() => ({ disableSigV2: true }));
  });
  afterAll(() => gw.stop());

  it('refuses the header and the presigned form with InvalidRequest, and keeps SigV4', async () => {
    const header = await sendV2(gw.port, gw.rootCredentials, { method: 'GET', path: '/' });
    expect(header.status).toBe(400);
    expect(xmlCode(header.body)).toBe('InvalidRequest');
    expect(xmlElement(header.body, 'Message')).toBe('The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
    const presigned = await fetch(presignV2(gw.endpoint, gw.rootCredentials, { method: 'GET', path: '/' }, inAMinute()));
    expect(presigned.status).toBe(400);
    expect(xmlCode(await presigned.text())).toBe('InvalidRequest');
    expect((await gw.s3().send(new ListBucketsCommand({}))).Buckets).toEqual([]);
  });
});

/** rclone with `v2_auth = true`: a real client's SigV2 signer, multipart sub-resources included. */
describe('rclone signing with SigV2 (real gateway)', () => {
  let gw: RunningGateway;
  let work: string;

  beforeAll(async () => {
    gw = await startGateway();
    work = await mkdtemp(join(tmpdir(), 'tracegw-rclone-v2-'));
  });
  afterAll(async () => {
    await gw.stop();
    await rm(work, { recursive: true, force: true });
  });

  /** rclone signing with SigV2 (its v2_auth), against the gateway's root account. */
  const rclone = (...args: string[]): Promise<{ stdout: string; stderr: string }> => rcloneFor(gw, work, { V2_AUTH: 'true' })(...args);

  it('makes a bucket, uploads in parts, lists and downloads', async () => {
    const data = Buffer.alloc(11 * 1024 * 1024 + 5, 3);
    await writeFile(join(work, 'eleven.bin'), data);
    await rclone('mkdir', 'tgw:rclone-v2');
    await rclone('copyto', join(work, 'eleven.bin'), 'tgw:rclone-v2/dir/eleven.bin', '--s3-upload-cutoff', '5M', '--s3-chunk-size', '5M');
    expect((await readFile(join(gw.root, 'rclone-v2', 'dir', 'eleven.bin'))).equals(data)).toBe(true);
    expect((await rclone('lsf', '-R', 'tgw:rclone-v2')).stdout.split('\n')).toContain('dir/eleven.bin');
    await rclone('copyto', 'tgw:rclone-v2/dir/eleven.bin', join(work, 'back.bin'));
    expect((await readFile(join(work, 'back.bin'))).equals(data)).toBe(true);
  });
});
