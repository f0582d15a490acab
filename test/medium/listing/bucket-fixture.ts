import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import type { NativeFs } from '../../../src/backends/posix/native.types';
import { XATTR } from '../../../src/backends/posix/posix-layout';

export interface ExpectedObject {
  size: number;
  etag: string;
}

/**
 * A bucket directory on the real file system, built the way the posix backend lays objects out
 * (files, directory objects with `user.etag`, quoted as VersityGW writes it), remembering which
 * keys a listing must show.
 */
export class BucketFixture {
  readonly objects = new Map<string, ExpectedObject>();

  private constructor(
    readonly root: string,
    readonly dir: string,
    private readonly native: NativeFs,
  ) {}

  static async create(native: NativeFs): Promise<BucketFixture> {
    const root = await fsp.mkdtemp(path.join(tmpdir(), 'tracegw-listing-'));
    const dir = path.join(root, 'bucket');
    await fsp.mkdir(dir);
    return new BucketFixture(root, dir, native);
  }

  async dispose(): Promise<void> {
    await fsp.rm(this.root, { recursive: true, force: true });
  }

  pathOf(key: string): string {
    return path.join(this.dir, key);
  }

  /** A file object; `etag` null leaves the xattr off (a file copied in behind the gateway's back). */
  async file(key: string, data = `data of ${key}`, etag: string | null = `etag-${this.objects.size}`): Promise<void> {
    const filePath = this.pathOf(key);
    await fsp.mkdir(path.dirname(filePath), { recursive: true });
    await fsp.writeFile(filePath, data);
    if (etag !== null) await this.native.setXattr(filePath, XATTR.etag, Buffer.from(`"${etag}"`));
    this.objects.set(key, { size: Buffer.byteLength(data), etag: etag ?? '' });
  }

  /** A directory object `key` (ending in '/'): a directory carrying the etag xattr. */
  async dirObject(key: string, etag = `dir-etag-${this.objects.size}`): Promise<void> {
    const dirPath = this.pathOf(key);
    await fsp.mkdir(dirPath, { recursive: true });
    await this.native.setXattr(dirPath, XATTR.etag, Buffer.from(`"${etag}"`));
    this.objects.set(key, { size: 0, etag });
  }

  /** Path structure only: no object. */
  async emptyDir(relative: string): Promise<void> {
    await fsp.mkdir(this.pathOf(relative), { recursive: true });
  }

  /** Something in the bucket that is not an object (in `.sgwtmp`, a socket-free stand-in, ...). */
  async hiddenFile(relative: string, data = 'hidden'): Promise<void> {
    const filePath = this.pathOf(relative);
    await fsp.mkdir(path.dirname(filePath), { recursive: true });
    await fsp.writeFile(filePath, data);
  }

  async symlink(relative: string, target: string): Promise<void> {
    const linkPath = this.pathOf(relative);
    await fsp.mkdir(path.dirname(linkPath), { recursive: true });
    await fsp.symlink(target, linkPath);
  }

  keys(): string[] {
    return [...this.objects.keys()];
  }
}
