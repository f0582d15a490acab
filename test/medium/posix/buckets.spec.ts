import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { PosixBackend } from '../../../src/backends/posix';
import { BUCKET_CONFIGURATION_TTL_MS } from '../../../src/backends/backend';
import { OWNER, codeOf, disposeFixture, type Fixture, makeFixture, putInput } from './support';

describe('PosixBackend buckets', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(async () => disposeFixture(f));

  it('makes bucket and key-prefix directories with the configured mode (--dir-perms)', async () => {
    const backend = new PosixBackend(f.root, f.native, { dirPerms: 0o700 });
    await backend.createBucket({ bucket: 'private', owner: OWNER });
    await backend.putObject(putInput('private', 'a/b/c.txt', 'x'));
    for (const dir of ['private', 'private/.sgwtmp', 'private/a', 'private/a/b']) {
      expect((await fsp.stat(path.join(f.root, dir))).mode & 0o777).toBe(0o700);
    }
  });

  it('writes through named temporary files when O_TMPFILE is disabled (--disableotmp)', async () => {
    const openTmpFile = jest.fn(f.native.openTmpFile);
    const backend = new PosixBackend(f.root, { ...f.native, openTmpFile }, { useOtmpFile: false });
    await backend.createBucket({ bucket: 'named', owner: OWNER });
    await backend.putObject(putInput('named', 'k.txt', 'named temp'));
    expect(openTmpFile).not.toHaveBeenCalled();
    expect((await fsp.readFile(path.join(f.root, 'named', 'k.txt'))).toString()).toBe('named temp');
  });

  it('createBucket makes the directory, its .sgwtmp, and VersityGW-format owner attributes', async () => {
    await f.backend.createBucket({ bucket: 'photos', owner: OWNER });
    const dir = path.join(f.root, 'photos');
    expect((await fsp.stat(dir)).isDirectory()).toBe(true);
    expect((await fsp.stat(path.join(dir, '.sgwtmp'))).isDirectory()).toBe(true);
    const acl = JSON.parse((await f.native.getXattr(dir, 'user.acl'))!.toString());
    expect(acl).toEqual({ Owner: OWNER, Grantees: [{ Permission: 'FULL_CONTROL', Access: OWNER, Type: 'CanonicalUser' }] });
    // No ownership control unless asked: ACLs stay enabled (docs/access-control.md).
    expect(await f.native.getXattr(dir, 'user.ownership')).toBeUndefined();
  });

  it('reads the access settings of a bucket VersityGW wrote (its attribute names and forms), and writes them back alike', async () => {
    const dir = path.join(f.root, 'from-versity');
    await fsp.mkdir(dir);
    const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::from-versity/*"}]}';
    const versityAcl = { Owner: OWNER, Grantees: [{ Permission: 'FULL_CONTROL', Access: OWNER, Type: 'CanonicalUser' }, { Permission: 'READ', Access: 'all-users', Type: 'Group' }] };
    await f.native.setXattr(dir, 'user.acl', Buffer.from(JSON.stringify(versityAcl)));
    await f.native.setXattr(dir, 'user.ownership', Buffer.from('BucketOwnerPreferred'));
    await f.native.setXattr(dir, 'user.policy', Buffer.from(policy));
    const config = await f.backend.bucketAccess({ bucket: 'from-versity' });
    expect(config).toEqual({
      acl: { owner: OWNER, grants: [{ grantee: { type: 'CanonicalUser', id: OWNER }, permission: 'FULL_CONTROL' }, { grantee: { type: 'Group', group: 'AllUsers' }, permission: 'READ' }] },
      ownership: 'BucketOwnerPreferred',
      policy,
    });
    await f.backend.changeBucketAccess({ bucket: 'from-versity', change: { kind: 'acl', value: config.acl } });
    expect(JSON.parse((await f.native.getXattr(dir, 'user.acl'))!.toString())).toEqual(versityAcl);
    await f.backend.changeBucketAccess({ bucket: 'from-versity', change: { kind: 'policy', value: undefined } });
    expect(await f.native.getXattr(dir, 'user.policy')).toBeUndefined();
  });

  it('createBucket stores the ACL and ownership control it is given, in VersityGW form', async () => {
    const acl = { owner: OWNER, grants: [{ grantee: { type: 'CanonicalUser' as const, id: OWNER }, permission: 'FULL_CONTROL' as const }, { grantee: { type: 'Group' as const, group: 'AllUsers' as const }, permission: 'READ' as const }] };
    await f.backend.createBucket({ bucket: 'shown', owner: OWNER, acl, ownership: 'BucketOwnerPreferred' });
    const dir = path.join(f.root, 'shown');
    expect(JSON.parse((await f.native.getXattr(dir, 'user.acl'))!.toString()).Grantees[1]).toEqual({ Permission: 'READ', Access: 'all-users', Type: 'Group' });
    expect((await f.native.getXattr(dir, 'user.ownership'))!.toString()).toBe('BucketOwnerPreferred');
    expect(await f.backend.bucketAccess({ bucket: 'shown' })).toEqual({ acl, ownership: 'BucketOwnerPreferred' });
  });

  it('a second create answers BucketAlreadyOwnedByYou to the owner, BucketAlreadyExists to others', async () => {
    await f.backend.createBucket({ bucket: 'photos', owner: OWNER });
    expect(await codeOf(f.backend.createBucket({ bucket: 'photos', owner: OWNER }))).toBe('BucketAlreadyOwnedByYou');
    expect(await codeOf(f.backend.createBucket({ bucket: 'photos', owner: 'someone-else' }))).toBe('BucketAlreadyExists');
  });

  it('a directory made by other means, without an ACL, belongs to nobody', async () => {
    await fsp.mkdir(path.join(f.root, 'manual'));
    expect(await codeOf(f.backend.createBucket({ bucket: 'manual', owner: OWNER }))).toBe('BucketAlreadyExists');
    expect(await f.backend.headBucket({ bucket: 'manual' })).toMatchObject({ name: 'manual', owner: '' });
  });

  it('headBucket returns the owner; NoSuchBucket when absent or a file', async () => {
    await f.backend.createBucket({ bucket: 'photos', owner: OWNER });
    const info = await f.backend.headBucket({ bucket: 'photos' });
    expect(info.owner).toBe(OWNER);
    expect(info.creationDate.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await codeOf(f.backend.headBucket({ bucket: 'nope' }))).toBe('NoSuchBucket');
    await fsp.writeFile(path.join(f.root, 'afile'), 'x');
    expect(await codeOf(f.backend.headBucket({ bucket: 'afile' }))).toBe('NoSuchBucket');
  });

  it('bucketConfiguration: one cache of access, CORS and versioning; a change through this backend at once, one made elsewhere when told or within its lifetime', async () => {
    await f.backend.createBucket({ bucket: 'shared', owner: 'alice' });
    const owner = async () => (await f.backend.bucketConfiguration({ bucket: 'shared' })).access.acl.owner;
    expect(await owner()).toBe('alice');
    const first = await f.backend.bucketConfiguration({ bucket: 'shared' });
    expect(f.backend.peekBucketConfiguration('shared')).toBe(first);
    await f.backend.changeBucketOwner({ bucket: 'shared', owner: 'bob' });
    expect(f.backend.peekBucketConfiguration('shared')).toBeUndefined();
    expect(await owner()).toBe('bob');
    await f.backend.putBucketCors({ bucket: 'shared', cors: Buffer.from('<CORSConfiguration/>') });
    expect((await f.backend.bucketConfiguration({ bucket: 'shared' })).cors?.toString()).toBe('<CORSConfiguration/>');

    // Another gateway on the same tree: seen once this one is told, or once its cache lets go.
    const other = new PosixBackend(f.root, f.native);
    await other.changeBucketOwner({ bucket: 'shared', owner: 'carol' });
    expect(await owner()).toBe('bob');
    f.backend.forgetBucketConfigurations(['shared']);
    expect(await owner()).toBe('carol');
    await other.changeBucketOwner({ bucket: 'shared', owner: 'dave' });
    expect(await owner()).toBe('carol');
    await new Promise((resolve) => setTimeout(resolve, BUCKET_CONFIGURATION_TTL_MS + 50));
    expect(await owner()).toBe('dave');

    await f.backend.deleteBucket({ bucket: 'shared' });
    expect(await codeOf(f.backend.bucketConfiguration({ bucket: 'shared' }))).toBe('NoSuchBucket');
    await other.close();
  });

  it('refuses bucket names that are not one plain directory name', async () => {
    for (const bucket of ['', '.tracegw', '..', 'a/b', '../outside']) {
      expect(await codeOf(f.backend.createBucket({ bucket, owner: OWNER }))).toBe('InvalidBucketName');
      expect(await codeOf(f.backend.headBucket({ bucket }))).toBe('InvalidBucketName');
    }
    expect(await fsp.readdir(f.outside)).toEqual([]);
  });

  it('listBuckets: directories with valid bucket names only, sorted by name', async () => {
    for (const bucket of ['zeta', 'alpha', 'm-1.x']) await f.backend.createBucket({ bucket, owner: OWNER });
    await fsp.mkdir(path.join(f.root, '.tracegw'));
    await fsp.mkdir(path.join(f.root, 'Upper_Case'));
    await fsp.writeFile(path.join(f.root, 'file-not-bucket'), 'x');
    const list = await f.backend.listBuckets();
    expect(list.map((b) => b.name)).toEqual(['alpha', 'm-1.x', 'zeta']);
    expect(list.every((b) => b.owner === OWNER && !Number.isNaN(b.creationDate.getTime()))).toBe(true);
  });

  describe('deleteBucket', () => {
    beforeEach(async () => f.backend.createBucket({ bucket: 'photos', owner: OWNER }));

    it('removes an empty bucket, .sgwtmp included', async () => {
      await fsp.writeFile(path.join(f.root, 'photos', '.sgwtmp', `${'a'.repeat(64)}.123`), 'stale');
      await f.backend.deleteBucket({ bucket: 'photos' });
      await expect(fsp.stat(path.join(f.root, 'photos'))).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('BucketNotEmpty while an object exists', async () => {
      await f.backend.putObject(putInput('photos', 'a/b.txt', 'x'));
      expect(await codeOf(f.backend.deleteBucket({ bucket: 'photos' }))).toBe('BucketNotEmpty');
      await f.backend.deleteObject({ bucket: 'photos', key: 'a/b.txt' });
      await f.backend.deleteBucket({ bucket: 'photos' });
    });

    it('BucketNotEmpty while a multipart upload is in flight', async () => {
      const upload = path.join(f.root, 'photos', '.sgwtmp', 'multipart', 'f'.repeat(64), 'upload-1');
      await fsp.mkdir(upload, { recursive: true });
      expect(await codeOf(f.backend.deleteBucket({ bucket: 'photos' }))).toBe('BucketNotEmpty');
      await fsp.rm(upload, { recursive: true });
      await f.backend.deleteBucket({ bucket: 'photos' });
    });

    it('NoSuchBucket when absent', async () => {
      expect(await codeOf(f.backend.deleteBucket({ bucket: 'absent' }))).toBe('NoSuchBucket');
    });
  });
});
