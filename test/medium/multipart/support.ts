import { createHash, randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { Backend, CompletedPart, UploadInput } from '../../../src/backends/backend';
import type { NativeFs } from '../../../src/backends/posix/native.types';
import { PosixBackend, type PosixBackendOptions } from '../../../src/backends/posix/posix-backend';
import { bodyOf, type Fixture, makeFixture, meta } from '../posix/support';

export const MiB = 1024 * 1024;
export const BUCKET = 'bucket';

export const md5Hex = (data: Buffer): string => createHash('md5').update(data).digest('hex');
export const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** S3's multipart ETag of these parts. */
export function expectedEtag(parts: readonly Buffer[]): string {
  return `${createHash('md5').update(Buffer.concat(parts.map((p) => createHash('md5').update(p).digest()))).digest('hex')}-${parts.length}`;
}

export const OWNER = 'AKIAOWNER';

/** A fresh root with the bucket BUCKET (owned by OWNER); dispose with disposeFixture. */
export async function bucketFixture(): Promise<Fixture & { backend: PosixBackend }> {
  const f = await makeFixture();
  await f.backend.createBucket({ bucket: BUCKET, owner: OWNER });
  return f;
}

export function backendWith(f: Fixture, options: PosixBackendOptions = {}, native: NativeFs = f.native): PosixBackend {
  return new PosixBackend(f.root, native, options);
}

/** Where VersityGW (and tracegw) keep an upload. */
export function uploadDirOf(f: Fixture, bucket: string, key: string, uploadId: string): string {
  return path.join(f.root, bucket, '.sgwtmp', 'multipart', sha256Hex(key), uploadId);
}

export async function createUpload(backend: Backend, key: string, bucket = BUCKET): Promise<UploadInput> {
  const { uploadId } = await backend.createMultipartUpload({ bucket, key, metadata: meta() });
  return { bucket, key, uploadId };
}

/** Uploads `parts` as parts 1..n and returns what CompleteMultipartUpload needs. */
export async function uploadParts(backend: Backend, upload: UploadInput, parts: readonly Buffer[], first = 1): Promise<CompletedPart[]> {
  const listed: CompletedPart[] = [];
  for (const [i, data] of parts.entries()) {
    const partNumber = first + i;
    const out = await backend.uploadPart({ ...upload, partNumber, body: bodyOf(data), contentLength: data.length });
    listed.push({ partNumber, etag: out.etag });
  }
  return listed;
}

/** n parts of 5 MiB (the minimum) and a short last one. */
export function partsOf(n: number, last = 1234): Buffer[] {
  return [...Array.from({ length: n - 1 }, () => randomBytes(5 * MiB)), randomBytes(last)];
}

/** The NativeFs calls that copy data in the kernel. */
export const KERNEL_COPIES = ['cloneRange', 'spliceCopy', 'copyFileRange'] as const;
export type KernelCopyCall = (typeof KERNEL_COPIES)[number];
export type KernelCopyCalls = Record<KernelCopyCall, number>;

export const noKernelCopies = (): KernelCopyCalls => ({ cloneRange: 0, spliceCopy: 0, copyFileRange: 0 });

/**
 * A NativeFs whose kernel copies fail with `code` (a file system that takes none of them; no
 * reflinks either), to exercise the user-space fallbacks. Counts the attempts.
 */
export function withFailingKernelCopy(native: NativeFs, code: string, calls: KernelCopyCalls = noKernelCopies()): NativeFs {
  const fail = async (call: KernelCopyCall): Promise<never> => {
    calls[call]++;
    throw Object.assign(new Error(`${call}: ${code}`), { code });
  };
  return {
    ...native,
    cloneRange: async () => (calls.cloneRange++, false),
    spliceCopy: () => fail('spliceCopy'),
    copyFileRange: () => fail('copyFileRange'),
  };
}

/** A NativeFs that counts its kernel-copy calls (and what cloneRange answered, in order). */
export function countingKernelCopies(native: NativeFs, calls: KernelCopyCalls, reflinked: boolean[] = []): NativeFs {
  return {
    ...native,
    cloneRange: async (...args) => {
      calls.cloneRange++;
      const done = await native.cloneRange(...args);
      reflinked.push(done);
      return done;
    },
    spliceCopy: (...args) => (calls.spliceCopy++, native.spliceCopy(...args)),
    copyFileRange: (...args) => (calls.copyFileRange++, native.copyFileRange(...args)),
  };
}
