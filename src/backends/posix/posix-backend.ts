import { S3Error } from '../../s3/errors/s3-error';
import { BackendBase, type BackendType } from '../backend';
import type {
  AccessControlList,
  BucketAccessChange,
  BucketAccessConfig,
  BucketConfiguration,
  BucketInfo,
  CopyObjectInput,
  CopyObjectOutput,
  BucketInput,
  BucketVersioningInput,
  DeleteObjectInput,
  DeleteObjectOutput,
  LegalHoldStatus,
  ObjectLockChangeOutput,
  ObjectRetention,
  PutObjectLegalHoldInput,
  PutObjectRetentionInput,
  ListObjectVersionsInput,
  ListObjectVersionsOutput,
  ObjectInput,
  ObjectLockConfiguration,
  VersionedObjectInput,
  VersioningStatus,
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
  PutObjectInput,
  PutObjectOutput,
  PutObjectTaggingInput,
  TagSet,
} from '../backend.types';
import { NO_PAUSES, type PausePoints } from '../pause-points';
import { BackgroundRemovals } from './background-removals';
import { CopySlots } from './multipart/copy-slots';
import { COPIED_PARTS, type PartAssembly } from './multipart/part-assembly';
import * as buckets from './buckets';
import { changeBucketAccess } from './bucket-access';
import { readBucketConfiguration } from './bucket-configuration';
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
import { BucketLockStates } from './object-lock/bucket-lock-states';
import * as lockConfiguration from './object-lock/lock-configuration';
import * as versionLock from './object-lock/version-lock';
import { BucketVersioningStates } from './versioning/bucket-versioning';
import { KeyLocks } from './versioning/key-locks';
import { listVersionsPosix } from './versioning/list-versions';
import { VersionStore } from './versioning/version-store';
import type { PosixVersioning } from './versioning/versioning-context';

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
  /** --versioning-dir: where older versions live; without it no bucket can be versioned. */
  versioningDir?: string;
  /** How CompleteMultipartUpload assembles parts: copied unless a backend built on this one moves them (scoutfs). */
  partAssembly?: PartAssembly;
}

/**
 * Part copies at once, all CompleteMultipartUploads together: two keep the device busy while
 * each kernel copy waits for its writes, and leave half of libuv's four pool threads free.
 */
const PART_COPIES_AT_ONCE = 2;

/**
 * Listings that walk at once in this process; the others wait their turn before they hold
 * anything. A page of 1,000 keys keeps its entries and XML alive while it waits on the pool, so
 * sixteen interleaved listings kept sixteen pages alive long enough to be promoted into the old
 * generation: 170 MiB against 128 MiB of RSS, and more CPU per listing. Two keep the disk busy
 * while one of them waits on it (docs/performance.md, "Memory").
 */
export const LISTINGS_AT_ONCE = 2;

export class PosixBackend extends BackendBase {
  readonly type: BackendType = 'posix';
  private readonly ctx: PosixContext;
  private readonly multipartCtx: multipart.MultipartContext;
  private readonly rootDirectory: RootDirectory;
  private readonly versionsRootDirectory: RootDirectory | undefined;
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
    // Versioning and object lock ask the backend's one cache of bucket configurations.
    const configurations = { configuration: (bucket: string) => this.bucketConfiguration({ bucket }), changed: (bucket: string) => this.configurations.forget(bucket) };
    const base = {
      native,
      dirPerms: options.dirPerms ?? 0o755,
      useOtmpFile: options.useOtmpFile ?? true,
      removals: new BackgroundRemovals(options.warn ?? (() => undefined), pauses),
      bucketLocks: new BucketLockStates(native, configurations),
    };
    let versioning: PosixVersioning | undefined;
    if (options.versioningDir !== undefined) {
      const dir = options.versioningDir;
      const versionsRoot = new RootDirectory(dir);
      this.versionsRootDirectory = versionsRoot;
      versioning = {
        states: new BucketVersioningStates(native, dir, configurations),
        store: new VersionStore(native, dir, base.dirPerms),
        locks: new KeyLocks(),
        pauses,
        // Older versions are read through the pool: few requests ask for them.
        versionsRoot: { ...base, root: dir, guard: new PathGuard(dir), rootFd: () => versionsRoot.fd(), opensFromMemory: () => false, bucketDirectories: new BucketDirectories() },
      };
    }
    this.ctx = {
      ...base,
      root,
      guard: new PathGuard(root),
      rootFd: () => rootDirectory.fd(),
      opensFromMemory: () => rootDirectory.opensFromMemory(),
      bucketDirectories: new BucketDirectories(),
      ...(versioning !== undefined ? { versioning } : {}),
    };
    this.multipartCtx = { ...this.ctx, useCopyFileRange: options.useCopyFileRange ?? true, copySlots: new CopySlots(PART_COPIES_AT_ONCE), pauses, assembly: options.partAssembly ?? COPIED_PARTS };
  }

  /** Waits for the deletions still running after their responses, then lets go of the root. */
  override async close(): Promise<void> {
    await this.ctx.removals.drain();
    this.ctx.bucketDirectories.closeAll();
    this.rootDirectory.close();
    this.versionsRootDirectory?.close();
  }

  override listBuckets(): Promise<BucketInfo[]> {
    return buckets.listBuckets(this.ctx.native, this.root);
  }

  override createBucket(input: CreateBucketInput): Promise<void> {
    return this.changingBucket(input.bucket, this.createBucketWithLock(input));
  }

  /** As VersityGW: object lock from the start enables versioning too (where the gateway keeps versions). */
  private async createBucketWithLock(input: CreateBucketInput): Promise<void> {
    await buckets.createBucket(this.ctx.native, this.root, input, this.ctx.dirPerms);
    if (!input.objectLockEnabled) return;
    const dir = bucketDir(this.root, input.bucket);
    await this.ctx.versioning?.states.set(input.bucket, dir, 'Enabled');
    await this.ctx.bucketLocks.set(input.bucket, dir, { enabled: true });
  }

  override headBucket(input: BucketInput): Promise<BucketInfo> {
    return buckets.headBucket(this.ctx.native, this.root, input.bucket);
  }

  override deleteBucket(input: BucketInput): Promise<void> {
    return this.changingBucket(input.bucket, this.deleteBucketWithVersions(input.bucket));
  }

  /** As VersityGW: a bucket with older versions left is not empty; its versions directory goes with it. */
  private async deleteBucketWithVersions(bucket: string): Promise<void> {
    const store = this.ctx.versioning?.store;
    if (store !== undefined && (await store.bucketHasVersions(bucket))) {
      throw new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.');
    }
    await buckets.deleteBucket(this.root, bucket);
    await store?.removeBucket(bucket);
  }

  override changeBucketOwner(input: BucketInput & { owner: string }): Promise<void> {
    return this.changingBucket(input.bucket, buckets.changeBucketOwner(this.ctx.native, this.root, input.bucket, input.owner));
  }

  override async bucketAccess(input: BucketInput): Promise<BucketAccessConfig> {
    return (await readBucketConfiguration(this.ctx, input)).access;
  }

  protected override readBucketConfiguration(input: BucketInput): Promise<BucketConfiguration> {
    return readBucketConfiguration(this.ctx, input);
  }

  /** The held directories go with the configurations: a bucket made again elsewhere is another directory. */
  override forgetBucketConfigurations(changed: readonly string[] | 'all'): void {
    super.forgetBucketConfigurations(changed);
    if (changed === 'all') this.ctx.bucketDirectories.closeAll();
    else for (const bucket of changed) this.ctx.bucketDirectories.forget(bucket);
  }

  override changeBucketAccess(input: BucketInput & { change: BucketAccessChange }): Promise<void> {
    return this.changingBucket(input.bucket, changeBucketAccess(this.ctx, input));
  }

  override getObjectAcl(input: ObjectInput): Promise<AccessControlList | undefined> {
    return getObjectAcl(this.ctx, input);
  }

  override putObjectAcl(input: ObjectInput & { acl: AccessControlList }): Promise<void> {
    return putObjectAcl(this.ctx, input);
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
    return this.changingBucket(input.bucket, putBucketCors(this.ctx, input));
  }

  override getObjectAttributes(input: VersionedObjectInput): Promise<GetObjectAttributesOutput> {
    return getObjectAttributes(this.ctx, input);
  }

  override deleteObject(input: DeleteObjectInput): Promise<DeleteObjectOutput> {
    return deleteObject(this.ctx, input);
  }

  override getObjectRetention(input: VersionedObjectInput): Promise<ObjectRetention> {
    return versionLock.getObjectRetention(this.ctx, input);
  }

  override putObjectRetention(input: PutObjectRetentionInput): Promise<ObjectLockChangeOutput> {
    return versionLock.putObjectRetention(this.ctx, input);
  }

  override getObjectLegalHold(input: VersionedObjectInput): Promise<LegalHoldStatus> {
    return versionLock.getObjectLegalHold(this.ctx, input);
  }

  override putObjectLegalHold(input: PutObjectLegalHoldInput): Promise<ObjectLockChangeOutput> {
    return versionLock.putObjectLegalHold(this.ctx, input);
  }

  override putBucketVersioning(input: BucketVersioningInput): Promise<void> {
    return lockConfiguration.putBucketVersioning(this.ctx, input);
  }

  override getObjectLockConfiguration(input: BucketInput): Promise<ObjectLockConfiguration> {
    return lockConfiguration.getObjectLockConfiguration(this.ctx, input);
  }

  override putObjectLockConfiguration(input: BucketInput & { config: ObjectLockConfiguration }): Promise<void> {
    return lockConfiguration.putObjectLockConfiguration(this.ctx, input);
  }

  override async getBucketVersioning(input: BucketInput): Promise<{ status?: VersioningStatus }> {
    // NoSuchBucket from the configuration's read, whether or not versions are kept.
    const { versioning: status } = await this.bucketConfiguration(input);
    return status === undefined ? {} : { status };
  }

  override listObjectVersions(input: ListObjectVersionsInput): Promise<ListObjectVersionsOutput> {
    return this.listings(async () => {
      const real = await realBucket(this.ctx, input.bucket, bucketDir(this.root, input.bucket));
      try {
        return await listVersionsPosix(this.ctx, real, input.bucket, input);
      } catch (err) {
        throw toS3Error(err, { op: 'bucket', bucket: input.bucket });
      }
    });
  }

  override copyObject(input: CopyObjectInput): Promise<CopyObjectOutput> {
    return copyObject(this.ctx, input);
  }

  override getObjectTagging(input: VersionedObjectInput): Promise<TagSet> {
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
    return multipart.recoverMultipartStorage(this.multipartCtx);
  }

  override listObjects(input: ListObjectsInput): Promise<ListObjectsOutput> {
    return this.listings(() => this.listObjectsNow(input));
  }

  private async listObjectsNow(input: ListObjectsInput): Promise<ListObjectsOutput> {
    // The same guard as every other operation: a bucket that resolves outside the root is AccessDenied.
    const real = await realBucket(this.ctx, input.bucket, bucketDir(this.root, input.bucket));
    try {
      const versioned = this.ctx.versioning !== undefined && (await this.ctx.versioning.states.statusOf(input.bucket)) !== undefined;
      return await listObjectsPosix(real, this.ctx.native, input, versioned ? { hideDeleteMarkers: true } : {});
    } catch (err) {
      throw toS3Error(err, { op: 'bucket', bucket: input.bucket });
    }
  }
}
