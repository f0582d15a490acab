import { promises as fsp } from 'node:fs';
import { AbandonedUploadSweep } from '../../../src/multipart/sweep/abandoned-upload-sweep';
import { PosixBackend } from '../../../src/backends/posix/posix-backend';
import { disposeFixture, type Fixture } from '../posix/support';
import { openMultipartJournal, type MultipartJournalFixture } from './journal-fixture';
import { BUCKET, bucketFixture, createUpload, OWNER, partsOf, uploadDirOf, uploadParts } from './support';

const DAY = 86_400_000;

describe('the abandoned-upload sweep', () => {
  let f: Fixture;
  let backend: PosixBackend;
  let fx: MultipartJournalFixture;
  beforeEach(async () => ({ backend } = f = await bucketFixture()));
  beforeEach(async () => backend.createBucket({ bucket: 'second', owner: OWNER }));
  beforeEach(() => (fx = openMultipartJournal()));
  afterEach(async () => (fx.close(), disposeFixture(f)));

  it('aborts uploads initiated longer ago than max age, in every bucket, whoever made them, and records why', async () => {
    const old = await createUpload(backend, 'old');
    await uploadParts(backend, old, partsOf(1));
    fx.journal.created(old, new Date(), undefined);
    const elsewhere = await createUpload(backend, 'elsewhere', 'second');
    // Eight days later, with a maximum age of seven.
    const sweep = new AbandonedUploadSweep(backend, fx.journal, { maxAgeMs: 7 * DAY, intervalMs: DAY, now: () => new Date(Date.now() + 8 * DAY) });
    const result = await sweep.runOnce();
    expect(result.aborted.map((u) => [u.bucket, u.key]).sort()).toEqual([[BUCKET, 'old'], ['second', 'elsewhere']]);
    expect(fx.journal.inFlight()).toEqual([]);
    expect(fx.events.readStream(`upload:${BUCKET}/${old.uploadId}`).at(-1)).toMatchObject({ type: 'UploadAborted', data: { reason: 'expired' } });
    expect(fx.events.readStream(`upload:second/${elsewhere.uploadId}`).map((e) => e.type)).toEqual(['UploadAborted']);
    expect(await fsp.readdir(uploadDirOf(f, BUCKET, 'old', old.uploadId)).catch((e: { code: string }) => e.code)).toBe('ENOENT');
  });

  it('leaves uploads younger than max age', async () => {
    const kept = await createUpload(backend, 'kept');
    const sweep = new AbandonedUploadSweep(backend, fx.journal, { maxAgeMs: 7 * DAY, intervalMs: DAY, now: () => new Date(Date.now() + 6 * DAY) });
    expect((await sweep.runOnce()).aborted).toEqual([]);
    const listed = await backend.listParts({ ...kept, partNumberMarker: 0, maxParts: 10 });
    expect(listed.parts).toEqual([]);
  });

  it('runs at start and then every interval until stopped', async () => {
    const runs: number[] = [];
    const sweep = new AbandonedUploadSweep(backend, fx.journal, { maxAgeMs: DAY, intervalMs: 20, onRun: (r) => runs.push(r.aborted.length) });
    sweep.start();
    for (let i = 0; i < 100 && runs.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    await sweep.stop();
    const seen = runs.length;
    expect(seen).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 60));
    expect(runs.length).toBe(seen);
  });
});
