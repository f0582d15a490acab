// The storage port itself: what every backend implements. BackendBase (backend.ts) answers it by default.
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

/** DI token of the active storage backend. */
export const BACKEND = Symbol('Backend');

export type BackendType = 'posix' | 'scoutfs' | 'azure' | 's3proxy';

/**
 * The storage port: one method per S3 operation, plain typed objects and Node streams in and out.
 * Backends translate their native errors (errno, Azure, upstream S3) into S3Error at their edge.
 */
export interface Backend {
  readonly type: BackendType;

  /** `input` carries only the span to hang the backend's own spans under. */
  listBuckets(input?: TracedInput): Promise<BucketInfo[]>;
  createBucket(input: CreateBucketInput): Promise<void>;
  /** NoSuchBucket when absent. */
  headBucket(input: BucketInput): Promise<BucketInfo>;
  deleteBucket(input: BucketInput): Promise<void>;
  /**
   * What every request consults of its bucket (access, CORS, versioning), from the one cache of
   * bucket configurations: a change through this backend is seen at once, one another worker made
   * once `forgetBucketConfigurations` is told of it, one another gateway made on a shared file
   * system within BUCKET_CONFIGURATION_TTL_MS. NoSuchBucket when absent.
   */
  bucketConfiguration(input: BucketInput): Promise<BucketConfiguration>;
  /** The same when it is cached and fresh, without a promise: what the hottest paths ask first. */
  peekBucketConfiguration(bucket: string): BucketConfiguration | undefined;
  /** These buckets (or all) changed elsewhere: their configuration is read again next time. */
  forgetBucketConfigurations(changed: readonly string[] | 'all'): void;
  /** The bucket's ACL, ownership controls, public access block and policy as stored, read fresh. NoSuchBucket when absent. */
  bucketAccess(input: BucketInput): Promise<BucketAccessConfig>;
  /** Writes (or removes) one of the bucket's access settings. NoSuchBucket when absent. */
  changeBucketAccess(input: BucketInput & { change: BucketAccessChange }): Promise<void>;
  /** The object's own ACL; undefined when it has none (it follows its bucket's). NoSuchKey without the object. */
  getObjectAcl(input: ObjectInput): Promise<AccessControlList | undefined>;
  putObjectAcl(input: ObjectInput & { acl: AccessControlList }): Promise<void>;
  /** VersityGW's ChangeBucketOwner (admin API): the bucket gets the new owner and an ACL granting it FULL_CONTROL. */
  changeBucketOwner(input: BucketInput & { owner: string }): Promise<void>;

  putObject(input: PutObjectInput): Promise<PutObjectOutput>;
  getObject(input: GetObjectInput): Promise<GetObjectOutput>;
  headObject(input: HeadObjectInput): Promise<HeadObjectOutput>;
  /**
   * Succeeds also when the key does not exist, as S3 does. In a versioned bucket, makes a delete
   * marker, or removes the version named.
   */
  deleteObject(input: DeleteObjectInput): Promise<DeleteObjectOutput>;
  /**
   * Multi-Object Delete: one outcome per key, in the order given; a key that fails is reported with
   * its error, the batch goes on. NoSuchBucket (for the whole batch) without the bucket.
   */
  deleteObjects(input: DeleteObjectsInput): Promise<DeletedObject[]>;
  /** A new object with the source's data (read through one descriptor, so from one version of it). */
  copyObject(input: CopyObjectInput): Promise<CopyObjectOutput>;
  /** The object's description and, for one a multipart upload made, its parts; NoSuchKey without the object. */
  getObjectAttributes(input: VersionedObjectInput): Promise<GetObjectAttributesOutput>;
  /** The object's tags (empty when it has none); NoSuchKey without the object. */
  getObjectTagging(input: VersionedObjectInput): Promise<TagSet>;
  /** Replaces the object's tags; an empty set removes them. */
  putObjectTagging(input: PutObjectTaggingInput): Promise<void>;
  /** Removes the object's tags (succeeds when it has none); NoSuchKey without the object. */
  deleteObjectTagging(input: VersionedObjectInput): Promise<void>;
  /** The bucket's tags (empty when it has none); NoSuchBucket without the bucket. */
  getBucketTagging(input: BucketInput): Promise<TagSet>;
  /** Replaces the bucket's tags; an empty set removes them. */
  putBucketTagging(input: BucketInput & { tags: TagSet }): Promise<void>;
  /** Removes the bucket's tags (succeeds when it has none); NoSuchBucket without the bucket. */
  deleteBucketTagging(input: BucketInput): Promise<void>;
  /** The bucket's CORS document as stored (the XML PutBucketCors was given), undefined when none; NoSuchBucket without the bucket. */
  getBucketCors(input: BucketInput): Promise<Buffer | undefined>;
  /** Stores the bucket's CORS document; `cors` undefined removes it (and succeeds when there is none). */
  putBucketCors(input: BucketInput & { cors: Buffer | undefined }): Promise<void>;
  listObjects(input: ListObjectsInput): Promise<ListObjectsOutput>;
  /** ListObjectsV2: a page and the token that resumes after it, the owner when fetch-owner asks. */
  listObjectsV2(input: ListObjectsV2Input): Promise<ListObjectsV2Output>;
  /** Every version and delete marker, in S3's order. */
  listObjectVersions(input: ListObjectVersionsInput): Promise<ListObjectVersionsOutput>;
  /** Enables or suspends versioning; VersioningNotConfigured where the backend keeps no versions. */
  putBucketVersioning(input: BucketVersioningInput): Promise<void>;
  /** The status once set; none while versioning was never set. NoSuchBucket without the bucket. */
  getBucketVersioning(input: BucketInput): Promise<{ status?: VersioningStatus }>;
  /** ObjectLockConfigurationNotFoundError while none was set. */
  getObjectLockConfiguration(input: BucketInput): Promise<ObjectLockConfiguration>;
  /** InvalidBucketState unless the bucket's versioning is enabled. */
  putObjectLockConfiguration(input: BucketInput & { config: ObjectLockConfiguration }): Promise<void>;

  /*
   * Object lock of one version (the latest without versionId). InvalidRequest where the bucket has
   * no object lock; NoSuchObjectLockConfiguration when the version has none of what is asked.
   */
  getObjectRetention(input: VersionedObjectInput): Promise<ObjectRetention>;
  /** AccessDenied when the version's retention forbids the change (COMPLIANCE: always; GOVERNANCE: without the bypass). */
  putObjectRetention(input: PutObjectRetentionInput): Promise<ObjectLockChangeOutput>;
  getObjectLegalHold(input: VersionedObjectInput): Promise<LegalHoldStatus>;
  putObjectLegalHold(input: PutObjectLegalHoldInput): Promise<ObjectLockChangeOutput>;

  createMultipartUpload(input: CreateMultipartUploadInput): Promise<CreateMultipartUploadOutput>;
  /** A part uploaded again replaces the earlier one. */
  uploadPart(input: UploadPartInput): Promise<PartOutput>;
  uploadPartCopy(input: UploadPartCopyInput): Promise<PartOutput>;
  /**
   * Puts the assembled object in place, whole and with its metadata, or changes nothing. The
   * upload's parts stay until releaseMultipartUpload, so that the caller can record the completion
   * first: a crash in between is settled by recoverMultipartStorage.
   */
  completeMultipartUpload(input: CompleteMultipartUploadInput): Promise<CompleteMultipartUploadOutput>;
  /** Removes a completed upload's parts. Succeeds when they are gone already. */
  releaseMultipartUpload(input: UploadInput): Promise<void>;
  abortMultipartUpload(input: UploadInput): Promise<void>;
  listMultipartUploads(input: ListMultipartUploadsInput): Promise<ListMultipartUploadsOutput>;
  listParts(input: ListPartsInput): Promise<ListPartsOutput>;

  /*
   * Housekeeping, not S3 operations: start-up recovery and the abandoned-upload sweep read the
   * storage, the truth for uploads when several gateways share it.
   */
  /** Every upload in flight in every bucket, parts included when asked. */
  scanMultipartUploads(options: { withParts: boolean }): AsyncIterable<StoredUpload>;
  /**
   * Settles what a crash left half done: a completion is finished when its object was already in
   * place (its parts are left for releaseMultipartUpload), rolled back otherwise; an upload whose
   * creation never finished is removed. Reports entries it does not understand.
   */
  recoverMultipartStorage(): Promise<MultipartStorageRecovery>;

  /** Releases what the backend holds open (file handles, connections). */
  close(): Promise<void>;
}
