import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketOwnershipControlsCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  ListPartsCommand,
  PutBucketAclCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { RunningGateway } from './support/gateway';
import { errorStatus } from './support/s3-error-code';
import { twoUsersWithBuckets } from './support/two-users';
import { startVersionedGateway } from './versioning/versioned-gateway';

/**
 * Who each listing names as the owner of what it lists (docs/access-control.md, "Who owns an
 * object"): bob writes into alice's bucket by a grant, so his objects and uploads are his; alice's
 * (and any without an owner of its own) are hers; under BucketOwnerEnforced everything is hers.
 */
describe('listings name each object and upload by its own owner (real gateway, @aws-sdk/client-s3)', () => {
  let gw: RunningGateway;
  let alice: S3Client;
  let bob: S3Client;
  let bucket: string;
  let versioned: string;
  let aliceAccess: string;
  let bobAccess: string;
  let bobUpload: string;

  const owner = (access: string) => ({ ID: access, DisplayName: access });

  /** Bob may write (and list, to see his parts) in alice's bucket; alice keeps FULL_CONTROL. */
  async function letBobWrite(name: string): Promise<void> {
    await alice.send(new PutBucketAclCommand({ Bucket: name, GrantFullControl: `id="${aliceAccess}"`, GrantWrite: `id="${bobAccess}"`, GrantRead: `id="${bobAccess}"` }));
  }

  /** BucketOwnerEnforced takes a bucket ACL of the owner's alone (as AWS): bob's grant goes while it holds. */
  async function enforceBucketOwner(name: string, enforced: boolean): Promise<void> {
    if (enforced) {
      await alice.send(new PutBucketAclCommand({ Bucket: name, ACL: 'private' }));
      await alice.send(new PutBucketOwnershipControlsCommand({ Bucket: name, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
      return;
    }
    await alice.send(new DeleteBucketOwnershipControlsCommand({ Bucket: name }));
    await letBobWrite(name);
  }

  beforeAll(async () => {
    gw = await startVersionedGateway();
    ({ alice, bob, aliceBucket: bucket } = await twoUsersWithBuckets(gw, 'lowners'));
    aliceAccess = (await alice.config.credentials()).accessKeyId;
    bobAccess = (await bob.config.credentials()).accessKeyId;
    versioned = `${bucket}-versioned`;
    await alice.send(new CreateBucketCommand({ Bucket: versioned }));
    await alice.send(new PutBucketVersioningCommand({ Bucket: versioned, VersioningConfiguration: { Status: 'Enabled' } }));
    for (const name of [bucket, versioned]) await letBobWrite(name);

    await alice.send(new PutObjectCommand({ Bucket: bucket, Key: 'alice.txt', Body: 'by alice' }));
    await bob.send(new PutObjectCommand({ Bucket: bucket, Key: 'bob.txt', Body: 'by bob' }));
    await bob.send(new PutObjectCommand({ Bucket: bucket, Key: 'dir/bob.txt', Body: 'by bob, deeper' }));
    // Two versions of one key: alice's first, then bob's on top of it.
    await alice.send(new PutObjectCommand({ Bucket: versioned, Key: 'shared.txt', Body: 'v1 by alice' }));
    await bob.send(new PutObjectCommand({ Bucket: versioned, Key: 'shared.txt', Body: 'v2 by bob' }));

    bobUpload = (await bob.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'upload/bob.bin' }))).UploadId ?? '';
    await bob.send(new UploadPartCommand({ Bucket: bucket, Key: 'upload/bob.bin', UploadId: bobUpload, PartNumber: 1, Body: 'part one' }));
    await alice.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'upload/alice.bin' }));
  });
  afterAll(() => gw.stop());
  afterEach(() => Promise.all([bucket, versioned].map((name) => enforceBucketOwner(name, false))));

  const ownersOf = (contents: { Key?: string; Owner?: { ID?: string; DisplayName?: string } }[] | undefined) =>
    Object.fromEntries((contents ?? []).map((entry) => [entry.Key, entry.Owner]));

  it('ListObjects (V1) always names each object its own owner, the bucket owner for its own objects', async () => {
    const page = await alice.send(new ListObjectsCommand({ Bucket: bucket }));
    expect(ownersOf(page.Contents)).toEqual({ 'alice.txt': owner(aliceAccess), 'bob.txt': owner(bobAccess), 'dir/bob.txt': owner(bobAccess) });
  });

  it('ListObjectsV2 names owners only with fetch-owner, then each object its own', async () => {
    const plain = await alice.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(ownersOf(plain.Contents)).toEqual({ 'alice.txt': undefined, 'bob.txt': undefined, 'dir/bob.txt': undefined });
    const fetched = await alice.send(new ListObjectsV2Command({ Bucket: bucket, FetchOwner: true }));
    expect(ownersOf(fetched.Contents)).toEqual({ 'alice.txt': owner(aliceAccess), 'bob.txt': owner(bobAccess), 'dir/bob.txt': owner(bobAccess) });
  });

  it('names every object the bucket owner under BucketOwnerEnforced, whatever owner was stored', async () => {
    await enforceBucketOwner(bucket, true);
    const all = { 'alice.txt': owner(aliceAccess), 'bob.txt': owner(aliceAccess), 'dir/bob.txt': owner(aliceAccess) };
    expect(ownersOf((await alice.send(new ListObjectsCommand({ Bucket: bucket }))).Contents)).toEqual(all);
    expect(ownersOf((await alice.send(new ListObjectsV2Command({ Bucket: bucket, FetchOwner: true }))).Contents)).toEqual(all);
  });

  it('ListObjectVersions names each version its own owner, the latest and the older ones', async () => {
    const page = await alice.send(new ListObjectVersionsCommand({ Bucket: versioned }));
    expect(page.Versions?.map((v) => [v.IsLatest, v.Owner])).toEqual([
      [true, owner(bobAccess)],
      [false, owner(aliceAccess)],
    ]);
    // Bob lists too: the owners are the objects', not the caller's.
    const asBob = await bob.send(new ListObjectVersionsCommand({ Bucket: versioned }));
    expect(asBob.Versions?.map((v) => v.Owner)).toEqual([owner(bobAccess), owner(aliceAccess)]);
    await enforceBucketOwner(versioned, true);
    const enforced = await alice.send(new ListObjectVersionsCommand({ Bucket: versioned }));
    expect(enforced.Versions?.map((v) => v.Owner)).toEqual([owner(aliceAccess), owner(aliceAccess)]);
  });

  it('ListMultipartUploads names each upload its creator as Owner and Initiator', async () => {
    const page = await alice.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(page.Uploads?.map((u) => [u.Key, u.Owner, u.Initiator])).toEqual([
      ['upload/alice.bin', owner(aliceAccess), owner(aliceAccess)],
      ['upload/bob.bin', owner(bobAccess), owner(bobAccess)],
    ]);
    await enforceBucketOwner(bucket, true);
    const enforced = await alice.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(enforced.Uploads?.map((u) => u.Owner)).toEqual([owner(aliceAccess), owner(aliceAccess)]);
  });

  it("ListParts names the upload's creator as Owner and Initiator", async () => {
    const page = await bob.send(new ListPartsCommand({ Bucket: bucket, Key: 'upload/bob.bin', UploadId: bobUpload }));
    expect([page.Owner, page.Initiator, page.Parts?.length]).toEqual([owner(bobAccess), owner(bobAccess), 1]);
    await enforceBucketOwner(bucket, true);
    const enforced = await alice.send(new ListPartsCommand({ Bucket: bucket, Key: 'upload/bob.bin', UploadId: bobUpload }));
    expect([enforced.Owner, enforced.Initiator]).toEqual([owner(aliceAccess), owner(aliceAccess)]);
  });

  it("a directory object bob writes is his, private to him, and listed as his; written again by alice, it is hers", async () => {
    await bob.send(new PutObjectCommand({ Bucket: bucket, Key: 'bobdir/', Body: '' }));
    const listed = await alice.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'bobdir/', FetchOwner: true }));
    expect(ownersOf(listed.Contents)).toEqual({ 'bobdir/': owner(bobAccess) });
    expect(await errorStatus(alice.send(new HeadObjectCommand({ Bucket: bucket, Key: 'bobdir/' })))).toBe(403);
    expect((await bob.send(new HeadObjectCommand({ Bucket: bucket, Key: 'bobdir/' }))).$metadata.httpStatusCode).toBe(200);
    // The directory stays; its object is written anew, and bob's ACL goes with the old one.
    await alice.send(new PutObjectCommand({ Bucket: bucket, Key: 'bobdir/', Body: '' }));
    const again = await alice.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'bobdir/', FetchOwner: true }));
    expect(ownersOf(again.Contents)).toEqual({ 'bobdir/': owner(aliceAccess) });
    expect((await alice.send(new HeadObjectCommand({ Bucket: bucket, Key: 'bobdir/' }))).$metadata.httpStatusCode).toBe(200);
  });
});
