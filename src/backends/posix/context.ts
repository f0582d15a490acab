import type { BackgroundRemovals } from './background-removals';
import type { BucketDirectories } from './bucket-directories';
import type { NativeFs } from './native.types';
import { toS3Error } from './errno';
import type { PathGuard } from './paths';
import type { BucketLockStates } from './object-lock/bucket-lock-states';
import type { PosixVersioning } from './versioning/versioning-context';

/** What every posix operation needs: the root, the kernel calls Node lacks, and the symlink guard. */
export interface PosixContext {
  readonly root: string;
  readonly native: NativeFs;
  readonly guard: PathGuard;
  /** Mode of directories made for buckets and key prefixes, before umask (--dir-perms). */
  readonly dirPerms: number;
  /** False forces named temporary files even where O_TMPFILE works (--disableotmp). */
  readonly useOtmpFile: boolean;
  /** Deletions that run after the response (the parts of completed and aborted uploads). */
  readonly removals: BackgroundRemovals;
  /** A descriptor of the root directory, opened at first use: what openat2 resolves buckets beneath. */
  rootFd(): number;
  /** Whether the root is on a local file system, where a hot object is opened on the main thread. */
  opensFromMemory(): boolean;
  /** Buckets' directories held open for the opens from memory. */
  readonly bucketDirectories: BucketDirectories;
  /** Buckets' object lock configurations, as new versions and deletes ask them. */
  readonly bucketLocks: BucketLockStates;
  /** Versioning's stores and caches, present only with --versioning-dir: without it nothing asks. */
  readonly versioning?: PosixVersioning;
}

/** The bucket's real directory, or NoSuchBucket. */
export async function realBucket(ctx: PosixContext, bucket: string, bucketDirPath: string): Promise<string> {
  try {
    return await ctx.guard.bucketReal(bucketDirPath);
  } catch (err) {
    throw toS3Error(err, { op: 'bucket', bucket });
  }
}
