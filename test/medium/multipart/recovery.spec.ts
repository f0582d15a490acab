import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { recoverMultipartUploads } from '../../../src/multipart/recovery/multipart-recovery';
import { isClean, type MultipartRecoveryReport, summarize } from '../../../src/multipart/recovery/recovery-report';
import { PosixBackend } from '../../../src/backends/posix/posix-backend';
import { bodyOf, disposeFixture, type Fixture, meta, readAll } from '../posix/support';
import { openMultipartJournal, type MultipartJournalFixture } from './journal-fixture';
import { BUCKET, bucketFixture, createUpload, expectedEtag, partsOf, sha256Hex, uploadDirOf, uploadParts } from './support';

const counts = (r: MultipartRecoveryReport) => ({
  finished: r.completionsFinished.count,
  rolledBack: r.completionsRolledBack.count,
  uploadsDiscovered: r.uploadsDiscovered.count,
  partsDiscovered: r.partsDiscovered.count,
  partsMissing: r.partsMissing.count,
  vanished: r.uploadsVanished.count,
  unfinished: r.unfinishedRemoved.count,
  stray: r.strayEntries.count,
});
const NONE = { finished: 0, rolledBack: 0, uploadsDiscovered: 0, partsDiscovered: 0, partsMissing: 0, vanished: 0, unfinished: 0, stray: 0 };

/** Start-up recovery: the storage is the truth, the journal is corrected to match it. */
describe('multipart recovery at start-up', () => {
  let f: Fixture;
  let backend: PosixBackend;
  let fx: MultipartJournalFixture;
  beforeEach(async () => ({ backend } = f = await bucketFixture()));
  beforeEach(() => (fx = openMultipartJournal()));
  afterEach(async () => (fx.close(), disposeFixture(f)));

  const recover = () => recoverMultipartUploads(backend, fx.journal);
  /** As the operation handlers do: storage first, then the journal. */
  async function journaledUpload(key: string, parts: Buffer[]) {
    const upload = await createUpload(backend, key);
    fx.journal.created(upload, new Date(), undefined);
    const listed = await uploadParts(backend, upload, parts);
    for (const [i, p] of listed.entries()) fx.journal.partUploaded(upload, { partNumber: p.partNumber, etag: p.etag, size: parts[i].length });
    return { upload, listed };
  }

  it('finds nothing to do when journal and storage agree, and says so in one line', async () => {
    await journaledUpload('k', partsOf(2));
    const report = await recover();
    expect(counts(report)).toEqual(NONE);
    expect(isClean(report)).toBe(true);
    expect([report.uploadsOnStorage, report.partsOnStorage]).toEqual([1, 2]);
    expect(summarize(report)).toMatch(/^multipart recovery: 1 upload\(s\) with 2 part\(s\) on storage; .* \(\d+ ms\)$/);
    expect(summarize(report)).not.toContain('\n');
  });

  it('records uploads and parts that are on storage but not in the journal (another gateway, or a lost record)', async () => {
    const { upload } = await journaledUpload('mine', partsOf(1));
    // A part linked into place whose record a crash lost, and an upload another node made.
    await uploadParts(backend, upload, partsOf(1), 2);
    const other = await createUpload(backend, 'theirs');
    await uploadParts(backend, other, partsOf(2));
    const report = await recover();
    expect(counts(report)).toEqual({ ...NONE, uploadsDiscovered: 1, partsDiscovered: 3 });
    expect(report.uploadsDiscovered.sample).toEqual([{ bucket: BUCKET, key: 'theirs', uploadId: other.uploadId }]);
    const inFlight = fx.journal.inFlight().map((u) => [u.key, u.origin, u.parts.map((p) => [p.partNumber, p.origin])]);
    expect(inFlight).toEqual(
      expect.arrayContaining([
        ['mine', 'request', [[1, 'request'], [2, 'recovery']]],
        ['theirs', 'recovery', [[1, 'recovery'], [2, 'recovery']]],
      ]),
    );
    expect(counts(await recover())).toEqual(NONE);
  });

  it('drops records of parts whose files are gone, and of uploads no longer on storage (finished through another gateway)', async () => {
    const { upload } = await journaledUpload('k', partsOf(3));
    await fsp.unlink(path.join(uploadDirOf(f, BUCKET, 'k', upload.uploadId), '2'));
    const { upload: gone } = await journaledUpload('gone', partsOf(1));
    await backend.abortMultipartUpload(gone);
    const report = await recover();
    expect(counts(report)).toEqual({ ...NONE, partsMissing: 1, vanished: 1 });
    expect(report.partsMissing.sample).toEqual([{ ...upload, partNumber: 2 }]);
    expect(fx.journal.inFlight().map((u) => [u.key, u.parts.map((p) => p.partNumber)])).toEqual([['k', [1, 3]]]);
    expect(fx.events.readStream(`upload:${BUCKET}/${gone.uploadId}`).at(-1)).toMatchObject({ type: 'UploadAborted', data: { reason: 'vanished' } });
  });

  it('finishes a completion that crashed after the rename: recorded completed, parts removed, object whole', async () => {
    const parts = partsOf(2);
    const { upload, listed } = await journaledUpload('done', parts);
    // The rename happened, then the process died before recording and releasing.
    await backend.completeMultipartUpload({ ...upload, parts: listed });
    const report = await recover();
    expect(counts(report)).toEqual({ ...NONE, finished: 1 });
    expect(fx.journal.inFlight()).toEqual([]);
    expect(fx.events.readStream(`upload:${BUCKET}/${upload.uploadId}`).at(-1)).toMatchObject({
      type: 'UploadCompleted',
      data: { etag: expectedEtag(parts), partCount: 2, origin: 'recovery' },
    });
    await expect(fsp.stat(uploadDirOf(f, BUCKET, 'done', upload.uploadId))).rejects.toMatchObject({ code: 'ENOENT' });
    const object = await readAll((await backend.getObject({ bucket: BUCKET, key: 'done', conditions: {} })).body);
    expect(object.equals(Buffer.concat(parts))).toBe(true);
  });

  it('rolls back a completion that crashed before the rename: the upload stays whole and completes later', async () => {
    const parts = partsOf(2);
    const { upload, listed } = await journaledUpload('later', parts);
    const uploadDir = uploadDirOf(f, BUCKET, 'later', upload.uploadId);
    // The marker was written, the process died before the rename: no object at the key.
    await f.native.setXattr(uploadDir, 'user.tracegw.completing', Buffer.from(JSON.stringify({ etag: expectedEtag(parts), size: 123, partCount: 2 })));
    const report = await recover();
    expect(counts(report)).toEqual({ ...NONE, rolledBack: 1 });
    expect(await f.native.getXattr(uploadDir, 'user.tracegw.completing')).toBeUndefined();
    expect(fx.journal.inFlight().map((u) => u.parts.length)).toEqual([2]);
    await backend.completeMultipartUpload({ ...upload, parts: listed });
  });

  it('rolls back when an older object holds the key (another ETag)', async () => {
    const { upload } = await journaledUpload('busy', partsOf(1));
    await backend.putObject({ bucket: BUCKET, key: 'busy', body: bodyOf('old'), contentLength: 3, metadata: meta() });
    await f.native.setXattr(uploadDirOf(f, BUCKET, 'busy', upload.uploadId), 'user.tracegw.completing', Buffer.from(JSON.stringify({ etag: 'abc-1', size: 3, partCount: 1 })));
    expect(counts(await recover())).toEqual({ ...NONE, rolledBack: 1 });
  });

  it('removes creations a crash interrupted long ago, keeps fresh ones (another gateway at work), reports stray entries', async () => {
    const keyDir = path.join(f.root, BUCKET, '.sgwtmp', 'multipart', sha256Hex('k'));
    await fsp.mkdir(keyDir, { recursive: true });
    await f.native.setXattr(keyDir, 'user.objname', Buffer.from('k'));
    const old = path.join(keyDir, `.creating-${randomUUID()}`);
    const fresh = path.join(keyDir, `.creating-${randomUUID()}`);
    await fsp.mkdir(old);
    await fsp.mkdir(fresh);
    const hourAgo = new Date(Date.now() - 3600_000);
    await fsp.utimes(old, hourAgo, hourAgo);
    await fsp.writeFile(path.join(f.root, BUCKET, '.sgwtmp', 'multipart', 'junk'), 'x');
    const report = await recover();
    expect(counts(report)).toEqual({ ...NONE, unfinished: 1, stray: 1 });
    expect(report.unfinishedRemoved.sample).toEqual([old]);
    expect(await fsp.readdir(keyDir)).toEqual([path.basename(fresh)]);
  });
});
