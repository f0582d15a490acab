/**
 * What the posix backend needs from the kernel that Node's fs has no binding for.
 * Implemented by the N-API addon in native/ (every call runs on libuv's thread pool,
 * never blocking the event loop). Errors are Node-style: an Error with `code` (errno name) and `errno`.
 */
/**
 * What openObject found: [fd (-1: closed), kind (0 file, 1 directory, 2 neither), size, mtime in
 * ms, the `user.` attributes as [name, value, ...], the whole data when it was read].
 */
export type NativeOpenedObject = [fd: number, kind: number, size: number, mtimeMs: number, attrs: string[], data: Buffer | undefined];

/** Where a new object goes: its bucket beneath the root, the key's directory (relative, '' at the top) and last segment. */
export interface NativeWriteTarget {
  rootFd: number;
  bucket: string;
  /**
   * The bucket's directory as the gateway holds it open, or -1 to open `bucket` beneath rootFd.
   * The addon duplicates it during the call, so it must be open when the call is made.
   */
  bucketFd: number;
  parent: string;
  name: string;
  /** If-None-Match: *: the name is taken by one link that fails when anything has it. */
  ifNoneMatch: boolean;
}

/** What the call that names the object needs besides the target. */
export interface NativePlacement extends NativeWriteTarget {
  /** A fresh name in .sgwtmp (tmpFileName), for replacing an existing object by a rename. */
  staged: string;
  /** Mode of the key's directories made on the way (--dir-perms). */
  dirMode: number;
  /** [name, value, name, value, ...], set in this order after fdatasync (the ETag last). */
  attrs: (string | Buffer)[];
}

/**
 * When the steps ran, in milliseconds before the result arrived (-1: never): temporary file
 * opening, opened, data synced, link started, link done. On a rejection the error carries them as `times`.
 */
export type NativeWriteTimes = [openStart: number, opened: number, synced: number, linkStart: number, linkEnd: number];

/**
 * How a native write ended short of an errno error: 0 done, 1 If-None-Match failed, 2 a directory
 * has the key's name, 3 a file is where a directory of the key should be, 4 the key's directory
 * resolves outside the bucket, 5 no O_TMPFILE on this file system (nothing was written).
 */
export type NativeWriteOutcome = 0 | 1 | 2 | 3 | 4 | 5;

/**
 * PUT's write path in few thread-pool jobs (native/src/object_write.c). Optional: an addon built
 * from older sources lacks them, and the backend then writes through node:fs as before. Errors
 * are errno errors with a `stage` ('bucket', 'key', 'open', 'write', 'sync', 'xattr', 'mkdir', 'link').
 */
export interface NativeObjectWrites {
  /**
   * A body already in memory, in one job: the bucket opened beneath rootFd (openat2), the key's
   * place checked, an O_TMPFILE in .sgwtmp written, fdatasync'ed, given its attributes, the key's
   * directories made beneath the bucket and the file linked (or renamed over an older object).
   */
  writeObject(req: NativePlacement & { chunks: Buffer[] }): Promise<[NativeWriteOutcome, NativeWriteTimes]>;
  /** The checks and the O_TMPFILE of writeObject, blocks reserved for `size`, and an O_DIRECT twin when `direct` and the file system takes one (else -1). */
  beginObject(req: NativeWriteTarget & { size: number; direct: boolean }): Promise<[NativeWriteOutcome, fd: number, directFd: number, NativeWriteTimes]>;
  /**
   * One batch at `offset`: gathered into `staging` (aligned memory of allocAligned) and written
   * through directFd in whole blocks, the tail through fd; without staging or a direct fd, one
   * pwritev of the chunks. Resolves the bytes written, and whether the file system refused O_DIRECT.
   */
  writeChunks(req: { fd: number; directFd: number; offset: number; chunks: Buffer[]; staging?: Buffer }): Promise<[written: number, directRefused: boolean]>;
  /** fdatasync of `fd`, its attributes, and the link of writeObject. The caller closes fd. */
  finishObject(req: NativePlacement & { fd: number }): Promise<[NativeWriteOutcome, NativeWriteTimes]>;
}

export interface NativeFs extends Partial<NativeObjectWrites> {
  /**
   * Opens `<bucket>/<path>` under rootFd in one thread-pool job, confined by the kernel
   * (openat2 RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS: the bucket beneath the root, the key beneath
   * the bucket), then fstat, every `user.` attribute, and the data when the file has at most
   * readLimit bytes (-1: describe and close; -2: keep open, read nothing). Rejects with an errno
   * error whose `scope` is 'bucket' or 'key' (EXDEV: the name resolves outside); ENOSYS where
   * the kernel has no openat2.
   */
  openObject(rootFd: number, bucket: string, path: string, readLimit: number): Promise<NativeOpenedObject>;
  /**
   * The same on the calling thread, from memory alone: the path from the dentry cache
   * (RESOLVE_CACHED), the data from the page cache (RWF_NOWAIT). undefined when something is not
   * in memory this time (openObject then reads it), null when this kernel or file system cannot
   * tell (never worth asking again); throws openObject's errors. Absent from addons built before it.
   * `bucket` may be openBucketCached's descriptor instead of the name.
   */
  openObjectCached?(rootFd: number, bucket: string | number, path: string, readLimit: number): NativeOpenedObject | undefined | null;
  /**
   * The bucket's directory beneath the root as an O_PATH descriptor, from the dentry cache alone,
   * checked as openObject checks it (EXDEV: the root itself): what openObjectCached takes as its
   * bucket instead of the name. undefined when not in memory, null where the kernel cannot tell.
   */
  openBucketCached?(rootFd: number, bucket: string): number | undefined | null;
  /** Value of an extended attribute, or undefined when the file has none of that name (ENODATA). */
  getXattr(path: string, name: string): Promise<Buffer | undefined>;
  setXattr(path: string, name: string, value: Buffer): Promise<void>;
  /** No error when the attribute is absent. */
  removeXattr(path: string, name: string): Promise<void>;
  listXattr(path: string): Promise<string[]>;
  /**
   * Every `user.` attribute of the open file, name → value, read in one call on the thread pool
   * (an attribute removed meanwhile is left out): what a GET needs, in one round trip.
   */
  readUserXattrs(fd: number): Promise<Record<string, Buffer>>;
  /** Same, on an open descriptor (a temporary file has no name to address it by). */
  fgetXattr(fd: number, name: string): Promise<Buffer | undefined>;
  fsetXattr(fd: number, name: string, value: Buffer): Promise<void>;
  /**
   * Opens an unnamed file in `dir` with O_TMPFILE (read-write, mode 0644 minus umask).
   * Resolves undefined when the file system does not support O_TMPFILE (EOPNOTSUPP, EISDIR, EINVAL).
   */
  openTmpFile(dir: string): Promise<number | undefined>;
  /** Gives an O_TMPFILE descriptor a name: linkat(/proc/self/fd/N, target, AT_SYMLINK_FOLLOW). EEXIST if taken. */
  linkTmpFile(fd: number, target: string): Promise<void>;
  /**
   * One copy_file_range(2) call loop: copies `length` bytes from fdIn@offIn to fdOut@offOut in the kernel.
   * Resolves the bytes copied (less than length only at end of input); rejects with the errno
   * (EXDEV, ENOSYS, EOPNOTSUPP, EINVAL...) so the caller can fall back to a user-space copy.
   */
  copyFileRange(fdIn: number, offIn: number, fdOut: number, offOut: number, length: number): Promise<number>;
  /**
   * FICLONERANGE: makes fdOut@offOut share fdIn's blocks at offIn (a reflink: no data moves).
   * Resolves false where the file system cannot (ext4, tmpfs: EOPNOTSUPP) or not for this range
   * (EINVAL: off its block grid); rejects on real failures.
   */
  cloneRange(fdIn: number, offIn: number, fdOut: number, offOut: number, length: number): Promise<boolean>;
  /**
   * splice(2) through a private 1 MiB pipe: the kernel moves fdIn's cached pages to fdOut with
   * no user-space copy, in writes of up to 1 MiB (copy_file_range's own pipe takes 64 KiB), which
   * is what an O_DIRECT fdOut needs to keep the device busy. Resolves the bytes copied.
   */
  spliceCopy(fdIn: number, offIn: number, fdOut: number, offOut: number, length: number): Promise<number>;
  /**
   * sync_file_range(SYNC_FILE_RANGE_WRITE): queues a written range for writeback and returns
   * without waiting, so a large write streams to the device while more is being written and a
   * final fdatasync has little left to do. Not a durability guarantee on its own.
   */
  startWriteback(fd: number, offset: number, length: number): Promise<void>;
  /**
   * A second, write-only descriptor of the file open as `fd`, with O_DIRECT: writes through it
   * go from the source straight to the device, allocating no page cache. Resolves undefined
   * when the file system takes no O_DIRECT. The caller closes it.
   */
  openDirect(fd: number): Promise<number | undefined>;
  /**
   * fallocate(2) of `length` bytes from the start (mode 0: the size becomes `length`). Resolves
   * false when the file system cannot preallocate; rejects on real failures such as ENOSPC.
   */
  preallocate(fd: number, length: number): Promise<boolean>;
  /**
   * A Buffer of `size` bytes (1 to 2^30) starting on a 4 KiB boundary, for O_DIRECT writes from
   * user space; Node's own Buffers promise no alignment. Synchronous: it only allocates.
   */
  allocAligned(size: number): Buffer;
  /**
   * What a listing needs of each path, in one thread-pool job for all of them: lstat(2)'s type,
   * size and mtime, and for a regular file the value of `attribute` (getxattr(2), empty when the
   * file has none or the file system keeps no attributes). A path that is gone (ENOENT, ENOTDIR,
   * ELOOP, ENAMETOOLONG) is reported, not thrown; any other failure rejects the whole call.
   * `attribute` may name two attributes, both read in the same pass (the second in secondValues).
   * Optional: an addon built before it lacks it, and the listing then stats entry by entry.
   */
  describeEntries?(paths: readonly string[], attribute: string | readonly [string, string]): Promise<EntryDescriptions>;
  /**
   * A directory's entries but `.` and `..`, in one thread-pool job: names (decoded as Node decodes
   * Dirent names) sorted by their bytes, a directory's name read as `name/`, and their types (from
   * d_type, or lstat where the file system gives none; an entry gone meanwhile is left out).
   * Resolves undefined when there are more than `limit` (at most 2^24): stream those through
   * opendir. Optional, as describeEntries.
   */
  readDirectory?(path: string, limit: number): Promise<DirectoryEntries | undefined>;
}

/** readDirectory's answer: entry i is names[i], of type types[i]. */
export interface DirectoryEntries {
  readonly names: readonly string[];
  /** 0 anything else (socket, FIFO, device), 1 regular file, 2 directory, 3 symlink. */
  readonly types: Uint8Array;
}

/** describeEntries' answer: entry i of each array describes paths[i]. */
export interface EntryDescriptions {
  /** 0 gone, 1 regular file, 2 directory, 3 anything else (see listing/entry-details.ts). */
  readonly kinds: Uint8Array;
  readonly sizes: Float64Array;
  /** Two numbers an entry: the mtime's seconds and nanoseconds (st_mtim). */
  readonly mtimes: Float64Array;
  /** The attribute as stored, decoded as UTF-8; '' for entries that are no regular file. */
  readonly values: readonly string[];
  /** The second attribute's, likewise, when two were asked for. */
  readonly secondValues?: readonly string[];
}
