import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketOwnershipControlsCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectsCommand,
  DeletePublicAccessBlockCommand,
  GetBucketAclCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  ListObjectsV2Command,
  PutBucketAclCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { type RunningGateway, startGateway } from './support/gateway';
import { errorCode } from './support/s3-error-code';
import { twoUsersWithBuckets } from './support/two-users';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';

describe('access control (real gateway, @aws-sdk/client-s3, anonymous requests with fetch)', () => {
  let gw: RunningGateway;
  let alice: S3Client;
  let bob: S3Client;
  let bucket: string;
  let bobAccess: string;
  /** An unsigned request, as a browser or curl sends it. */
  const anonymous = (path: string, init: RequestInit = {}) => fetch(`${gw.endpoint}/${path}`, init);

  beforeAll(async () => {
    gw = await startGateway();
    const users = await twoUsersWithBuckets(gw, 'acl');
    ({ alice, bob, aliceBucket: bucket } = users);
    bobAccess = (await bob.config.credentials()).accessKeyId;
    await alice.send(new PutObjectCommand({ Bucket: bucket, Key: 'public/hello.txt', Body: 'hello' }));
    await alice.send(new PutObjectCommand({ Bucket: bucket, Key: 'private/secret.txt', Body: 'secret' }));
  });
  afterAll(() => gw.stop());

  afterEach(async () => {
    await alice.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
    await alice.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
    await alice.send(new DeleteBucketOwnershipControlsCommand({ Bucket: bucket }));
    await alice.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'private' }));
  });

  describe('ACLs', () => {
    it('shows the owner and its FULL_CONTROL on a new bucket, and refuses anonymous callers', async () => {
      const acl = await alice.send(new GetBucketAclCommand({ Bucket: bucket }));
      const owner = (await alice.config.credentials()).accessKeyId;
      expect(acl.Owner?.ID).toBe(owner);
      expect(acl.Grants).toEqual([{ Grantee: { ID: owner, DisplayName: owner, Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' }]);
      expect((await anonymous(`${bucket}/public/hello.txt`)).status).toBe(403);
      expect((await anonymous(bucket)).status).toBe(403);
    });

    it('public-read lets anyone list and read (objects without an ACL follow the bucket) but not write', async () => {
      await alice.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' }));
      const acl = await alice.send(new GetBucketAclCommand({ Bucket: bucket }));
      expect(acl.Grants).toContainEqual({ Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' });
      const listing = await anonymous(`${bucket}?list-type=2`);
      expect(listing.status).toBe(200);
      expect(await listing.text()).toContain('<Key>public/hello.txt</Key>');
      const get = await anonymous(`${bucket}/public/hello.txt`);
      expect([get.status, await get.text()]).toEqual([200, 'hello']);
      expect((await anonymous(`${bucket}/x.txt`, { method: 'PUT', body: 'x' })).status).toBe(403);
      expect(await errorCode(bob.send(new PutObjectCommand({ Bucket: bucket, Key: 'bob.txt', Body: 'b' })))).toBe('AccessDenied');
    });

    it('public-read-write lets anonymous callers write too; the object they write follows the bucket', async () => {
      await alice.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read-write' }));
      const put = await anonymous(`${bucket}/drop/anon.txt`, { method: 'PUT', body: 'from nobody' });
      expect(put.status).toBe(200);
      const get = await anonymous(`${bucket}/drop/anon.txt`);
      expect([get.status, await get.text()]).toEqual([200, 'from nobody']);
      expect((await anonymous(`${bucket}/drop/anon.txt`, { method: 'DELETE' })).status).toBe(204);
      expect((await anonymous(`${bucket}?acl`)).status).toBe(403);
    });

    it('grant headers give an account what they name, and nothing else', async () => {
      await alice.send(new PutBucketAclCommand({ Bucket: bucket, GrantRead: `id="${bobAccess}"`, GrantWrite: `id="${bobAccess}"` }));
      expect((await bob.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount).toBeGreaterThan(0);
      await bob.send(new PutObjectCommand({ Bucket: bucket, Key: 'from-bob.txt', Body: 'b' }));
      expect(await errorCode(bob.send(new GetBucketAclCommand({ Bucket: bucket })))).toBe('AccessDenied');
      expect(await errorCode(bob.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' })))).toBe('AccessDenied');
      expect((await anonymous(bucket)).status).toBe(403);
    });

    it('answers InvalidArgument for an unknown grantee, MalformedACLError for a bad document, InvalidRequest for both forms', async () => {
      expect(await errorCode(alice.send(new PutBucketAclCommand({ Bucket: bucket, GrantRead: 'id="NOSUCHACCOUNT"' })))).toBe('InvalidArgument');
      const owner = (await alice.config.credentials()).accessKeyId;
      const bad = { Owner: { ID: owner }, Grants: [{ Grantee: { Type: 'CanonicalUser' as const, ID: owner }, Permission: 'EVERYTHING' as 'READ' }] };
      expect(await errorCode(alice.send(new PutBucketAclCommand({ Bucket: bucket, AccessControlPolicy: bad })))).toBe('MalformedACLError');
      expect(await errorCode(alice.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read', GrantRead: `id="${bobAccess}"` })))).toBe('InvalidRequest');
      expect(await errorCode(alice.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'everyone-please' as 'private' })))).toBe('InvalidArgument');
    });

    it('takes an AccessControlPolicy document with a group grant', async () => {
      const owner = (await alice.config.credentials()).accessKeyId;
      await alice.send(
        new PutBucketAclCommand({
          Bucket: bucket,
          AccessControlPolicy: { Owner: { ID: owner }, Grants: [{ Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' }] },
        }),
      );
      expect((await anonymous(`${bucket}/public/hello.txt`)).status).toBe(200);
    });

    it('gives an object its own ACL on PutObject (x-amz-acl), and PutObjectAcl changes it', async () => {
      await alice.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' }));
      await alice.send(new PutObjectCommand({ Bucket: bucket, Key: 'own-acl.txt', Body: 'mine', ACL: 'private' }));
      expect((await anonymous(`${bucket}/own-acl.txt`)).status).toBe(403);
      await alice.send(new PutObjectAclCommand({ Bucket: bucket, Key: 'own-acl.txt', ACL: 'public-read' }));
      expect((await anonymous(`${bucket}/own-acl.txt`)).status).toBe(200);
      const acl = await alice.send(new GetObjectAclCommand({ Bucket: bucket, Key: 'own-acl.txt' }));
      expect(acl.Grants?.map((g) => g.Permission)).toEqual(['FULL_CONTROL', 'READ']);
      expect(await errorCode(alice.send(new GetObjectAclCommand({ Bucket: bucket, Key: 'nothing-here' })))).toBe('NoSuchKey');
    });
  });

  describe('ACLs on new objects and copies', () => {
    it('keeps the ACL of CreateMultipartUpload for the completed object, and gives a copy its own, never its source\'s', async () => {
      await alice.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'private' }));
      const { UploadId } = await alice.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'mp/open.bin', ACL: 'public-read' }));
      const part = await alice.send(new UploadPartCommand({ Bucket: bucket, Key: 'mp/open.bin', UploadId, PartNumber: 1, Body: 'part one' }));
      await alice.send(
        new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'mp/open.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }),
      );
      const got = await anonymous(`${bucket}/mp/open.bin`);
      expect([got.status, await got.text()]).toEqual([200, 'part one']);

      await alice.send(new CopyObjectCommand({ Bucket: bucket, Key: 'mp/copy.bin', CopySource: `${bucket}/mp/open.bin` }));
      expect((await anonymous(`${bucket}/mp/copy.bin`)).status).toBe(403);
      await alice.send(new CopyObjectCommand({ Bucket: bucket, Key: 'mp/copy-open.bin', CopySource: `${bucket}/mp/open.bin`, ACL: 'public-read' }));
      expect((await anonymous(`${bucket}/mp/copy-open.bin`)).status).toBe(200);
    });

    it('lets another account copy out of a bucket whose ACL lets it read, and not out of one that does not', async () => {
      const bobBucket = 'bob-acl';
      await alice.send(new PutBucketAclCommand({ Bucket: bucket, GrantRead: `id="${bobAccess}"` }));
      await bob.send(new CopyObjectCommand({ Bucket: bobBucket, Key: 'copied.txt', CopySource: `${bucket}/public/hello.txt` }));
      expect(await (await bob.send(new GetObjectCommand({ Bucket: bobBucket, Key: 'copied.txt' }))).Body?.transformToString()).toBe('hello');
      await alice.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'private' }));
      expect(await errorCode(bob.send(new CopyObjectCommand({ Bucket: bobBucket, Key: 'again.txt', CopySource: `${bucket}/public/hello.txt` })))).toBe('AccessDenied');
    });
  });

  describe('ownership controls', () => {
    it('has none on a new bucket (ACLs enabled); BucketOwnerEnforced turns ACLs off', async () => {
      expect(await errorCode(alice.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket })))).toBe('OwnershipControlsNotFoundError');
      await alice.send(new PutBucketOwnershipControlsCommand({ Bucket: bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
      const got = await alice.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket }));
      expect(got.OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
      expect(await errorCode(alice.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' })))).toBe('AccessControlListNotSupported');
      expect(await errorCode(alice.send(new PutObjectCommand({ Bucket: bucket, Key: 'acl.txt', Body: 'x', ACL: 'public-read' })))).toBe('AccessControlListNotSupported');
      await alice.send(new PutObjectCommand({ Bucket: bucket, Key: 'acl.txt', Body: 'x', ACL: 'bucket-owner-full-control' }));
      await alice.send(new DeleteBucketOwnershipControlsCommand({ Bucket: bucket }));
      expect(await errorCode(alice.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket })))).toBe('OwnershipControlsNotFoundError');
    });

    it('refuses BucketOwnerEnforced while the ACL grants to others, and on CreateBucket with a public ACL', async () => {
      await alice.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' }));
      const enforce = new PutBucketOwnershipControlsCommand({ Bucket: bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } });
      expect(await errorCode(alice.send(enforce))).toBe('InvalidBucketAclWithObjectOwnership');
      expect(await errorCode(alice.send(new CreateBucketCommand({ Bucket: 'alice-enforced', ObjectOwnership: 'BucketOwnerEnforced', ACL: 'public-read' })))).toBe(
        'InvalidBucketAclWithObjectOwnership',
      );
      await alice.send(new CreateBucketCommand({ Bucket: 'alice-public', ACL: 'public-read', ObjectOwnership: 'ObjectWriter' }));
      expect((await anonymous('alice-public')).status).toBe(200);
      expect(await errorCode(alice.send(new CreateBucketCommand({ Bucket: 'alice-odd', ObjectOwnership: 'Nobody' as 'ObjectWriter' })))).toBe('InvalidArgument');
    });

    it('refuses a malformed OwnershipControls document', async () => {
      const none = new PutBucketOwnershipControlsCommand({ Bucket: bucket, OwnershipControls: { Rules: [] } });
      expect(await errorCode(alice.send(none))).toBe('MalformedXML');
    });
  });

  describe('public access block', () => {
    it('answers NoSuchPublicAccessBlockConfiguration until one is put, and gives back what was put', async () => {
      expect(await errorCode(alice.send(new GetPublicAccessBlockCommand({ Bucket: bucket })))).toBe('NoSuchPublicAccessBlockConfiguration');
      await alice.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true } }));
      const got = await alice.send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
      expect(got.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: true });
      expect(await errorCode(bob.send(new GetPublicAccessBlockCommand({ Bucket: bucket })))).toBe('AccessDenied');
    });

    it('BlockPublicAcls refuses public ACLs, IgnorePublicAcls makes existing ones count for nothing', async () => {
      await alice.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' }));
      await alice.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true } }));
      expect(await errorCode(alice.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read-write' })))).toBe('AccessDenied');
      expect(await errorCode(alice.send(new PutObjectCommand({ Bucket: bucket, Key: 'p.txt', Body: 'x', ACL: 'public-read' })))).toBe('AccessDenied');
      expect((await anonymous(`${bucket}/public/hello.txt`)).status).toBe(403);
      await alice.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
      expect((await anonymous(`${bucket}/public/hello.txt`)).status).toBe(200);
    });

    it('BlockPublicPolicy refuses a public policy, RestrictPublicBuckets makes one admit nobody new', async () => {
      const publicRead = policyOf([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/public/*` }]);
      await alice.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: { BlockPublicPolicy: true } }));
      expect(await errorCode(alice.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: publicRead })))).toBe('AccessDenied');
      await alice.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: { RestrictPublicBuckets: true } }));
      await alice.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: publicRead }));
      expect((await anonymous(`${bucket}/public/hello.txt`)).status).toBe(403);
      await alice.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
      expect((await anonymous(`${bucket}/public/hello.txt`)).status).toBe(200);
    });
  });

  describe('bucket policy', () => {
    it('answers NoSuchBucketPolicy without one, MalformedPolicy for a bad one', async () => {
      expect(await errorCode(alice.send(new GetBucketPolicyCommand({ Bucket: bucket })))).toBe('NoSuchBucketPolicy');
      expect(await errorCode(alice.send(new GetBucketPolicyStatusCommand({ Bucket: bucket })))).toBe('NoSuchBucketPolicy');
      expect(await errorCode(alice.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: '{"Statement": [' })))).toBe('MalformedPolicy');
      const outside = policyOf([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::elsewhere/*' }]);
      expect(await errorCode(alice.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: outside })))).toBe('MalformedPolicy');
      const unknown = policyOf([{ Effect: 'Allow', Principal: { AWS: 'NOSUCHACCOUNT' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }]);
      expect(await errorCode(alice.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: unknown })))).toBe('MalformedPolicy');
    });

    it('lets anonymous callers read one prefix only, and says the policy is public', async () => {
      const policy = policyOf([{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/public/*` }]);
      await alice.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }));
      expect((await alice.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy).toBe(policy);
      expect((await alice.send(new GetBucketPolicyStatusCommand({ Bucket: bucket }))).PolicyStatus?.IsPublic).toBe(true);
      expect((await anonymous(`${bucket}/public/hello.txt`)).status).toBe(200);
      expect((await anonymous(`${bucket}/private/secret.txt`)).status).toBe(403);
      expect((await anonymous(bucket)).status).toBe(403);
    });

    it('grants another account by access key, with conditions (s3:prefix on listing)', async () => {
      const policy = policyOf([
        { Effect: 'Allow', Principal: { AWS: [bobAccess] }, Action: 's3:ListBucket', Resource: `arn:aws:s3:::${bucket}`, Condition: { StringLike: { 's3:prefix': 'public/*' } } },
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${bobAccess}:root` }, Action: ['s3:PutObject', 's3:GetObject'], Resource: `arn:aws:s3:::${bucket}/inbox/*` },
      ]);
      await alice.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }));
      expect((await alice.send(new GetBucketPolicyStatusCommand({ Bucket: bucket }))).PolicyStatus?.IsPublic).toBe(false);
      expect((await bob.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'public/' }))).KeyCount).toBe(1);
      expect(await errorCode(bob.send(new ListObjectsV2Command({ Bucket: bucket })))).toBe('AccessDenied');
      await bob.send(new PutObjectCommand({ Bucket: bucket, Key: 'inbox/report.txt', Body: 'r' }));
      expect(await (await bob.send(new GetObjectCommand({ Bucket: bucket, Key: 'inbox/report.txt' }))).Body?.transformToString()).toBe('r');
      expect(await errorCode(bob.send(new GetObjectCommand({ Bucket: bucket, Key: 'private/secret.txt' })))).toBe('AccessDenied');
    });

    it('an explicit Deny binds the owner too, but never locks it out of its policy', async () => {
      const policy = policyOf([
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` },
        { Effect: 'Deny', Principal: '*', Action: ['s3:GetObject', 's3:DeleteBucketPolicy'], Resource: [`arn:aws:s3:::${bucket}/private/*`, `arn:aws:s3:::${bucket}`] },
      ]);
      await alice.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }));
      expect(await errorCode(alice.send(new GetObjectCommand({ Bucket: bucket, Key: 'private/secret.txt' })))).toBe('AccessDenied');
      expect((await anonymous(`${bucket}/private/secret.txt`)).status).toBe(403);
      expect((await anonymous(`${bucket}/public/hello.txt`)).status).toBe(200);
      await alice.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
      expect(await (await alice.send(new GetObjectCommand({ Bucket: bucket, Key: 'private/secret.txt' }))).Body?.transformToString()).toBe('secret');
    });

    it('checks each key of a DeleteObjects on its own: a key the policy denies is reported AccessDenied', async () => {
      await alice.send(new PutObjectCommand({ Bucket: bucket, Key: 'keep/a.txt', Body: 'a' }));
      await alice.send(new PutObjectCommand({ Bucket: bucket, Key: 'tmp/b.txt', Body: 'b' }));
      const policy = policyOf([{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${bucket}/keep/*` }]);
      await alice.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }));
      const out = await alice.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'keep/a.txt' }, { Key: 'tmp/b.txt' }] } }));
      expect(out.Deleted?.map((d) => d.Key)).toEqual(['tmp/b.txt']);
      expect(out.Errors?.map((e) => [e.Key, e.Code])).toEqual([['keep/a.txt', 'AccessDenied']]);
      const bobs = await bob.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'public/hello.txt' }] } }));
      expect(bobs.Errors?.map((e) => e.Code)).toEqual(['AccessDenied']);
    });

    it('keeps policies to the owner: another account can neither read nor write one', async () => {
      expect(await errorCode(bob.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policyOf([]) })))).toBe('AccessDenied');
      expect(await errorCode(bob.send(new GetBucketPolicyCommand({ Bucket: bucket })))).toBe('AccessDenied');
    });
  });
});

function policyOf(statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
