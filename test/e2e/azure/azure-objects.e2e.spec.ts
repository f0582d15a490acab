import {
  CreateBucketCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { errorCode } from '../support/s3-error-code';
import { objectCases } from '../support/backend-cases/object-cases';
import { type AzureGateway, startAzureGateway } from './azure-gateway';

/** Buckets and objects through the azure backend, Azurite behind it, @aws-sdk/client-s3 in front. */
describe('azure backend: buckets and objects (Azurite)', () => {
  let az: AzureGateway;
  let s3: S3Client;
  const Bucket = 'objects';

  beforeAll(async () => {
    az = await startAzureGateway();
    s3 = az.gateway.s3();
    await s3.send(new CreateBucketCommand({ Bucket }));
  });
  afterAll(() => az?.stop());

  it('makes a bucket a container, which ListBuckets and HeadBucket then know', async () => {
    const containers = [];
    for await (const container of az.azurite.service().listContainers()) containers.push(container.name);
    expect(containers).toContain(Bucket);
    const listed = await s3.send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((b) => b.Name)).toContain(Bucket);
    await expect(s3.send(new HeadBucketCommand({ Bucket }))).resolves.toBeDefined();
    expect(await errorCode(s3.send(new CreateBucketCommand({ Bucket })))).toBe('BucketAlreadyOwnedByYou');
    expect(await errorCode(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })))).toBe('NotFound');
  });

  it('keeps tags as blob index tags', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'tagged.txt', Body: 't', Tagging: 'team=blue&tier=gold' }));
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key: 'tagged.txt' }))).$metadata.httpStatusCode).toBe(200);
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'tagged.txt' }));
    expect(tags.TagSet).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'blue' }, { Key: 'tier', Value: 'gold' }]));
    expect((await az.azurite.service().getContainerClient(Bucket).getBlobClient('tagged.txt').getTags()).tags).toEqual({ team: 'blue', tier: 'gold' });
    await s3.send(new PutObjectTaggingCommand({ Bucket, Key: 'tagged.txt', Tagging: { TagSet: [{ Key: 'team', Value: 'red' }] } }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'tagged.txt' }))).TagSet).toEqual([{ Key: 'team', Value: 'red' }]);
    expect(await errorCode(s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'nothing-here' })))).toBe('NoSuchKey');
  });

  objectCases(() => s3, Bucket, {
    body: async (key) => (await az.azurite.service().getContainerClient(Bucket).getBlobClient(key).downloadToBuffer()).toString(),
    metadata: async (key) => (await az.azurite.service().getContainerClient(Bucket).getBlobClient(key).getProperties()).metadata ?? {},
    contentDisposition: async (key) => (await az.azurite.service().getContainerClient(Bucket).getBlobClient(key).getProperties()).contentDisposition,
  });
});
