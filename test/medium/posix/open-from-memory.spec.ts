import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { evictFromPageCache } from '../../../src/backends/posix/native/native-fixture.test';
import { loadNativeFs } from '../../../src/backends/posix/native/native-fs';
import { OWNER, codeOf, countingPoolOpens, disposeFixture, type Fixture, makeFixture, putInput, readAll } from './support';

const B = 'bucket';

describe('PosixBackend opens hot objects on the main thread, cold ones on the thread pool', () => {
  let f: Fixture;
  let poolOpens: () => number;
  beforeEach(async () => {
    const counting = countingPoolOpens(loadNativeFs());
    poolOpens = counting.poolOpens;
    f = await makeFixture(counting.native);
    await f.backend.createBucket({ bucket: B, owner: OWNER });
    await f.backend.putObject(putInput(B, 'hot', 'in memory'));
  });
  afterEach(async () => disposeFixture(f));

  it('GET and HEAD of an object just written take no thread-pool trip', async () => {
    const got = await f.backend.getObject({ bucket: B, key: 'hot', conditions: {} });
    expect((await readAll(got.body)).toString()).toBe('in memory');
    expect((await f.backend.headObject({ bucket: B, key: 'hot', conditions: {} })).info.size).toBe(9);
    expect(poolOpens()).toBe(0);
  });

  it('an object whose data left the page cache is read on the thread pool, then is hot again', async () => {
    // The PUT made its pages durable (fdatasync), so they are clean and can be dropped.
    evictFromPageCache(path.join(f.root, B, 'hot'));
    const cold = await f.backend.getObject({ bucket: B, key: 'hot', conditions: {} });
    expect((await readAll(cold.body)).toString()).toBe('in memory');
    expect(poolOpens()).toBe(1);
    await readAll((await f.backend.getObject({ bucket: B, key: 'hot', conditions: {} })).body);
    expect(poolOpens()).toBe(1);
  });

  it('finds a bucket replaced outside the gateway, and one deleted and made again through it', async () => {
    const get = async (key: string) => (await readAll((await f.backend.getObject({ bucket: B, key, conditions: {} })).body)).toString();
    expect(await get('hot')).toBe('in memory');
    // Replaced behind the gateway's back: the held directory is the old, deleted one.
    await fsp.rename(path.join(f.root, B), path.join(f.root, 'old'));
    await fsp.mkdir(path.join(f.root, B));
    await fsp.copyFile(path.join(f.root, 'old', 'hot'), path.join(f.root, B, 'hot'));
    await f.backend.putObject(putInput(B, 'new', 'written after'));
    expect(await get('new')).toBe('written after');
    // Through the gateway: the held directory is let go with the bucket.
    await f.backend.deleteObject({ bucket: B, key: 'hot' });
    await f.backend.deleteObject({ bucket: B, key: 'new' });
    await f.backend.deleteBucket({ bucket: B });
    await f.backend.createBucket({ bucket: B, owner: OWNER });
    await f.backend.putObject(putInput(B, 'again', 'second bucket'));
    expect(await get('again')).toBe('second bucket');
    expect(await codeOf(f.backend.getObject({ bucket: B, key: 'hot', conditions: {} }))).toBe('NoSuchKey');
  });
});
