import { join } from 'node:path';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteBucketPolicyCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  DeleteObjectTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutBucketAclCommand,
  PutBucketCorsCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { RunningGateway, startGateway } from './support/gateway';
import { errorCode } from './support/s3-error-code';

describe('--readonly (a read-only gateway and a writable one over the same tree)', () => {
  let writable: RunningGateway;
  let readOnly: RunningGateway;
  let s3: S3Client;

  beforeAll(async () => {
    writable = await startGateway();
    const w = writable.s3();
    await w.send(new CreateBucketCommand({ Bucket: 'data' }));
    await w.send(new PutObjectCommand({ Bucket: 'data', Key: 'kept.txt', Body: 'unchanged', Tagging: 'a=1' }));
    const root = writable.root;
    readOnly = await startGateway(() => ({
      readOnly: true,
      db: join(root, '.tracegw', 'read-only-journal.db'),
      backend: { type: 'posix', root, dirPerms: 0o755, disableOtmp: false },
    }));
    s3 = readOnly.s3();
  });
  afterAll(async () => {
    // Its own temp dir went unused (it serves the writable one's tree): stop() removes it.
    await readOnly?.stop();
    await writable?.stop();
  });

  const b = { Bucket: 'data' };
  const o = { Bucket: 'data', Key: 'kept.txt' };
  const upload = { Bucket: 'data', Key: 'big', UploadId: 'any-upload-id' };
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }] });
  const writes: [string, () => unknown][] = [
    ['CreateBucket', () => new CreateBucketCommand({ Bucket: 'fresh' })],
    ['DeleteBucket', () => new DeleteBucketCommand(b)],
    ['PutObject', () => new PutObjectCommand({ ...o, Body: 'overwritten' })],
    ['DeleteObject', () => new DeleteObjectCommand(o)],
    ['DeleteObjects', () => new DeleteObjectsCommand({ ...b, Delete: { Objects: [{ Key: 'kept.txt' }] } })],
    ['CopyObject', () => new CopyObjectCommand({ ...b, Key: 'copy.txt', CopySource: 'data/kept.txt' })],
    ['CreateMultipartUpload', () => new CreateMultipartUploadCommand({ ...b, Key: 'big' })],
    ['UploadPart', () => new UploadPartCommand({ ...upload, PartNumber: 1, Body: 'part' })],
    ['UploadPartCopy', () => new UploadPartCopyCommand({ ...upload, PartNumber: 1, CopySource: 'data/kept.txt' })],
    ['CompleteMultipartUpload', () => new CompleteMultipartUploadCommand({ ...upload, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"x"' }] } })],
    ['AbortMultipartUpload', () => new AbortMultipartUploadCommand(upload)],
    ['PutObjectTagging', () => new PutObjectTaggingCommand({ ...o, Tagging: { TagSet: [{ Key: 'a', Value: '2' }] } })],
    ['DeleteObjectTagging', () => new DeleteObjectTaggingCommand(o)],
    ['PutObjectAcl', () => new PutObjectAclCommand({ ...o, ACL: 'private' })],
    ['PutBucketTagging', () => new PutBucketTaggingCommand({ ...b, Tagging: { TagSet: [{ Key: 'a', Value: '1' }] } })],
    ['DeleteBucketTagging', () => new DeleteBucketTaggingCommand(b)],
    ['PutBucketAcl', () => new PutBucketAclCommand({ ...b, ACL: 'private' })],
    ['PutBucketPolicy', () => new PutBucketPolicyCommand({ ...b, Policy: policy })],
    ['DeleteBucketPolicy', () => new DeleteBucketPolicyCommand(b)],
    ['PutBucketVersioning', () => new PutBucketVersioningCommand({ ...b, VersioningConfiguration: { Status: 'Enabled' } })],
    ['PutBucketCors', () => new PutBucketCorsCommand({ ...b, CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'] }] } })],
  ];

  it.each(writes)('refuses %s with AccessDenied, for root too', async (_name, command) => {
    expect(await errorCode(s3.send(command() as PutObjectCommand))).toBe('AccessDenied');
  });

  it('changed nothing on disk, and reads go on working', async () => {
    const got = await s3.send(new GetObjectCommand(o));
    expect(await got.Body?.transformToString()).toBe('unchanged');
    expect((await s3.send(new HeadObjectCommand(o))).ContentLength).toBe(9);
    await s3.send(new HeadBucketCommand(b));
    expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((bucket) => bucket.Name)).toEqual(['data']);
    expect((await s3.send(new ListObjectsV2Command(b))).Contents?.map((object) => object.Key)).toEqual(['kept.txt']);
    expect((await s3.send(new GetObjectTaggingCommand(o))).TagSet).toEqual([{ Key: 'a', Value: '1' }]);
    expect((await s3.send(new ListMultipartUploadsCommand(b))).Uploads ?? []).toEqual([]);
  });

  it('leaves the writable gateway writable', async () => {
    await writable.s3().send(new PutObjectCommand({ Bucket: 'data', Key: 'other.txt', Body: 'x' }));
    expect((await s3.send(new ListObjectsV2Command(b))).KeyCount).toBe(2);
  });
});
