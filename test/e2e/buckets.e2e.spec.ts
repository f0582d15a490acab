import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  GetBucketVersioningCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { RunningGateway, startGateway } from './support/gateway';
import { errorCode } from './support/s3-error-code';

describe('buckets (real gateway, @aws-sdk/client-s3)', () => {
  let gw: RunningGateway;
  let s3: S3Client;

  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
  });
  afterAll(() => gw.stop());

  it('creates a bucket as a directory of the root and lists it with its owner', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'alpha' }));
    expect((await stat(join(gw.root, 'alpha'))).isDirectory()).toBe(true);
    const listed = await s3.send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((b) => b.Name)).toEqual(['alpha']);
    expect(listed.Owner?.ID).toBe(gw.rootCredentials.access);
    expect(listed.Buckets?.[0].CreationDate).toBeInstanceOf(Date);
  });

  it('answers BucketAlreadyOwnedByYou for a second create by the owner', async () => {
    expect(await errorCode(s3.send(new CreateBucketCommand({ Bucket: 'alpha' })))).toBe('BucketAlreadyOwnedByYou');
  });

  it.each(['ab', 'UPPER', 'has_underscore', '-leading', 'trailing-', 'a..b', '192.168.1.1', 'xn--punycode', 'x'.repeat(64)])(
    'refuses the invalid bucket name %s with InvalidBucketName',
    async (name) => {
      expect(await errorCode(s3.send(new CreateBucketCommand({ Bucket: name })))).toBe('InvalidBucketName');
    },
  );

  it('accepts a LocationConstraint naming its region and refuses another', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'located' }));
    const other = gw.s3();
    expect(
      await errorCode(other.send(new CreateBucketCommand({ Bucket: 'elsewhere', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }))),
    ).toBe('IllegalLocationConstraintException');
    await expect(stat(join(gw.root, 'elsewhere'))).rejects.toThrow();
  });

  it('heads a bucket with its region and 404s a missing one', async () => {
    const head = await s3.send(new HeadBucketCommand({ Bucket: 'alpha' }));
    expect(head.$metadata.httpStatusCode).toBe(200);
    expect(head.BucketRegion).toBe('us-east-1');
    expect(await errorCode(s3.send(new HeadBucketCommand({ Bucket: 'missing' })))).toBe('NotFound');
  });

  it('returns the location (empty for us-east-1, as AWS)', async () => {
    const location = await s3.send(new GetBucketLocationCommand({ Bucket: 'alpha' }));
    expect(location.LocationConstraint ?? '').toBe('');
    expect(await errorCode(s3.send(new GetBucketLocationCommand({ Bucket: 'missing' })))).toBe('NoSuchBucket');
  });

  it('answers versioning as for a bucket where it was never set: an empty configuration', async () => {
    const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: 'alpha' }));
    expect(versioning.$metadata.httpStatusCode).toBe(200);
    expect(versioning.Status).toBeUndefined();
    expect(versioning.MFADelete).toBeUndefined();
    expect(await errorCode(s3.send(new GetBucketVersioningCommand({ Bucket: 'missing' })))).toBe('NoSuchBucket');
  });

  it('refuses to delete a bucket that holds objects, then deletes it once empty', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'full' }));
    await s3.send(new PutObjectCommand({ Bucket: 'full', Key: 'a/b.txt', Body: 'x' }));
    expect(await errorCode(s3.send(new DeleteBucketCommand({ Bucket: 'full' })))).toBe('BucketNotEmpty');
    expect((await stat(join(gw.root, 'full', 'a', 'b.txt'))).size).toBe(1);
    // A refused deletion records nothing.
    expect(gw.gateway.services.events.readStream('bucket:full').map((event) => event.type)).toEqual(['BucketCreated']);
  });

  it('deletes an empty bucket with 204 and NoSuchBucket afterwards', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'gone' }));
    const deleted = await s3.send(new DeleteBucketCommand({ Bucket: 'gone' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    await expect(stat(join(gw.root, 'gone'))).rejects.toThrow();
    expect(await errorCode(s3.send(new DeleteBucketCommand({ Bucket: 'gone' })))).toBe('NoSuchBucket');
    // Both in the bucket's stream, which is what the other --workers follow; the second deletion failed and records nothing.
    const root = gw.rootCredentials.access;
    expect(gw.gateway.services.events.readStream('bucket:gone').map(({ type, data }) => ({ type, data }))).toEqual([
      { type: 'BucketCreated', data: { bucket: 'gone', owner: root } },
      { type: 'BucketDeleted', data: { bucket: 'gone', owner: root, account: root } },
    ]);
  });
});
