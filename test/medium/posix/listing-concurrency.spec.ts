import { LISTINGS_AT_ONCE, PosixBackend } from '../../../src/backends/posix/posix-backend';
import type { NativeFs } from '../../../src/backends/posix/native.types';
import { OWNER, disposeFixture, type Fixture, makeFixture, putInput } from './support';

/**
 * Listings wait their turn: a page of 1,000 keys held alive by each of sixteen interleaved
 * listings is what pushed the gateway's memory past its limit (docs/performance.md, "Memory").
 */
describe('PosixBackend listings at once', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(async () => disposeFixture(f));

  /** The addon with its directory reads held until `release`, counting how many wait at once. */
  function heldDirectoryReads(native: NativeFs): { native: NativeFs; waiting: () => number; release: () => void } {
    const readDirectory = native.readDirectory!.bind(native);
    let held: Array<() => void> = [];
    let open = false;
    const gate = (): Promise<void> => (open ? Promise.resolve() : new Promise((resolve) => held.push(resolve)));
    return {
      native: { ...native, readDirectory: async (dir, limit) => gate().then(() => readDirectory(dir, limit)) },
      waiting: () => held.length,
      release: () => {
        open = true;
        for (const resume of held) resume();
        held = [];
      },
    };
  }

  it(`walks at most ${LISTINGS_AT_ONCE} listings at once; the others wait, then all answer in full`, async () => {
    const reads = heldDirectoryReads(f.native);
    const backend = new PosixBackend(f.root, reads.native);
    await backend.createBucket({ bucket: 'many', owner: OWNER });
    for (const key of ['a.txt', 'b.txt', 'c.txt']) await backend.putObject(putInput('many', key, key));

    const listings = Array.from({ length: LISTINGS_AT_ONCE + 3 }, () => backend.listObjects({ bucket: 'many', prefix: '', delimiter: '', marker: '', maxKeys: 1000 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reads.waiting()).toBe(LISTINGS_AT_ONCE);

    reads.release();
    for (const page of await Promise.all(listings)) expect(page.objects.map((o) => o.key)).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });

  it('lets the next listing in when one fails', async () => {
    const backend = new PosixBackend(f.root, f.native);
    const missing = Array.from({ length: LISTINGS_AT_ONCE + 1 }, () => backend.listObjects({ bucket: 'absent', prefix: '', delimiter: '', marker: '', maxKeys: 10 }));
    for (const listing of missing) await expect(listing).rejects.toMatchObject({ code: 'NoSuchBucket' });
    await backend.createBucket({ bucket: 'present', owner: OWNER });
    await expect(backend.listObjects({ bucket: 'present', prefix: '', delimiter: '', marker: '', maxKeys: 10 })).resolves.toMatchObject({ objects: [] });
  });
});
