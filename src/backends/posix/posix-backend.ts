import { BackendBase, type BackendType } from '../backend';
import type {
  AccessControlList,
  BucketAccessChange,
  BucketAccessConfig,
  BucketInfo,
  CopyObjectInput,
  CopyObjectOutput,
  BucketInput,
  CompleteMultipartUploadInput,
  CompleteMultipartUploadOutput,
  CreateBucketInput,
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
  GetObjectInput,
  GetObjectOutput,
  HeadObjectInput,
  HeadObjectOutput,
  GetObjectAttributesOutput,
  ListObjectsInput,
  ListObjectsOutput,
  ObjectInput,
  PutObjectInput,
  PutObjectOutput,
  PutObjectTaggingInput,
  TagSet,
} from '../backend.types';
import { ExpiringCache } from '../common/expiring-cache';
import { NO_PAUSES, type PausePoints } from '../pause-points';
import { BackgroundRemovals } from './background-removals';
import { CopySlots } from './multipart/copy-slots';
import * as buckets from './buckets';
import { bucketAccess, changeBucketAccess } from './bucket-access';
import { getObjectAcl, putObjectAcl } from './object-acl';
import { type PosixContext, realBucket } from './context';
import { copyObject } from './copy-object';
import { getObjectTagging, putObjectTagging } from './object-tagging';
import { getBucketTagging, putBucketTagging } from './bucket-tagging';
import { deleteObject } from './delete-object';
import { toS3Error } from './errno';
import { getBucketCors, putBucketCors } from './bucket-cors';
import { getObject, headObject } from './get-object';
import { getObjectAttributes } from './get-object-attributes';
import { listObjectsPosix } from './listing';
import { createLimiter } from './listing/limiter';
import * as multipart from './multipart';
import type { NativeFs } from './native.types';
import { bucketDir, PathGuard } from './paths';
import { putObject } from './put-object';
import { BucketDirectories } from './bucket-directories';
import { RootDirectory } from './root-directory';

/**
 * The reference backend: buckets are top-level directories of `root`, objects plain files (their
 * metadata in extended attributes, VersityGW's layout), so the tree stays usable with ls and cat.
 * ListObjects is wired in separately (src/backends/posix/listing/).
 */
export interface PosixBackendOptions {
  dirPerms?: number;
  useOtmpFile?: boolean;
  /** False: CompleteMultipartUpload copies parts in user space, never with copy_file_range(2). */
  useCopyFileRange?: boolean;
  /** Where warnings of work done after a response go (a background deletion that failed). */
  warn?: (message: string) => void;
  /** Steps at which a crash test stops completions and removals; none by default. */
  pauses?: PausePoints;
}

/**
 * Part copies at once, all CompleteMultipartUploads together: two keep the device busy while
 * each kernel copy waits for its writes, and leave half of libuv's four pool threads free.
 */
const PART_COPIES_AT_ONCE = 2;

/**
 * How long a bucket's owner is trusted from the cache: the bound on how late a change made by
 * another worker or gateway (the admin API's change of owner, a deleted bucket) reaches this one.
 */
export const BUCKET_OWNER_TTL_MS = 1000;

/**
 * Listings that walk at once in this process; the others wait their turn before they hold
 * anything. A page of 1,000 keys keeps its entries and XML alive while it waits on the pool, so
 * sixteen interleaved listings kept sixteen pages alive long enough to be promoted into the old
 * generation: 170 MiB against 128 MiB of RSS, and more CPU per listing. Two keep the disk busy
 * while one of them waits on it (docs/performance.md, "Memory").
 */
export const LISTINGS_AT_ONCE = 2;
const BUCKET_OWNERS_CACHED = 10_000;

export class PosixBackend extends BackendBase {
  readonly type: BackendType = 'posix';
  private readonly ctx: PosixContext;
  private readonly multipartCtx: multipart.MultipartContext;
  private readonly rootDirectory: RootDirectory;
  /** Owners for the access check of every non-admin request: two thread-pool trips saved per request. */
  private readonly owners = new ExpiringCache<string, string>(BUCKET_OWNER_TTL_MS, BUCKET_OWNERS_CACHED);
  private readonly listings = createLimiter(LISTINGS_AT_ONCE);

  constructor(
    readonly root: string,
    native: NativeFs,
    options: PosixBackendOptions = {},
  ) {
    super();
    const pauses = options.pauses ?? NO_PAUSES;
    const rootDirectory = new RootDirectory(root);
    this.rootDirectory = rootDirectory;
    this.ctx = {
      root,
      native,
      guard: new PathGuard(root),
      dirPerms: options.dirPerms ?? 0o755,
      useOtmpFile: options.useOtmpFile ?? true,
      removals: new BackgroundRemovals(options.warn ?? (() => undefined), pauses),
      rootFd: () => rootDirectory.fd(),
      opensFromMemory: () => rootDirectory.opensFromMemory(),
      bucketDirectories: new BucketDirectories(),
    };
    this.multipartCtx = { ...this.ctx, useCopyFileRange: options.useCopyFileRange ?? true, copySlots: new CopySlots(PART_COPIES_AT_ONCE), pauses };
  }

  /** Waits for the deletions still running after their responses, then lets go of the root. */
  override async close(): Promise<void> {
    await this.ctx.removals.drain();
    this.ctx.bucketDirectories.closeAll();
    this.rootDirectory.close();
  }

  override listBuckets(): Promise<BucketInfo[]> {
    return buckets.listBuckets(this.ctx.native, this.root);
  }

  override createBucket(input: CreateBucketInput): Promise<void> {
    return this.changingOwner(input.bucket, buckets.createBucket(this.ctx.native, this.root, input, this.ctx.dirPerms));
  }

  override headBucket(input: BucketInput): Promise<BucketInfo> {
    return buckets.headBucket(this.ctx.native, this.root, input.bucket);
  }

  override bucketOwner(input: BucketInput): Promise<string> {
    return this.owners.get(input.bucket, async () => (await this.headBucket(input)).owner);
  }

  override deleteBucket(input: BucketInput): Promise<void> {
    return this.changingOwner(input.bucket, buckets.deleteBucket(this.root, input.bucket));
  }

  override changeBucketOwner(input: BucketInput & { owner: string }): Promise<void> {
    return this.changingOwner(input.bucket, buckets.changeBucketOwner(this.ctx.native, this.root, input.bucket, input.owner));
  }

  override bucketAccess(input: BucketInput): Promise<BucketAccessConfig> {
    return bucketAccess(this.ctx, input);
  }

  /** A new ACL may name a new owner: the cached one is forgotten with the rest. */
  override changeBucketAccess(input: BucketInput & { change: BucketAccessChange }): Promise<void> {
    return this.changingOwner(input.bucket, changeBucketAccess(this.ctx, input));
  }

  override getObjectAcl(input: ObjectInput): Promise<AccessControlList | undefined> {
    return getObjectAcl(this.ctx, input);
  }

  override putObjectAcl(input: ObjectInput & { acl: AccessControlList }): Promise<void> {
    return putObjectAcl(this.ctx, input);
  }

  /**
   * The cached owner and open directory are forgotten once the change is done, or failed half way:
   * the next request reads them again.
   */
  private async changingOwner(bucket: string, change: Promise<void>): Promise<void> {
    try {
      await change;
    } finally {
      this.owners.forget(bucket);
      this.ctx.bucketDirectories.forget(bucket);
    }
  }

  override putObject(input: PutObjectInput): Promise<PutObjectOutput> {
    return putObject(this.ctx, input);
  }

  override getObject(input: GetObjectInput): Promise<GetObjectOutput> {
    return getObject(this.ctx, input);
  }

  override headObject(input: HeadObjectInput): Promise<HeadObjectOutput> {
    return headObject(this.ctx, input);
  }

  override getBucketCors(input: BucketInput): Promise<Buffer | undefined> {
    return getBucketCors(this.ctx, input);
  }

  override putBucketCors(input: BucketInput & { cors: Buffer | undefined }): Promise<void> {
    return putBucketCors(this.ctx, input);
  }

  override getObjectAttributes(input: ObjectInput): Promise<GetObjectAttributesOutput> {
    return getObjectAttributes(this.ctx, input);
  }

  override deleteObject(input: ObjectInput): Promise<void> {
    return deleteObject(this.ctx, input);
  }

  override copyObject(input: CopyObjectInput): Promise<CopyObjectOutput> {
    return copyObject(this.ctx, input);
  }

  override getObjectTagging(input: ObjectInput): Promise<TagSet> {
    return getObjectTagging(this.ctx, input);
  }

  override putObjectTagging(input: PutObjectTaggingInput): Promise<void> {
    return putObjectTagging(this.ctx, input);
  }

  override getBucketTagging(input: BucketInput): Promise<TagSet> {
    return getBucketTagging(this.ctx, input);
  }

  override putBucketTagging(input: BucketInput & { tags: TagSet }): Promise<void> {
    return putBucketTagging(this.ctx, input);
  }

  override createMultipartUpload(input: CreateMultipartUploadInput): Promise<CreateMultipartUploadOutput> {
    return multipart.createMultipartUpload(this.ctx, input);
  }

  override uploadPart(input: UploadPartInput): Promise<PartOutput> {
    return multipart.uploadPart(this.ctx, input);
  }

  override uploadPartCopy(input: UploadPartCopyInput): Promise<PartOutput> {
    return multipart.uploadPartCopy(this.ctx, input);
  }

  override completeMultipartUpload(input: CompleteMultipartUploadInput): Promise<CompleteMultipartUploadOutput> {
    return multipart.completeMultipartUpload(this.multipartCtx, input);
  }

  override releaseMultipartUpload(input: UploadInput): Promise<void> {
    return multipart.releaseMultipartUpload(this.ctx, input);
  }

  override abortMultipartUpload(input: UploadInput): Promise<void> {
    return multipart.abortMultipartUpload(this.ctx, input);
  }

  override listMultipartUploads(input: ListMultipartUploadsInput): Promise<ListMultipartUploadsOutput> {
    return multipart.listMultipartUploads(this.ctx, input);
  }

  override listParts(input: ListPartsInput): Promise<ListPartsOutput> {
    return multipart.listParts(this.ctx, input);
  }

  override scanMultipartUploads(options: { withParts: boolean }): AsyncIterable<StoredUpload> {
    return multipart.scanMultipartUploads(this.ctx, options);
  }

  override recoverMultipartStorage(): Promise<MultipartStorageRecovery> {
    return multipart.recoverMultipartStorage(this.ctx);
  }

  override listObjects(input: ListObjectsInput): Promise<ListObjectsOutput> {
    return this.listings(() => this.listObjectsNow(input));
  }

  private async listObjectsNow(input: ListObjectsInput): Promise<ListObjectsOutput> {
    // The same guard as every other operation: a bucket that resolves outside the root is AccessDenied.
    const real = await realBucket(this.ctx, input.bucket, bucketDir(this.root, input.bucket));
    try {
      return await listObjectsPosix(real, this.ctx.native, input);
    } catch (err) {
      throw toS3Error(err, { op: 'bucket', bucket: input.bucket });
    }
  }
}
