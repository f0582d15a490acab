import { createHash, createHmac } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectTaggingCommand, HeadObjectCommand, PutBucketAclCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost, type PresignedPostOptions } from '@aws-sdk/s3-presigned-post';
import { adminCall } from './admin/admin-client';
import { RunningGateway, startGateway } from './support/gateway';
import { xmlCode, xmlElement } from './support/signed-request';

type Condition = NonNullable<PresignedPostOptions['Conditions']>[number];

describe('POST Object: browser uploads with a policy document (real gateway)', () => {
  let gw: RunningGateway;
  let root: S3Client;
  const bucket = 'uploads';

  beforeAll(async () => {
    gw = await startGateway();
    root = gw.s3();
    await root.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterAll(() => gw.stop());

  /** A form from @aws-sdk/s3-presigned-post, submitted with FormData as a browser would: fields first, the file last. */
  async function post(
    options: Omit<PresignedPostOptions, 'Bucket'>,
    file: { data: string | Buffer; name: string } | undefined,
    change: (fields: Record<string, string>) => void = () => undefined,
  ): Promise<Response> {
    const { url, fields } = await presignedPost(options);
    change(fields);
    return submit(url, fields, file);
  }

  function presignedPost(options: Omit<PresignedPostOptions, 'Bucket'>): ReturnType<typeof createPresignedPost> {
    // The presigned-post package pins its own client-s3; the client's shape is the same.
    return createPresignedPost(root as unknown as Parameters<typeof createPresignedPost>[0], { Bucket: bucket, ...options });
  }

  /** The form's fields, its file, then `after`: fields a form may carry past its file, which S3 ignores. */
  function formOf(fields: Record<string, string>, file: { data: string | Buffer; name: string } | undefined, after: Record<string, string> = {}): FormData {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    if (file) form.append('file', new Blob([file.data]), file.name);
    for (const [name, value] of Object.entries(after)) form.append(name, value);
    return form;
  }

  function submit(url: string, fields: Record<string, string>, file: { data: string | Buffer; name: string } | undefined, after?: Record<string, string>): Promise<Response> {
    return fetch(url, { method: 'POST', body: formOf(fields, file, after), redirect: 'manual' });
  }

  /** A presigned form for `key` encoded exactly as fetch would send it, for requests fetch cannot make. */
  async function encodedForm(key: string, file: { data: string | Buffer; name: string }): Promise<{ url: string; body: Buffer; headers: Record<string, string> }> {
    const { url, fields } = await presignedPost({ Key: key });
    const encoded = new Request(url, { method: 'POST', body: formOf(fields, file) });
    const body = Buffer.from(await encoded.arrayBuffer());
    return { url, body, headers: { 'content-type': encoded.headers.get('content-type') ?? '', 'content-length': String(body.length) } };
  }

  async function refusal(response: Response): Promise<{ status: number; code: string | undefined; message: string | undefined; body: string }> {
    const body = await response.text();
    return { status: response.status, code: xmlCode(body), message: xmlElement(body, 'Message'), body };
  }

  it('stores the file under the key with ${filename}, with its Content-Type and metadata, and answers 201 with a PostResponse', async () => {
    const res = await post(
      {
        Key: 'photos/${filename}',
        Conditions: [['starts-with', '$key', 'photos/'], ['content-length-range', 1, 1024], ['starts-with', '$Content-Type', 'text/']],
        Fields: { 'Content-Type': 'text/plain', 'x-amz-meta-owner': 'alice', success_action_status: '201' },
      },
      { data: 'hello from a form', name: 'note.txt' },
    );
    const body = await res.text();
    expect(res.status).toBe(201);
    expect(xmlElement(body, 'Key')).toBe('photos/note.txt');
    expect(xmlElement(body, 'Bucket')).toBe(bucket);
    expect(xmlElement(body, 'Location')).toBe(`${gw.endpoint}/${bucket}/photos/note.txt`);
    const md5 = createHash('md5').update('hello from a form').digest('hex');
    expect(xmlElement(body, 'ETag')).toBe(`"${md5}"`);
    expect(res.headers.get('etag')).toBe(`"${md5}"`);
    expect(await readFile(join(gw.root, bucket, 'photos', 'note.txt'), 'utf8')).toBe('hello from a form');
    const head = await root.send(new HeadObjectCommand({ Bucket: bucket, Key: 'photos/note.txt' }));
    expect(head.ContentType).toBe('text/plain');
    expect(head.Metadata).toEqual({ owner: 'alice' });
  });

  it('answers 204 by default and 200 with success_action_status 200', async () => {
    expect((await post({ Key: 'plain.bin' }, { data: 'x', name: 'a' })).status).toBe(204);
    expect((await post({ Key: 'ok.bin', Fields: { success_action_status: '200' } }, { data: 'x', name: 'a' })).status).toBe(200);
  });

  it('streams a large file to disk', async () => {
    const data = Buffer.alloc(12 * 1024 * 1024, 7);
    const res = await post({ Key: 'big.bin', Conditions: [['content-length-range', 0, 64 * 1024 * 1024]] }, { data, name: 'big.bin' });
    expect(res.status).toBe(204);
    expect((await stat(join(gw.root, bucket, 'big.bin'))).size).toBe(data.length);
    expect(res.headers.get('etag')).toBe(`"${createHash('md5').update(data).digest('hex')}"`);
  });

  describe('fields after the file, which S3 ignores', () => {
    /** A presigned form for `key` with `after` appended past its file. */
    async function postWithFieldsAfter(options: Omit<PresignedPostOptions, 'Bucket'>, file: { data: string | Buffer; name: string }, after: Record<string, string>): Promise<Response> {
      const { url, fields } = await presignedPost(options);
      return submit(url, fields, file, after);
    }

    it('stores the file alone, neither the fields after it nor their bytes', async () => {
      const late = { 'x-amz-meta-late': 'never applied', 'Content-Type': 'image/png', note: 'x'.repeat(2000) };
      const res = await postWithFieldsAfter({ Key: 'trailing.txt', Fields: { 'Content-Type': 'text/plain' } }, { data: 'the file itself', name: 't.txt' }, late);
      expect(res.status).toBe(204);
      expect(res.headers.get('etag')).toBe(`"${createHash('md5').update('the file itself').digest('hex')}"`);
      expect(await readFile(join(gw.root, bucket, 'trailing.txt'), 'utf8')).toBe('the file itself');
      const head = await root.send(new HeadObjectCommand({ Bucket: bucket, Key: 'trailing.txt' }));
      expect({ type: head.ContentType, metadata: head.Metadata, length: head.ContentLength }).toEqual({ type: 'text/plain', metadata: {}, length: 15 });
    });

    it('streams a large file followed by fields to its exact size', async () => {
      const data = Buffer.alloc(3 * 1024 * 1024 + 5, 9);
      const res = await postWithFieldsAfter({ Key: 'big-trailing.bin' }, { data, name: 'b.bin' }, { after: 'y'.repeat(70_000) });
      expect(res.status).toBe(204);
      expect((await stat(join(gw.root, bucket, 'big-trailing.bin'))).size).toBe(data.length);
      expect(res.headers.get('etag')).toBe(`"${createHash('md5').update(data).digest('hex')}"`);
    });

    it('holds the file, not the form after it, to content-length-range', async () => {
      const range: Condition[] = [['content-length-range', 4, 10]];
      const fits = await postWithFieldsAfter({ Key: 'fits.txt', Conditions: range }, { data: 'ten bytes!', name: 'f' }, { after: 'z'.repeat(500) });
      expect(fits.status).toBe(204);
      expect(await readFile(join(gw.root, bucket, 'fits.txt'), 'utf8')).toBe('ten bytes!');

      const large = await refusal(await postWithFieldsAfter({ Key: 'over.txt', Conditions: range }, { data: 'eleven byte', name: 'o' }, { after: 'z' }));
      expect({ status: large.status, code: large.code, max: xmlElement(large.body, 'MaxSizeAllowed') }).toEqual({ status: 400, code: 'EntityTooLarge', max: '10' });
      const small = await refusal(await postWithFieldsAfter({ Key: 'under.txt', Conditions: range }, { data: 'abc', name: 'u' }, { after: 'z'.repeat(500) }));
      expect({ status: small.status, code: small.code, size: xmlElement(small.body, 'ProposedSize') }).toEqual({ status: 400, code: 'EntityTooSmall', size: '3' });
      for (const key of ['over.txt', 'under.txt']) await expect(stat(join(gw.root, bucket, key))).rejects.toThrow();
    });
  });

  it('tells a client waiting with Expect: 100-continue to send its form', async () => {
    // The body is held back until the gateway answers 100 Continue.
    const { url, body, headers } = await encodedForm('continued.txt', { data: 'after the 100', name: 'c.txt' });
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = httpRequest(url, {
        method: 'POST',
        headers: { ...headers, expect: '100-continue' },
      });
      outgoing.on('continue', () => outgoing.end(body));
      outgoing.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      outgoing.on('error', reject);
    });
    expect(status).toBe(204);
    expect(await readFile(join(gw.root, bucket, 'continued.txt'), 'utf8')).toBe('after the 100');
  });

  it('gives up on a form whose client goes away mid-file, storing nothing', async () => {
    const { url, body, headers } = await encodedForm('gone.bin', { data: Buffer.alloc(4 * 1024 * 1024, 1), name: 'gone.bin' });
    const outgoing = httpRequest(url, { method: 'POST', headers });
    outgoing.on('error', () => undefined);
    outgoing.write(body.subarray(0, body.length / 2), () => outgoing.destroy());
    // The operation ends (its history row is written, refused) rather than waiting for the rest of the file.
    const before = Date.now();
    let rows: Array<{ key: string | null; errorCode: string | null }> = [];
    while (rows.length === 0 && Date.now() - before < 5000) {
      await new Promise((r) => setTimeout(r, 50));
      const listing = await adminCall(gw, '/list-operations', { query: { bucket, operation: 'PostObject', status: '400' } });
      rows = (listing.json as { operations: typeof rows }).operations.filter((row) => row.key === 'gone.bin');
    }
    expect(rows.map((row) => [row.key, row.errorCode])).toEqual([['gone.bin', 'IncompleteBody']]);
    await expect(stat(join(gw.root, bucket, 'gone.bin'))).rejects.toThrow();
  });

  it('redirects to success_action_redirect with bucket, key and etag', async () => {
    const res = await post({ Key: 'redirected.txt', Fields: { success_action_redirect: 'https://app.example/done?from=form' } }, { data: 'r', name: 'r.txt' });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('https://app.example/done');
    expect(Object.fromEntries(location.searchParams)).toEqual({
      from: 'form',
      bucket,
      key: 'redirected.txt',
      etag: `"${createHash('md5').update('r').digest('hex')}"`,
    });
  });

  it('keeps the tagging field and verifies a checksum field against the file', async () => {
    const tagging = '<Tagging><TagSet><Tag><Key>team</Key><Value>web</Value></Tag></TagSet></Tagging>';
    const sha256 = createHash('sha256').update('tagged').digest('base64');
    const res = await post({ Key: 'tagged.txt', Fields: { tagging, 'x-amz-checksum-sha256': sha256 } }, { data: 'tagged', name: 't' });
    expect(res.status).toBe(204);
    expect(res.headers.get('x-amz-checksum-sha256')).toBe(sha256);
    expect((await root.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'tagged.txt' }))).TagSet).toEqual([{ Key: 'team', Value: 'web' }]);

    const wrong = await post({ Key: 'badsum.txt', Fields: { 'x-amz-checksum-sha256': sha256 } }, { data: 'not the same', name: 't' });
    expect((await refusal(wrong)).code).toBe('BadDigest');
    await expect(stat(join(gw.root, bucket, 'badsum.txt'))).rejects.toThrow();
  });

  describe('refusals, each leaving nothing behind', () => {
    const cases: Array<[string, Omit<PresignedPostOptions, 'Bucket'>, string, number, string | RegExp, ((f: Record<string, string>) => void)?]> = [
      ['a key outside its starts-with', { Key: 'elsewhere/x.txt', Conditions: [['starts-with', '$key', 'photos/'] as Condition] }, 'AccessDenied', 403, 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "photos/"]'],
      ['a Content-Type other than its eq', { Key: 'ct.txt', Conditions: [{ 'Content-Type': 'image/png' }], Fields: { 'Content-Type': 'text/plain' } }, 'AccessDenied', 403, 'Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "image/png"]'],
      ['an x-amz-meta-* value other than the policy says', { Key: 'meta.txt', Conditions: [{ 'x-amz-meta-owner': 'alice' }], Fields: { 'x-amz-meta-owner': 'alice' } }, 'AccessDenied', 403, /Policy Condition failed: \["eq", "\$x-amz-meta-owner", "alice"\]/, (f) => { f['x-amz-meta-owner'] = 'mallory'; }],
      ['a field no condition names', { Key: 'extra.txt' }, 'AccessDenied', 403, 'Invalid according to Policy: Extra input fields: x-amz-meta-extra', (f) => { f['x-amz-meta-extra'] = 'sneaked in'; }],
      ['an expired policy', { Key: 'late.txt', Expires: -60 }, 'AccessDenied', 403, 'Invalid according to Policy: Policy expired.'],
      ['a file over content-length-range', { Key: 'large.txt', Conditions: [['content-length-range', 0, 4]] }, 'EntityTooLarge', 400, /exceeds the maximum allowed object size/],
      ['a file under content-length-range', { Key: 'small.txt', Conditions: [['content-length-range', 100, 200]] }, 'EntityTooSmall', 400, /smaller than the minimum allowed object size/],
      ['a success_action_status the policy does not allow', { Key: 'status.txt', Conditions: [{ success_action_status: '201' }], Fields: { success_action_status: '201' } }, 'AccessDenied', 403, /Policy Condition failed: \["eq", "\$success_action_status", "201"\]/, (f) => { f.success_action_status = '200'; }],
      ['a tampered policy', { Key: 'tampered.txt' }, 'SignatureDoesNotMatch', 403, /signature we calculated does not match/, (f) => { f.Policy = Buffer.from(JSON.stringify({ expiration: '2100-01-01T00:00:00Z', conditions: [{ bucket }] })).toString('base64'); }],
    ];
    const rows = cases.map(([what, options, code, status, message, change]) => ({ what, options, code, status, message, change }));
    it.each(rows)('$what', async ({ options, code, status, message, change }) => {
      const res = await refusal(await post(options, { data: 'hello', name: 'h.txt' }, change));
      expect({ status: res.status, code: res.code }).toEqual({ status, code });
      expect(res.message).toMatch(message);
      await expect(stat(join(gw.root, bucket, options.Key))).rejects.toThrow();
    });

    it('shows the policy as the string to sign of a SignatureDoesNotMatch', async () => {
      let policy = '';
      const res = await refusal(
        await post({ Key: 'sig.txt' }, { data: 'x', name: 'x' }, (f) => {
          policy = f.Policy;
          f['X-Amz-Signature'] = '0'.repeat(64);
        }),
      );
      expect(res.code).toBe('SignatureDoesNotMatch');
      expect(xmlElement(res.body, 'StringToSign')).toBe(policy);
      expect(xmlElement(res.body, 'SignatureProvided')).toBe('0'.repeat(64));
    });

    it('answers a form without a file with InvalidArgument', async () => {
      const res = await refusal(await post({ Key: 'nofile.txt' }, undefined));
      expect({ status: res.status, code: res.code, message: res.message }).toEqual({ status: 400, code: 'InvalidArgument', message: 'POST requires exactly one file upload per request.' });
    });

    it('answers a form without credentials with AccessDenied', async () => {
      const res = await refusal(await submit(`${gw.endpoint}/${bucket}`, { key: 'anon.txt' }, { data: 'a', name: 'a' }));
      expect({ status: res.status, code: res.code }).toEqual({ status: 403, code: 'AccessDenied' });
    });

    it('answers a POST that is not a form with PreconditionFailed', async () => {
      const res = await refusal(await fetch(`${gw.endpoint}/${bucket}`, { method: 'POST', body: 'key=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
      expect({ status: res.status, code: res.code }).toEqual({ status: 412, code: 'PreconditionFailed' });
      expect(xmlElement(res.body, 'Condition')).toBe('Bucket POST must be of the enclosure-type multipart/form-data');
    });
  });

  it("applies the form's acl field to the object as a PUT's x-amz-acl", async () => {
    expect((await post({ Key: 'shared.txt', Fields: { acl: 'public-read' } }, { data: 'for everyone', name: 's' })).status).toBe(204);
    const anonymousRead = await fetch(`${gw.endpoint}/${bucket}/shared.txt`);
    expect([anonymousRead.status, await anonymousRead.text()]).toEqual([200, 'for everyone']);
    expect((await post({ Key: 'kept.txt' }, { data: 'private', name: 'k' })).status).toBe(204);
    expect((await fetch(`${gw.endpoint}/${bucket}/kept.txt`)).status).toBe(403);
  });

  it('takes a form without credentials into a public-read-write bucket, as S3 does', async () => {
    await root.send(new CreateBucketCommand({ Bucket: 'public-drop' }));
    await root.send(new PutBucketAclCommand({ Bucket: 'public-drop', ACL: 'public-read-write' }));
    const res = await submit(`${gw.endpoint}/public-drop`, { key: 'anon/${filename}' }, { data: 'from nobody', name: 'a.txt' });
    expect(res.status).toBe(204);
    expect(await readFile(join(gw.root, 'public-drop', 'anon', 'a.txt'), 'utf8')).toBe('from nobody');
  });

  it('accepts a form signed with SigV2 (AWSAccessKeyId, policy, signature)', async () => {
    const policy = Buffer.from(
      JSON.stringify({ expiration: new Date(Date.now() + 60_000).toISOString(), conditions: [{ bucket }, ['starts-with', '$key', 'v2/'], ['content-length-range', 1, 100]] }),
    ).toString('base64');
    const signature = createHmac('sha1', gw.rootCredentials.secret).update(policy).digest('base64');
    const res = await submit(`${gw.endpoint}/${bucket}`, { key: 'v2/${filename}', AWSAccessKeyId: gw.rootCredentials.access, policy, signature }, { data: 'signed v2', name: 'two.txt' });
    expect(res.status).toBe(204);
    expect(await readFile(join(gw.root, bucket, 'v2', 'two.txt'), 'utf8')).toBe('signed v2');

    const forged = await submit(`${gw.endpoint}/${bucket}`, { key: 'v2/forged.txt', AWSAccessKeyId: gw.rootCredentials.access, policy, signature: 'AAAA' }, { data: 'x', name: 'x' });
    expect((await refusal(forged)).code).toBe('SignatureDoesNotMatch');
  });
});
