import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { type FileSpanBody, isFileSpan, type ObjectMetadata, type PutObjectInput } from '../../../src/backends/backend.types';
import type { NativeFs } from '../../../src/backends/posix/native.types';
import { loadNativeFs } from '../../../src/backends/posix/native/native-fs';
import { PosixBackend } from '../../../src/backends/posix/posix-backend';
import { S3Error } from '../../../src/s3/errors/s3-error';

export const OWNER = 'AKIAOWNER';

export interface Fixture {
  /** Holds `root` and, beside it, `outside` (a directory no request may touch). */
  base: string;
  root: string;
  outside: string;
  native: NativeFs;
  backend: PosixBackend;
}

export async function makeFixture(native: NativeFs = loadNativeFs()): Promise<Fixture> {
  const base = await fsp.mkdtemp(path.join(tmpdir(), 'tracegw-posix-'));
  const root = path.join(base, 'root');
  const outside = path.join(base, 'outside');
  await fsp.mkdir(root);
  await fsp.mkdir(outside);
  return { base, root, outside, native, backend: new PosixBackend(root, native) };
}

export async function disposeFixture(f: Fixture): Promise<void> {
  await fsp.rm(f.base, { recursive: true, force: true });
}

/** A NativeFs whose file system "has no O_TMPFILE", to exercise the named-temp-file path. */
export function withoutOTmpFile(native: NativeFs): NativeFs {
  return { ...bind(native), openTmpFile: async () => undefined };
}

/** An addon built before the native write calls: PUT writes through node:fs, one call at a time. */
export function withoutNativeWrites(native: NativeFs): NativeFs {
  return bind(native);
}

/** The native write calls on a kernel without openat2: they answer ENOSYS, and PUT goes on through node:fs. */
export function withoutOpenat2Writes(native: NativeFs): NativeFs {
  const enosys = async (): Promise<never> => {
    throw Object.assign(new Error('ENOSYS: function not implemented, openat2 (bucket)'), { code: 'ENOSYS', errno: -38, syscall: 'openat2', stage: 'bucket' });
  };
  const { writeChunks, finishObject } = native;
  return { ...bind(native), writeObject: enosys, beginObject: enosys, writeChunks, finishObject };
}

/**
 * Each read test runs on every way of opening an object: openat2 from memory on the main thread
 * (what a warm gateway does), openat2 on the thread pool (a kernel before RESOLVE_CACHED, or
 * anything not in memory), and node:fs with the path guard.
 */
export const OPEN_PATHS: [string, () => NativeFs][] = [
  ['openat2 from memory', () => loadNativeFs()],
  ['openat2 on the thread pool', () => withoutCachedOpen(loadNativeFs())],
  ['node:fs without openat2', () => withoutOpenat2(loadNativeFs())],
];

const enosysOpen = (): Error => Object.assign(new Error('ENOSYS: function not implemented, openat2'), { code: 'ENOSYS', errno: -38 });

/** A NativeFs on a kernel "without openat2": GET, HEAD and copies take the node:fs path and its guard. */
export function withoutOpenat2(native: NativeFs): NativeFs {
  return {
    ...bind(native),
    openObject: async () => Promise.reject(enosysOpen()),
    openObjectCached: () => {
      throw enosysOpen();
    },
    openBucketCached: () => {
      throw enosysOpen();
    },
  };
}

/** A NativeFs on a kernel with openat2 but without RESOLVE_CACHED (Linux 5.6 to 5.11): every open takes the thread pool. */
export function withoutCachedOpen(native: NativeFs): NativeFs {
  return { ...bind(native), openObjectCached: () => null, openBucketCached: () => null };
}

/** The addon, counting the opens that took the thread pool (openObject) rather than memory. */
export function countingPoolOpens(native: NativeFs): { native: NativeFs; poolOpens: () => number } {
  let opens = 0;
  const counted: NativeFs = {
    ...bind(native),
    openObject: (rootFd, bucket, p, readLimit) => {
      opens++;
      return native.openObject(rootFd, bucket, p, readLimit);
    },
  };
  return { native: counted, poolOpens: () => opens };
}

function bind(native: NativeFs): NativeFs {
  return {
    getXattr: (p, n) => native.getXattr(p, n),
    setXattr: (p, n, v) => native.setXattr(p, n, v),
    removeXattr: (p, n) => native.removeXattr(p, n),
    listXattr: (p) => native.listXattr(p),
    readUserXattrs: (fd) => native.readUserXattrs(fd),
    openObject: (rootFd, bucket, p, readLimit) => native.openObject(rootFd, bucket, p, readLimit),
    openObjectCached: (rootFd, bucket, p, readLimit) => native.openObjectCached?.(rootFd, bucket, p, readLimit),
    openBucketCached: (rootFd, bucket) => native.openBucketCached?.(rootFd, bucket),
    fgetXattr: (fd, n) => native.fgetXattr(fd, n),
    fsetXattr: (fd, n, v) => native.fsetXattr(fd, n, v),
    openTmpFile: (d) => native.openTmpFile(d),
    linkTmpFile: (fd, t) => native.linkTmpFile(fd, t),
    copyFileRange: (a, b, c, d, e) => native.copyFileRange(a, b, c, d, e),
    startWriteback: (fd, offset, length) => native.startWriteback(fd, offset, length),
    openDirect: (fd) => native.openDirect(fd),
    preallocate: (fd, length) => native.preallocate(fd, length),
    cloneRange: (a, b, c, d, e) => native.cloneRange(a, b, c, d, e),
    spliceCopy: (a, b, c, d, e) => native.spliceCopy(a, b, c, d, e),
    allocAligned: (size) => native.allocAligned(size),
  };
}

export function meta(partial: Partial<ObjectMetadata> = {}): ObjectMetadata {
  return { userMetadata: {}, ...partial };
}

/** A body delivered in several chunks, like a socket would. */
export function bodyOf(data: Buffer | string, chunk = 64 * 1024): Readable {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  const chunks: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunk) chunks.push(buf.subarray(i, i + chunk));
  return Readable.from(chunks);
}

/** Sends `data`, then fails as the auth layer does when the signature does not verify. */
export function failingBody(data: Buffer | string, err: Error): Readable {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(buf);
      } else {
        this.destroy(err);
      }
    },
  });
}

export function putInput(bucket: string, key: string, data: Buffer | string, extra: Partial<PutObjectInput> = {}): PutObjectInput {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  return { bucket, key, body: bodyOf(buf), contentLength: buf.length, metadata: meta(), ...extra };
}

/** A GET body: small objects come whole, larger ones as a span of the open file (read as its stream). */
export async function readAll(body: Readable | Buffer | FileSpanBody): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const stream = isFileSpan(body) ? body.stream() : body;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The S3 error code a promise rejects with (fails the test on any other outcome). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof S3Error) return err.code;
    throw err;
  }
  throw new Error('expected an S3Error, got success');
}

/** Every entry below `dir`, relative, sorted (directories end in '/'). */
export async function tree(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    for (const entry of await fsp.readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        out.push(`${child}/`);
        await walk(child);
      } else {
        out.push(child);
      }
    }
  }
  await walk('');
  return out.sort();
}

export const md5Hex = (data: Buffer | string): string => createHash('md5').update(data).digest('hex');
