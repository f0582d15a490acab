import { randomBytes } from 'node:crypto';
import type { ListMultipartUploadsInput, MultipartUploadSummary } from '../../../src/backends/backend';
import { PosixBackend } from '../../../src/backends/posix/posix-backend';
import { bodyOf, codeOf, disposeFixture, type Fixture } from '../posix/support';
import { BUCKET, bucketFixture, createUpload, md5Hex, OWNER } from './support';


describe('ListMultipartUploads and ListParts on the posix backend', () => {
  let f: Fixture;
  let backend: PosixBackend;
  beforeEach(async () => ({ backend } = f = await bucketFixture()));
  afterEach(async () => disposeFixture(f));

  const list = (params: Partial<ListMultipartUploadsInput>) =>
    backend.listMultipartUploads({ bucket: BUCKET, prefix: '', delimiter: '', keyMarker: '', uploadIdMarker: '', maxUploads: 1000, ...params });
  const refs = (uploads: MultipartUploadSummary[]) => uploads.map((u) => `${u.key}#${u.uploadId}`);

  it('lists every upload by key then upload id, with the bucket owner and when each began', async () => {
    const before = Date.now();
    const made = [];
    for (const key of ['b', 'a/2', 'a/1', 'b', 'c/d/e']) made.push(await createUpload(backend, key));
    const all = await list({});
    const expected = made.map((u) => `${u.key}#${u.uploadId}`).sort((x, y) => (x < y ? -1 : 1));
    expect(refs(all.uploads)).toEqual(expected);
    expect(all.owner).toBe(OWNER);
    expect(all.isTruncated).toBe(false);
    for (const upload of all.uploads) expect(Math.abs(upload.initiated.getTime() - before)).toBeLessThan(60_000);
  });

  it('applies prefix and delimiter (CommonPrefixes count once each)', async () => {
    for (const key of ['a/1', 'a/2', 'a/x/3', 'b', 'c/d/e']) await createUpload(backend, key);
    const top = await list({ delimiter: '/' });
    expect(top.commonPrefixes).toEqual(['a/', 'c/']);
    expect(top.uploads.map((u) => u.key)).toEqual(['b']);
    const inA = await list({ prefix: 'a/', delimiter: '/' });
    expect(inA.uploads.map((u) => u.key)).toEqual(['a/1', 'a/2']);
    expect(inA.commonPrefixes).toEqual(['a/x/']);
    const page = await list({ delimiter: '/', maxUploads: 2 });
    expect([page.commonPrefixes, page.uploads.map((u) => u.key), page.isTruncated, page.nextKeyMarker]).toEqual([['a/'], ['b'], true, 'b']);
    const rest = await list({ delimiter: '/', keyMarker: 'b' });
    expect([rest.commonPrefixes, rest.uploads, rest.isTruncated]).toEqual([['c/'], [], false]);
  });

  it('pages with max-uploads, key-marker and upload-id-marker through uploads sharing a key', async () => {
    for (const key of ['k', 'k', 'k', 'l', 'm', 'm']) await createUpload(backend, key);
    const all = refs((await list({})).uploads);
    const walked: string[] = [];
    let keyMarker = '';
    let uploadIdMarker = '';
    for (let pages = 0; pages < 10; pages++) {
      const page = await list({ maxUploads: 2, keyMarker, uploadIdMarker });
      walked.push(...refs(page.uploads));
      if (!page.isTruncated) break;
      expect(page.uploads).toHaveLength(2);
      keyMarker = page.nextKeyMarker ?? '';
      uploadIdMarker = page.nextUploadIdMarker ?? '';
    }
    expect(walked).toEqual(all);
    // A key marker alone skips every upload of that key.
    expect((await list({ keyMarker: 'k' })).uploads.map((u) => u.key)).toEqual(['l', 'm', 'm']);
    expect((await list({ maxUploads: 0 })).uploads).toEqual([]);
  });

  it('lists parts in order with part-number-marker and max-parts', async () => {
    const upload = await createUpload(backend, 'k');
    const datas = new Map<number, Buffer>();
    for (const n of [3, 1, 10, 2, 7]) {
      const data = randomBytes(100 + n);
      datas.set(n, data);
      await backend.uploadPart({ ...upload, partNumber: n, body: bodyOf(data), contentLength: data.length });
    }
    const all = await backend.listParts({ ...upload, partNumberMarker: 0, maxParts: 1000 });
    expect(all.parts.map((p) => [p.partNumber, p.size, p.etag])).toEqual([1, 2, 3, 7, 10].map((n) => [n, 100 + n, md5Hex(datas.get(n)!)]));
    expect(all.isTruncated).toBe(false);
    expect(all.owner).toBe(OWNER);
    const first = await backend.listParts({ ...upload, partNumberMarker: 0, maxParts: 2 });
    expect([first.parts.map((p) => p.partNumber), first.isTruncated, first.nextPartNumberMarker]).toEqual([[1, 2], true, 2]);
    const second = await backend.listParts({ ...upload, partNumberMarker: 2, maxParts: 2 });
    expect([second.parts.map((p) => p.partNumber), second.isTruncated, second.nextPartNumberMarker]).toEqual([[3, 7], true, 7]);
    const last = await backend.listParts({ ...upload, partNumberMarker: 7, maxParts: 2 });
    expect([last.parts.map((p) => p.partNumber), last.isTruncated]).toEqual([[10], false]);
  });

  it('answers NoSuchBucket for a missing bucket', async () => {
    expect(await codeOf(backend.listMultipartUploads({ bucket: 'nope', prefix: '', delimiter: '', keyMarker: '', uploadIdMarker: '', maxUploads: 10 }))).toBe('NoSuchBucket');
  });
});
