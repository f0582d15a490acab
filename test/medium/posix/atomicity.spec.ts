import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { PosixBackend } from '../../../src/backends/posix/posix-backend';
import { OWNER, bodyOf, disposeFixture, type Fixture, makeFixture, md5Hex, putInput, readAll, withoutOTmpFile } from './support';

const B = 'bucket';
const A = Buffer.alloc(2 * 1024 * 1024, 'a');
const Z = Buffer.alloc(3 * 1024 * 1024 + 5, 'z');

describe.each([
  ['O_TMPFILE', false],
  ['named temp files', true],
])('PosixBackend overwrite atomicity (%s)', (_label, named) => {
  let f: Fixture;
  let backend: PosixBackend;
  beforeEach(async () => {
    f = await makeFixture();
    backend = named ? new PosixBackend(f.root, withoutOTmpFile(f.native)) : f.backend;
    await backend.createBucket({ bucket: B, owner: OWNER });
    await backend.putObject(putInput(B, 'k', A));
  });
  afterEach(async () => disposeFixture(f));

  it('readers during overwrites see the old or the new object, whole, with its own ETag', async () => {
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 12; i++) {
        const data = i % 2 === 0 ? Z : A;
        await backend.putObject({ ...putInput(B, 'k', ''), body: bodyOf(data, 256 * 1024), contentLength: data.length });
      }
      writing = false;
    })();
    const reader = async (): Promise<number> => {
      let reads = 0;
      while (writing) {
        const got = await backend.getObject({ bucket: B, key: 'k', conditions: {} });
        const body = await readAll(got.body);
        const expected = body.length === A.length ? A : Z;
        expect(body.equals(expected)).toBe(true);
        expect(got.info.size).toBe(body.length);
        expect(got.info.etag).toBe(md5Hex(expected));
        reads++;
      }
      return reads;
    };
    const counts = await Promise.all([reader(), reader(), reader(), writer.then(() => 0)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(await fsp.readdir(path.join(f.root, B, '.sgwtmp'))).toEqual([]);
  });

  it('a read that started before an overwrite finishes on the old version', async () => {
    const got = await backend.getObject({ bucket: B, key: 'k', conditions: {} });
    await backend.putObject(putInput(B, 'k', Z));
    expect((await readAll(got.body)).equals(A)).toBe(true);
    const now = await backend.getObject({ bucket: B, key: 'k', conditions: {} });
    expect((await readAll(now.body)).equals(Z)).toBe(true);
  });

  it('concurrent writers of one key: last rename wins, never a mix', async () => {
    await Promise.all([A, Z, A, Z].map((data) => backend.putObject({ ...putInput(B, 'k', ''), body: bodyOf(data, 128 * 1024), contentLength: data.length })));
    const body = await readAll((await backend.getObject({ bucket: B, key: 'k', conditions: {} })).body);
    expect(body.equals(A) || body.equals(Z)).toBe(true);
    expect(await fsp.readdir(path.join(f.root, B, '.sgwtmp'))).toEqual([]);
  });
});
