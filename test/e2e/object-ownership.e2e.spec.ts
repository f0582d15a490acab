import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteBucketOwnershipControlsCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketAclCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  type ObjectOwnership,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { type RunningGateway, startGateway } from './support/gateway';
import { errorCode, errorStatus } from './support/s3-error-code';
import { twoUsersWithBuckets } from './support/two-users';

/**
 * Who owns an object another account writes into a bucket, and what that lets each account do,
 * as AWS decides it: alice owns the bucket, bob may write into it, carol may list and read it.
 */
describe('object ownership: objects written by another account than the bucket owner (real gateway, @aws-sdk/client-s3)', () => {
  let gw: RunningGateway;
  let alice: S3Client;
  let bob: S3Client;
  let carol: S3Client;
  let bucket: string;
  let aliceAccess: string;
  let bobAccess: string;
  const carolAccess = 'CAROLOWNERSHIP0001';

  beforeAll(async () => {
    gw = await startGateway();
    const users = await twoUsersWithBuckets(gw, 'own');
    ({ alice, bob, aliceBucket: bucket } = users);
    aliceAccess = (await alice.config.credentials()).accessKeyId;
    bobAccess = (await bob.config.credentials()).accessKeyId;
    const carolCredentials = { access: carolAccess, secret: 'carol-ownership-secret-key-00000000000' };
    gw.gateway.services.iam.createAccount({ ...carolCredentials, role: 'user' });
    carol = gw.s3(carolCredentials);
  });
  afterAll(() => gw.stop());

  /** Bob may write, carol may list and read, by the bucket's ACL; alice keeps FULL_CONTROL. */
  async function shareBucket(): Promise<void> {
    await alice.send(
      new PutBucketAclCommand({ Bucket: bucket, GrantFullControl: `id="${aliceAccess}"`, GrantWrite: `id="${bobAccess}"`, GrantRead: `id="${carolAccess}"` }),
    );
  }

  async function useOwnership(ownership: ObjectOwnership | undefined): Promise<void> {
    if (ownership === undefined) await alice.send(new DeleteBucketOwnershipControlsCommand({ Bucket: bucket }));
    else await alice.send(new PutBucketOwnershipControlsCommand({ Bucket: bucket, OwnershipControls: { Rules: [{ ObjectOwnership: ownership }] } }));
  }

  const read = async (client: S3Client, key: string): Promise<string> => (await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString()) ?? '';
  const ownerOf = async (client: S3Client, key: string): Promise<string | undefined> => (await client.send(new GetObjectAclCommand({ Bucket: bucket, Key: key }))).Owner?.ID;

  beforeEach(async () => {
    await alice.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
    await alice.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'private' }));
    await useOwnership(undefined);
    await shareBucket();
  });

  describe('without ownership controls (ObjectWriter, as AWS before April 2023)', () => {
    it("makes bob's object without ACL headers bob's own and private to him", async () => {
      await bob.send(new PutObjectCommand({ Bucket: bucket, Key: 'bob/private.txt', Body: 'by bob' }));
      expect(await read(bob, 'bob/private.txt')).toBe('by bob');
      const acl = await bob.send(new GetObjectAclCommand({ Bucket: bucket, Key: 'bob/private.txt' }));
      expect(acl.Owner?.ID).toBe(bobAccess);
      expect(acl.Grants).toEqual([{ Grantee: { ID: bobAccess, DisplayName: bobAccess, Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' }]);
    });

    it("refuses the bucket owner bob's object on GET, HEAD and its ACL, but lets it delete it", async () => {
      await bob.send(new PutObjectCommand({ Bucket: bucket, Key: 'bob/not-alices.txt', Body: 'by bob' }));
      expect(await errorCode(alice.send(new GetObjectCommand({ Bucket: bucket, Key: 'bob/not-alices.txt' })))).toBe('AccessDenied');
      expect(await errorStatus(alice.send(new HeadObjectCommand({ Bucket: bucket, Key: 'bob/not-alices.txt' })))).toBe(403);
      expect(await errorCode(alice.send(new GetObjectAclCommand({ Bucket: bucket, Key: 'bob/not-alices.txt' })))).toBe('AccessDenied');
      expect(await errorCode(alice.send(new PutObjectAclCommand({ Bucket: bucket, Key: 'bob/not-alices.txt', ACL: 'public-read' })))).toBe('AccessDenied');
      expect(await errorCode(alice.send(new CopyObjectCommand({ Bucket: bucket, Key: 'stolen.txt', CopySource: `${bucket}/bob/not-alices.txt` })))).toBe('AccessDenied');
      await alice.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'bob/not-alices.txt' }));
      expect(await errorStatus(alice.send(new HeadObjectCommand({ Bucket: bucket, Key: 'bob/not-alices.txt' })))).toBe(404);
    });

    it("refuses others what the bucket's ACL or policy gives them, until bob's ACL grants it", async () => {
      await bob.send(new PutObjectCommand({ Bucket: bucket, Key: 'bob/shared.txt', Body: 'shared later' }));
      await alice.send(new PutObjectCommand({ Bucket: bucket, Key: 'alice/readable.txt', Body: 'by alice' }));
      expect(await read(carol, 'alice/readable.txt')).toBe('by alice');
      expect(await errorCode(carol.send(new GetObjectCommand({ Bucket: bucket, Key: 'bob/shared.txt' })))).toBe('AccessDenied');
      const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: carolAccess }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] };
      await alice.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));
      expect(await errorCode(carol.send(new GetObjectCommand({ Bucket: bucket, Key: 'bob/shared.txt' })))).toBe('AccessDenied');
      expect(await errorCode(alice.send(new GetObjectCommand({ Bucket: bucket, Key: 'bob/shared.txt' })))).toBe('AccessDenied');

      await bob.send(new PutObjectAclCommand({ Bucket: bucket, Key: 'bob/shared.txt', GrantFullControl: `id="${bobAccess}"`, GrantRead: `id="${aliceAccess}",id="${carolAccess}"` }));
      expect(await read(alice, 'bob/shared.txt')).toBe('shared later');
      expect(await read(carol, 'bob/shared.txt')).toBe('shared later');
      expect(await ownerOf(bob, 'bob/shared.txt')).toBe(bobAccess);
    });

    it("keeps the bucket owner's own objects without ACL headers governed by the bucket, and makes a multipart upload bob's", async () => {
      await alice.send(new PutObjectCommand({ Bucket: bucket, Key: 'alice/plain.txt', Body: 'plain' }));
      expect(await ownerOf(alice, 'alice/plain.txt')).toBe(aliceAccess);
      const { UploadId } = await bob.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'bob/upload.bin' }));
      const part = await bob.send(new UploadPartCommand({ Bucket: bucket, Key: 'bob/upload.bin', UploadId, PartNumber: 1, Body: 'one part' }));
      await bob.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'bob/upload.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
      expect(await ownerOf(bob, 'bob/upload.bin')).toBe(bobAccess);
      expect(await errorCode(alice.send(new GetObjectCommand({ Bucket: bucket, Key: 'bob/upload.bin' })))).toBe('AccessDenied');
    });
  });

  describe('BucketOwnerPreferred', () => {
    it('makes bob the owner of what he writes, unless he writes it with bucket-owner-full-control', async () => {
      await useOwnership('BucketOwnerPreferred');
      await bob.send(new PutObjectCommand({ Bucket: bucket, Key: 'pref/bobs.txt', Body: 'bob keeps it' }));
      expect(await ownerOf(bob, 'pref/bobs.txt')).toBe(bobAccess);
      expect(await errorCode(alice.send(new GetObjectCommand({ Bucket: bucket, Key: 'pref/bobs.txt' })))).toBe('AccessDenied');

      await bob.send(new PutObjectCommand({ Bucket: bucket, Key: 'pref/given.txt', Body: 'for alice', ACL: 'bucket-owner-full-control' }));
      expect(await ownerOf(alice, 'pref/given.txt')).toBe(aliceAccess);
      expect(await read(alice, 'pref/given.txt')).toBe('for alice');
    });
  });

  describe('BucketOwnerEnforced', () => {
    it('makes the bucket owner the owner of every object, those bob wrote before included', async () => {
      await bob.send(new PutObjectCommand({ Bucket: bucket, Key: 'enf/before.txt', Body: 'written under ObjectWriter' }));
      expect(await errorCode(alice.send(new GetObjectCommand({ Bucket: bucket, Key: 'enf/before.txt' })))).toBe('AccessDenied');
      // ACLs off: bob writes by the policy, and the bucket's ACL may grant nobody else.
      await alice.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'private' }));
      await useOwnership('BucketOwnerEnforced');
      const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: bobAccess }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/enf/*` }] };
      await alice.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));
      await bob.send(new PutObjectCommand({ Bucket: bucket, Key: 'enf/after.txt', Body: 'written under BucketOwnerEnforced' }));

      for (const [key, body] of [['enf/before.txt', 'written under ObjectWriter'], ['enf/after.txt', 'written under BucketOwnerEnforced']]) {
        expect(await read(alice, key)).toBe(body);
        expect((await alice.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength).toBe(body.length);
        expect(await ownerOf(alice, key)).toBe(aliceAccess);
        expect(await errorCode(bob.send(new GetObjectCommand({ Bucket: bucket, Key: key })))).toBe('AccessDenied');
      }
    });
  });
});
