import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { NativeFs, NativeObjectWrites } from '../../../src/backends/posix/native.types';
import { loadNativeFs } from '../../../src/backends/posix/native/native-fs';
import { OWNER, disposeFixture, type Fixture, makeFixture, putInput, readAll } from './support';

const B = 'bucket';

/** The addon, noting the bucket descriptor each small PUT's writeObject was given. */
function notingBucketFds(native: NativeFs & NativeObjectWrites): { native: NativeFs; given: number[] } {
  const given: number[] = [];
  const writeObject: NativeObjectWrites['writeObject'] = (req) => {
    given.push(req.bucketFd);
    return native.writeObject(req);
  };
  return { native: { ...native, writeObject }, given };
}

describe('PosixBackend small PUTs beneath the held bucket directory', () => {
  let f: Fixture;
  let given: number[];
  beforeEach(async () => {
    const noting = notingBucketFds(loadNativeFs() as NativeFs & NativeObjectWrites);
    given = noting.given;
    f = await makeFixture(noting.native);
    await f.backend.createBucket({ bucket: B, owner: OWNER });
  });
  afterEach(async () => disposeFixture(f));

  it('writes beneath the directory GET holds open, without opening the bucket again', async () => {
    await f.backend.putObject(putInput(B, 'first', 'one'));
    await f.backend.putObject(putInput(B, 'second', 'two'));
    expect(given.length).toBe(2);
    for (const fd of given) expect(fd).toBeGreaterThanOrEqual(0);
    expect((await readAll((await f.backend.getObject({ bucket: B, key: 'second', conditions: {} })).body)).toString()).toBe('two');
  });

  it('a bucket replaced outside the gateway gets the PUT in its new directory, not the removed one', async () => {
    await f.backend.putObject(putInput(B, 'before', 'old'));
    await fsp.rm(path.join(f.root, B), { recursive: true });
    await fsp.mkdir(path.join(f.root, B, '.sgwtmp'), { recursive: true });
    await f.backend.putObject(putInput(B, 'after', 'new'));
    expect(await fsp.readFile(path.join(f.root, B, 'after'), 'utf8')).toBe('new');
    // Tried beneath the held directory first, then by the bucket's name.
    expect(given.slice(1)).toEqual([expect.any(Number), -1]);
    expect(given[1]).toBeGreaterThanOrEqual(0);
  });
});
