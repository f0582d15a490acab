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

/** A NativeFs whose copy_file_range fails with `code`, to exercise the fallbacks. */
export function withFailingCopyFileRange(native: NativeFs, code: string, calls?: { count: number }): NativeFs {
  return {
    ...native,
    copyFileRange: async () => {
      if (calls) calls.count++;
      throw Object.assign(new Error(`copy_file_range: ${code}`), { code });
    },
  };
}

/** A NativeFs that counts copy_file_range calls. */
export function countingCopyFileRange(native: NativeFs, calls: { count: number }): NativeFs {
  return {
    ...native,
    copyFileRange: (...args) => {
      calls.count++;
      return native.copyFileRange(...args);
    },
  };
}
