import * as path from 'node:path';
import { evictFromPageCache } from '../../../src/backends/posix/native/native-fixture.test';
import { loadNativeFs } from '../../../src/backends/posix/native/native-fs';
import { OWNER, countingPoolOpens, disposeFixture, type Fixture, makeFixture, putInput, readAll } from './support';

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
});
