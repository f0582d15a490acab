import type { S3Client } from '@aws-sdk/client-s3';
import { BackendBase } from '../backend';
import type {
  AccessControlList,
  BucketAccessChange,
  BucketAccessConfig,
  BucketInfo,
  BucketInput,
  BucketVersioningInput,
  CompleteMultipartUploadInput,
  CompleteMultipartUploadOutput,
  CopyObjectInput,
  CopyObjectOutput,
  CreateBucketInput,
  CreateMultipartUploadInput,
  CreateMultipartUploadOutput,
  DeletedObject,
  DeleteObjectOutput,
  DeleteObjectsInput,
  GetObjectInput,
  GetObjectOutput,
  HeadObjectInput,
  HeadObjectOutput,
  ListMultipartUploadsInput,
  ListMultipartUploadsOutput,
  ListObjectsInput,
  ListObjectsOutput,
  ListObjectsV2Input,
  ListObjectsV2Output,
  ListObjectVersionsInput,
  ListObjectVersionsOutput,
  ListPartsInput,
  ListPartsOutput,
  ObjectInput,
  PartOutput,
  PutObjectInput,
  PutObjectOutput,
  PutObjectTaggingInput,
  TagSet,
  TracedInput,
  UploadInput,
  UploadPartCopyInput,
  UploadPartInput,
  VersionedObjectInput,
  VersioningStatus,
} from '../backend.types';
import type { BucketConfiguration } from '../bucket-configuration.types';
import { BucketMeta } from './bucket-meta';
import * as buckets from './buckets';
import * as listing from './listing';
import * as multipart from './multipart';
import * as objects from './objects';
import type { S3ProxyOptions } from './s3proxy-options';
import { createS3Client, Upstream } from './upstream-client';

/**
 * VersityGW's s3 backend: tracegw authenticates its clients with its own IAM and forwards each
 * operation to an upstream S3 server with its own credentials (@aws-sdk/client-s3). Bodies stream
 * both ways; upstream errors become the same S3 errors; the owners and access settings of buckets
 * live in the meta bucket. What S3 has no call for here (object ACLs other than private, object
 * lock) answers NotImplemented, from BackendBase or explicitly.
 */
export class S3ProxyBackend extends BackendBase {
  readonly type = 's3proxy' as const;
  private readonly upstream: Upstream;
  private readonly meta: BucketMeta;

  /** `client` replaces the one the options describe (tests hand one in). */
  constructor(options: S3ProxyOptions, client: S3Client = createS3Client(options)) {
    super();
    this.upstream = new Upstream(client);
    this.meta = new BucketMeta(this.upstream, options.metaBucket, options.rootAccess);
  }

  override async listBuckets(input: TracedInput = {}): Promise<BucketInfo[]> {
    const found = await buckets.listUpstreamBuckets(this.upstream, this.meta, input);
    return Promise.all(found.map(async (bucket) => ({ ...bucket, owner: await this.ownerOf({ bucket: bucket.name, ...input }) })));
  }
  override createBucket(input: CreateBucketInput): Promise<void> {
    return this.changingBucket(input.bucket, buckets.createBucket(this.upstream, this.meta, input));
  }
  /** HeadBucket names no creation date: none of the operations that head a bucket shows one (ListBuckets has the upstream's). */
  override async headBucket(input: BucketInput): Promise<BucketInfo> {
    const [owner] = await Promise.all([this.meta.owner(input.bucket, input), buckets.headBucket(this.upstream, this.meta, input)]);
    return { name: input.bucket, creationDate: new Date(0), owner };
  }
  /** The bucket owner's access key, from the one cache of bucket configurations. */
  private async ownerOf(input: BucketInput): Promise<string> {
    return (await this.bucketConfiguration(input)).access.acl.owner;
  }
  /** One HeadBucket for the whole configuration, its three parts read beside it. */
  protected override async readBucketConfiguration(input: BucketInput): Promise<BucketConfiguration> {
    const [, access, cors, versioning] = await Promise.all([
      buckets.headBucket(this.upstream, this.meta, input),
      this.meta.access(input.bucket, input),
      this.meta.cors(input.bucket, input),
      buckets.getBucketVersioning(this.upstream, input),
    ]);
    return { access, cors, versioning: versioning.status };
  }
  override deleteBucket(input: BucketInput): Promise<void> {
    return this.changingBucket(input.bucket, buckets.deleteBucket(this.upstream, this.meta, input));
  }
  override async bucketAccess(input: BucketInput): Promise<BucketAccessConfig> {
    await buckets.headBucket(this.upstream, this.meta, input);
    return this.meta.access(input.bucket, input);
  }
  /** A change of what the meta bucket keeps about a bucket, once the upstream says the bucket exists. */
  private changingMeta(input: BucketInput, change: () => Promise<void>): Promise<void> {
    return this.changingBucket(input.bucket, buckets.headBucket(this.upstream, this.meta, input).then(change));
  }
  override changeBucketAccess(input: BucketInput & { change: BucketAccessChange }): Promise<void> {
    return this.changingMeta(input, () => this.meta.change(input.bucket, input.change, input));
  }
  override changeBucketOwner(input: BucketInput & { owner: string }): Promise<void> {
    return this.changingMeta(input, () => this.meta.changeOwner(input.bucket, input.owner, input));
  }
  /** Objects keep no ACL of their own upstream: each follows its bucket's. */
  override async getObjectAcl(input: ObjectInput): Promise<AccessControlList | undefined> {
    await objects.headObject(this.upstream, { ...input, conditions: {} });
    return undefined;
  }
  override async getBucketCors(input: BucketInput): Promise<Buffer | undefined> {
    await buckets.headBucket(this.upstream, this.meta, input);
    return this.meta.cors(input.bucket, input);
  }
  override putBucketCors(input: BucketInput & { cors: Buffer | undefined }): Promise<void> {
    return this.changingMeta(input, () => this.meta.setCors(input.bucket, input.cors, input));
  }

  override putObject(input: PutObjectInput): Promise<PutObjectOutput> {
    return objects.putObject(this.upstream, input);
  }
  override getObject(input: GetObjectInput): Promise<GetObjectOutput> {
    return objects.getObject(this.upstream, input);
  }
  override headObject(input: HeadObjectInput): Promise<HeadObjectOutput> {
    return objects.headObject(this.upstream, input);
  }
  override deleteObject(input: VersionedObjectInput): Promise<DeleteObjectOutput> {
    return objects.deleteObject(this.upstream, input);
  }
  /** The upstream's own DeleteObjects, one call for the batch. */
  override async deleteObjects(input: DeleteObjectsInput): Promise<DeletedObject[]> {
    if (input.objects.length === 0) await this.headBucket(input);
    return listing.deleteObjects(this.upstream, input);
  }
  override copyObject(input: CopyObjectInput): Promise<CopyObjectOutput> {
    return objects.copyObject(this.upstream, input);
  }
  override getObjectTagging(input: VersionedObjectInput): Promise<TagSet> {
    return objects.getObjectTagging(this.upstream, input);
  }
  override putObjectTagging(input: PutObjectTaggingInput): Promise<void> {
    return Object.keys(input.tags).length === 0 ? this.deleteObjectTagging(input) : objects.putObjectTagging(this.upstream, input);
  }
  override deleteObjectTagging(input: VersionedObjectInput): Promise<void> {
    return objects.deleteObjectTagging(this.upstream, input);
  }
  override getBucketTagging(input: BucketInput): Promise<TagSet> {
    return buckets.getBucketTagging(this.upstream, input);
  }
  override putBucketTagging(input: BucketInput & { tags: TagSet }): Promise<void> {
    return buckets.putBucketTagging(this.upstream, input);
  }
  override deleteBucketTagging(input: BucketInput): Promise<void> {
    return buckets.deleteBucketTagging(this.upstream, input);
  }
  override listObjects(input: ListObjectsInput): Promise<ListObjectsOutput> {
    return listing.listObjects(this.upstream, input);
  }
  /** The upstream's own ListObjectsV2: its continuation tokens go to the client and back unchanged. */
  override listObjectsV2(input: ListObjectsV2Input): Promise<ListObjectsV2Output> {
    return listing.listObjectsV2(this.upstream, input, () => this.ownerOf(input));
  }
  override listObjectVersions(input: ListObjectVersionsInput): Promise<ListObjectVersionsOutput> {
    return listing.listObjectVersions(this.upstream, input);
  }
  override putBucketVersioning(input: BucketVersioningInput): Promise<void> {
    return this.changingBucket(input.bucket, buckets.putBucketVersioning(this.upstream, input));
  }
  override getBucketVersioning(input: BucketInput): Promise<{ status?: VersioningStatus }> {
    return buckets.getBucketVersioning(this.upstream, input);
  }

  override createMultipartUpload(input: CreateMultipartUploadInput): Promise<CreateMultipartUploadOutput> {
    return multipart.createMultipartUpload(this.upstream, input);
  }
  override uploadPart(input: UploadPartInput): Promise<PartOutput> {
    return multipart.uploadPart(this.upstream, input);
  }
  override uploadPartCopy(input: UploadPartCopyInput): Promise<PartOutput> {
    return multipart.uploadPartCopy(this.upstream, input);
  }
  override completeMultipartUpload(input: CompleteMultipartUploadInput): Promise<CompleteMultipartUploadOutput> {
    return multipart.completeMultipartUpload(this.upstream, input);
  }
  /** The upstream removed the parts when it completed the upload. */
  override async releaseMultipartUpload(_input: UploadInput): Promise<void> {}
  override abortMultipartUpload(input: UploadInput): Promise<void> {
    return multipart.abortMultipartUpload(this.upstream, input);
  }
  override async listMultipartUploads(input: ListMultipartUploadsInput): Promise<ListMultipartUploadsOutput> {
    return multipart.listMultipartUploads(this.upstream, input, await this.ownerOf(input));
  }
  override async listParts(input: ListPartsInput): Promise<ListPartsOutput> {
    return multipart.listParts(this.upstream, input, await this.ownerOf(input));
  }

  override async close(): Promise<void> {
    this.upstream.client.destroy();
  }
}
