import { compareKeys } from '../../../src/backends/posix/listing/key-order';
import { compareUploads, pageUploads, type UploadPageParams, type UploadRef } from '../../../src/backends/posix/multipart/upload-pages';

/** AWS's rules written the slow, obvious way: every upload, filtered, rolled up, then cut. */
function reference(all: UploadRef[], p: UploadPageParams) {
  const items: Array<{ key: string; uploadId?: string; prefix?: boolean }> = [];
  const sorted = [...all].sort(compareUploads);
  for (const u of sorted) {
    if (!u.key.startsWith(p.prefix)) continue;
    if (p.keyMarker !== '') {
      const c = compareKeys(u.key, p.keyMarker);
      if (c < 0 || (c === 0 && (p.uploadIdMarker === '' || u.uploadId <= p.uploadIdMarker))) continue;
    }
    const cut = p.delimiter === '' ? -1 : u.key.indexOf(p.delimiter, p.prefix.length);
    if (cut >= 0) {
      const cp = u.key.slice(0, cut + p.delimiter.length);
      if (p.keyMarker !== '' && compareKeys(cp, p.keyMarker) <= 0) continue;
      if (!items.some((i) => i.prefix && i.key === cp)) items.push({ key: cp, prefix: true });
    } else {
      items.push(u);
    }
  }
  const page = items.slice(0, p.maxUploads);
  return {
    uploads: page.filter((i) => !i.prefix).map((i) => `${i.key}#${i.uploadId}`),
    commonPrefixes: page.filter((i) => i.prefix).map((i) => i.key),
    isTruncated: p.maxUploads > 0 && items.length > p.maxUploads,
  };
}

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe('pageUploads: one page of ListMultipartUploads', () => {
  const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

  it('agrees with a brute-force reference on random trees, markers, prefixes and delimiters', () => {
    const r = rng(42);
    const segments = ['a', 'b', 'a/b', 'é', '😀', 'x-y', 'z'];
    for (let round = 0; round < 300; round++) {
      const uploads: UploadRef[] = [];
      for (let i = 0; i < 1 + Math.floor(r() * 12); i++) {
        const key = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, segments)).join(pick(r, ['/', '', '/']));
        uploads.push({ key, uploadId: `${Math.floor(r() * 4)}` });
      }
      const marker = r() < 0.5 ? '' : pick(r, uploads).key;
      const params: UploadPageParams = {
        prefix: pick(r, ['', 'a', 'a/', 'b']),
        delimiter: pick(r, ['', '/', 'b']),
        keyMarker: marker,
        uploadIdMarker: marker !== '' && r() < 0.5 ? `${Math.floor(r() * 4)}` : '',
        maxUploads: Math.floor(r() * 5),
      };
      const unique = [...new Map(uploads.map((u) => [`${u.key}#${u.uploadId}`, u])).values()].sort(compareUploads);
      const page = pageUploads(unique, params);
      expect({ uploads: page.uploads.map((u) => `${u.key}#${u.uploadId}`), commonPrefixes: page.commonPrefixes, isTruncated: page.isTruncated }).toEqual(reference(unique, params));
    }
  });

  it('names where the next page starts when truncated: the last upload, or the last CommonPrefix alone', () => {
    const uploads = [{ key: 'a', uploadId: '1' }, { key: 'a', uploadId: '2' }, { key: 'd/x', uploadId: '3' }, { key: 'e', uploadId: '4' }];
    const first = pageUploads(uploads, { prefix: '', delimiter: '/', keyMarker: '', uploadIdMarker: '', maxUploads: 1 });
    expect([first.nextKeyMarker, first.nextUploadIdMarker]).toEqual(['a', '1']);
    const second = pageUploads(uploads, { prefix: '', delimiter: '/', keyMarker: 'a', uploadIdMarker: '2', maxUploads: 1 });
    expect([second.commonPrefixes, second.nextKeyMarker, second.nextUploadIdMarker]).toEqual([['d/'], 'd/', undefined]);
    const last = pageUploads(uploads, { prefix: '', delimiter: '/', keyMarker: 'd/', uploadIdMarker: '', maxUploads: 1 });
    expect([last.uploads, last.isTruncated, last.nextKeyMarker]).toEqual([[uploads[3]], false, undefined]);
  });
});
