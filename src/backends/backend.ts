import { S3Error } from '../s3/errors/s3-error';
import { ExpiringCache } from './common/expiring-cache';
import { deleteEachObject, listObjectsV2ByMarker } from './composed-operations';
import type { Backend, BackendType } from './backend-port';
import type {
  AccessControlList,
  BucketAccessChange,
  BucketAccessConfig,
  BucketInfo,
  BucketConfiguration,
  BucketInput,
  BucketVersioningInput,
  CopyObjectInput,
  CopyObjectOutput,
  CompleteMultipartUploadInput,
  CompleteMultipartUploadOutput,
  CreateBucketInput,
  DeleteObjectInput,
  DeleteObjectOutput,
  DeletedObject,
  DeleteObjectsInput,
  CreateMultipartUploadInput,
  CreateMultipartUploadOutput,
  ListMultipartUploadsInput,
  ListMultipartUploadsOutput,
  ListPartsInput,
  ListPartsOutput,
  MultipartStorageRecovery,
  PartOutput,
  StoredUpload,
  UploadInput,
  UploadPartCopyInput,
  UploadPartInput,
  GetObjectAttributesOutput,
  GetObjectInput,
  GetObjectOutput,
  HeadObjectInput,
  HeadObjectOutput,
  ListObjectsInput,
  ListObjectsOutput,
  ListObjectsV2Input,
  ListObjectsV2Output,
  ListObjectVersionsInput,
  ListObjectVersionsOutput,
  ObjectInput,
  LegalHoldStatus,
  ObjectLockChangeOutput,
  ObjectLockConfiguration,
  ObjectRetention,
  PutObjectLegalHoldInput,
  PutObjectRetentionInput,
  PutObjectInput,
  PutObjectOutput,
  PutObjectTaggingInput,
  TagSet,
  TracedInput,
  VersionedObjectInput,
  VersioningStatus,
} from './backend.types';

export * from './backend.types';
export * from './backend-port';

/**
 * How long a bucket's configuration is trusted from the cache: the bound on how late a change made
 * by another gateway on a shared file system reaches this one (another --workers process's change
 * comes sooner, through BucketChanges).
 */
export const BUCKET_CONFIGURATION_TTL_MS = 1000;
const BUCKET_CONFIGURATIONS_CACHED = 10_000;

function unsetWhenNotImplemented(err: unknown): undefined {
  if (err instanceof S3Error && err.code === 'NotImplemented') return undefined;
  throw err;
}


/**
 * A base that answers NotImplemented for every operation, so a new backend grows one method
 * at a time and a client learns exactly which operation is missing.
 */
export abstract class BackendBase implements Backend {
  abstract readonly type: BackendType;
  /** The one cache of bucket configurations; a backend forgets a bucket's entry when it changes it. */
  protected readonly configurations = new ExpiringCache<string, BucketConfiguration>(BUCKET_CONFIGURATION_TTL_MS, BUCKET_CONFIGURATIONS_CACHED);

  private notImplemented(operation: string): Promise<never> {
    return Promise.reject(new S3Error('NotImplemented', `${operation} is not implemented by the ${this.type} backend`));
  }

  listBuckets(_input?: TracedInput): Promise<BucketInfo[]> {
    return this.notImplemented('ListBuckets');
  }
  createBucket(_input: CreateBucketInput): Promise<void> {
    return this.notImplemented('CreateBucket');
  }
  headBucket(_input: BucketInput): Promise<BucketInfo> {
    return this.notImplemented('HeadBucket');
  }
  bucketConfiguration(input: BucketInput): Promise<BucketConfiguration> {
    return this.configurations.get(input.bucket, () => this.readBucketConfiguration(input));
  }
  peekBucketConfiguration(bucket: string): BucketConfiguration | undefined {
    return this.configurations.peek(bucket);
  }
  forgetBucketConfigurations(changed: readonly string[] | 'all'): void {
    if (changed === 'all') this.configurations.clear();
    else for (const bucket of changed) this.configurations.forget(bucket);
  }
  /**
   * Runs a change of the bucket (its settings, owner, creation or deletion) and forgets its cached
   * configuration once it is done, or failed half way: every backend's change methods go through
   * it, so a change through the backend is seen at the next request, whoever made it.
   */
  protected async changingBucket(bucket: string, change: Promise<void>): Promise<void> {
    try {
      await change;
    } finally {
      this.forgetBucketConfigurations([bucket]);
    }
  }
  /**
   * Reads a bucket's configuration from storage, uncached. This default asks the port's own
   * reads; a backend that can read it all at once overrides it. What the backend does not
   * implement (CORS, versioning) counts as not set.
   */
  protected async readBucketConfiguration(input: BucketInput): Promise<BucketConfiguration> {
    const [access, cors, versioning] = await Promise.all([
      this.bucketAccess(input),
      this.getBucketCors(input).catch(unsetWhenNotImplemented),
      this.getBucketVersioning(input).then(({ status }) => status, unsetWhenNotImplemented),
    ]);
    return { access, cors, versioning };
  }
  deleteBucket(_input: BucketInput): Promise<void> {
    return this.notImplemented('DeleteBucket');
  }
  changeBucketOwner(_input: BucketInput & { owner: string }): Promise<void> {
    return this.notImplemented('ChangeBucketOwner');
  }
  bucketAccess(_input: BucketInput): Promise<BucketAccessConfig> {
    return this.notImplemented('GetBucketAcl');
  }
  changeBucketAccess(_input: BucketInput & { change: BucketAccessChange }): Promise<void> {
    return this.notImplemented('PutBucketAcl');
  }
  getObjectAcl(_input: ObjectInput): Promise<AccessControlList | undefined> {
    return this.notImplemented('GetObjectAcl');
  }
  putObjectAcl(_input: ObjectInput & { acl: AccessControlList }): Promise<void> {
    return this.notImplemented('PutObjectAcl');
  }
  putObject(_input: PutObjectInput): Promise<PutObjectOutput> {
    return this.notImplemented('PutObject');
  }
  getObject(_input: GetObjectInput): Promise<GetObjectOutput> {
    return this.notImplemented('GetObject');
  }
  headObject(_input: HeadObjectInput): Promise<HeadObjectOutput> {
    return this.notImplemented('HeadObject');
  }
  deleteObject(_input: DeleteObjectInput): Promise<DeleteObjectOutput> {
    return this.notImplemented('DeleteObject');
  }
  /** A backend without a batch call: each key is a DeleteObject of its own. */
  deleteObjects(input: DeleteObjectsInput): Promise<DeletedObject[]> {
    return deleteEachObject(this, input);
  }
  copyObject(_input: CopyObjectInput): Promise<CopyObjectOutput> {
    return this.notImplemented('CopyObject');
  }
  getObjectAttributes(_input: VersionedObjectInput): Promise<GetObjectAttributesOutput> {
    return this.notImplemented('GetObjectAttributes');
  }
  getObjectTagging(_input: VersionedObjectInput): Promise<TagSet> {
    return this.notImplemented('GetObjectTagging');
  }
  putObjectTagging(_input: PutObjectTaggingInput): Promise<void> {
    return this.notImplemented('PutObjectTagging');
  }
  /** Removing the tags is replacing them with none. */
  deleteObjectTagging(input: VersionedObjectInput): Promise<void> {
    return this.putObjectTagging({ ...input, tags: {} });
  }
  getBucketTagging(_input: BucketInput): Promise<TagSet> {
    return this.notImplemented('GetBucketTagging');
  }
  putBucketTagging(_input: BucketInput & { tags: TagSet }): Promise<void> {
    return this.notImplemented('PutBucketTagging');
  }
  /** Removing the tags is replacing them with none. */
  deleteBucketTagging(input: BucketInput): Promise<void> {
    return this.putBucketTagging({ ...input, tags: {} });
  }
  getBucketCors(_input: BucketInput): Promise<Buffer | undefined> {
    return this.notImplemented('GetBucketCors');
  }
  putBucketCors(_input: BucketInput & { cors: Buffer | undefined }): Promise<void> {
    return this.notImplemented('PutBucketCors');
  }
  listObjects(_input: ListObjectsInput): Promise<ListObjectsOutput> {
    return this.notImplemented('ListObjects');
  }
  /** A backend without a V2 listing of its own: a marker listing whose tokens carry the key to resume after. */
  listObjectsV2(input: ListObjectsV2Input): Promise<ListObjectsV2Output> {
    return listObjectsV2ByMarker(this, input);
  }
  /** A backend without versions: every object is its key's one version, `null`, as its listing shows it. */
  async listObjectVersions(input: ListObjectVersionsInput): Promise<ListObjectVersionsOutput> {
    const { bucket, prefix, delimiter, keyMarker, maxKeys, trace } = input;
    const page = await this.listObjects({ bucket, prefix, delimiter, marker: keyMarker, maxKeys, trace });
    return {
      versions: page.objects.map((object) => ({ ...object, versionId: 'null', isLatest: true })),
      commonPrefixes: page.commonPrefixes,
      isTruncated: page.isTruncated,
      ...(page.isTruncated && page.nextMarker !== undefined ? { nextKeyMarker: page.nextMarker, nextVersionIdMarker: 'null' } : {}),
    };
  }
  putBucketVersioning(_input: BucketVersioningInput): Promise<void> {
    return this.notImplemented('PutBucketVersioning');
  }
  getObjectLockConfiguration(_input: BucketInput): Promise<ObjectLockConfiguration> {
    return this.notImplemented('GetObjectLockConfiguration');
  }
  putObjectLockConfiguration(_input: BucketInput & { config: ObjectLockConfiguration }): Promise<void> {
    return this.notImplemented('PutObjectLockConfiguration');
  }
  getObjectRetention(_input: VersionedObjectInput): Promise<ObjectRetention> {
    return this.notImplemented('GetObjectRetention');
  }
  putObjectRetention(_input: PutObjectRetentionInput): Promise<ObjectLockChangeOutput> {
    return this.notImplemented('PutObjectRetention');
  }
  getObjectLegalHold(_input: VersionedObjectInput): Promise<LegalHoldStatus> {
    return this.notImplemented('GetObjectLegalHold');
  }
  putObjectLegalHold(_input: PutObjectLegalHoldInput): Promise<ObjectLockChangeOutput> {
    return this.notImplemented('PutObjectLegalHold');
  }
  /** A backend without versions: every bucket is one whose versioning was never set, once it exists. */
  async getBucketVersioning(input: BucketInput): Promise<{ status?: VersioningStatus }> {
    await this.headBucket(input);
    return {};
  }
  createMultipartUpload(_input: CreateMultipartUploadInput): Promise<CreateMultipartUploadOutput> {
    return this.notImplemented('CreateMultipartUpload');
  }
  uploadPart(_input: UploadPartInput): Promise<PartOutput> {
    return this.notImplemented('UploadPart');
  }
  uploadPartCopy(_input: UploadPartCopyInput): Promise<PartOutput> {
    return this.notImplemented('UploadPartCopy');
  }
  completeMultipartUpload(_input: CompleteMultipartUploadInput): Promise<CompleteMultipartUploadOutput> {
    return this.notImplemented('CompleteMultipartUpload');
  }
  releaseMultipartUpload(_input: UploadInput): Promise<void> {
    return this.notImplemented('CompleteMultipartUpload');
  }
  abortMultipartUpload(_input: UploadInput): Promise<void> {
    return this.notImplemented('AbortMultipartUpload');
  }
  listMultipartUploads(_input: ListMultipartUploadsInput): Promise<ListMultipartUploadsOutput> {
    return this.notImplemented('ListMultipartUploads');
  }
  listParts(_input: ListPartsInput): Promise<ListPartsOutput> {
    return this.notImplemented('ListParts');
  }
  /** A backend without multipart holds no uploads: nothing to recover or sweep. */
  async *scanMultipartUploads(_options: { withParts: boolean }): AsyncIterable<StoredUpload> {}
  async recoverMultipartStorage(): Promise<MultipartStorageRecovery> {
    return { completions: [], removedUnfinished: [], stray: [] };
  }
  async close(): Promise<void> {}
}
