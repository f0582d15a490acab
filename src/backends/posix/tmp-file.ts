import { hash, randomBytes } from 'node:crypto';
import { close as closeCb, fdatasync as fdatasyncCb, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { traceLinkFile } from '../../telemetry/posix-io-spans';
import type { SpanParent } from '../../telemetry/with-span';
import { mkdirOnce } from './dirs';
import { hasErrno } from './errno';
import type { NativeFs } from './native.types';

const closeFd = promisify(closeCb);
const fdatasync = promisify(fdatasyncCb);

/**
 * Random once per process, then counted: unique across processes (and gateways sharing a file
 * system) without 8 fresh random bytes per name, which cost more than the rest of the name
 * (every PUT names the file it may have to rename over an older object).
 */
const processTag = randomBytes(6).toString('hex');
let named = 0;

/** `<sha256 hex of key>.<unique>`: VersityGW's temp-file shape, matched by NAMED_TMP_FILE. */
export function tmpFileName(key: string): string {
  named = (named + 1) % Number.MAX_SAFE_INTEGER;
  return `${hash('sha256', key, 'hex')}.${processTag}${named.toString(36)}`;
}

/** Temporary files live in `<bucket dir>/.sgwtmp` (posix-layout), so their directory names the bucket. */
export function bucketOfTmpDir(tmpDir: string): string {
  return path.basename(path.dirname(tmpDir));
}

/**
 * The file a PUT writes before the object exists: unnamed (O_TMPFILE) where the file system
 * allows it, so a crash leaves nothing behind, else a uniquely named file in `.sgwtmp`.
 * Either way it sits in the bucket's own file system, so giving it its final name is one
 * link or rename, never a copy.
 */
export class TempObjectFile {
  private closed = false;

  private constructor(
    private readonly native: NativeFs,
    private readonly tmpDir: string,
    private readonly key: string,
    readonly fd: number,
    /** Where its Posix.IO.LinkFile span goes: the span of the operation that writes it. */
    private readonly trace: SpanParent,
    private handle?: fsp.FileHandle,
    private namedPath?: string,
    /** The bucket its spans name, where `tmpDir` is not the bucket's `.sgwtmp`. */
    private readonly bucket: string = bucketOfTmpDir(tmpDir),
  ) {}

  /**
   * A file created at exactly `file` (EEXIST when something is there) in `bucket`: for a file that
   * must outlive a crash under a name recovery knows (the scoutfs backend's assembly).
   */
  static async create(native: NativeFs, file: string, bucket: string, key: string, trace: SpanParent): Promise<TempObjectFile> {
    const handle = await fsp.open(file, 'wx', 0o644);
    return new TempObjectFile(native, path.dirname(file), key, handle.fd, trace, handle, file, bucket);
  }

  /** Rejects with ENOENT when the bucket itself is gone. */
  static async open(native: NativeFs, tmpDir: string, key: string, useOtmpFile: boolean, trace: SpanParent): Promise<TempObjectFile> {
    const openIn = async (): Promise<TempObjectFile> => {
      const fd = useOtmpFile ? await native.openTmpFile(tmpDir) : undefined;
      if (fd !== undefined) return new TempObjectFile(native, tmpDir, key, fd, trace);
      const named = path.join(tmpDir, tmpFileName(key));
      const handle = await fsp.open(named, 'wx', 0o644);
      return new TempObjectFile(native, tmpDir, key, handle.fd, trace, handle, named);
    };
    try {
      return await openIn();
    } catch (err) {
      // Buckets made by other tools (or older gateways) may lack .sgwtmp, whichever kind of temporary
      // file is made; mkdirOnce never recreates the bucket itself (ENOENT then).
      if (!hasErrno(err, 'ENOENT')) throw err;
      await mkdirOnce(tmpDir);
      return openIn();
    }
  }

  get isNamed(): boolean {
    return this.handle !== undefined;
  }

  /** Data must reach the disk before the name does, or a crash could leave a named but empty object. */
  sync(): Promise<void> {
    return this.handle ? this.handle.datasync() : fdatasync(this.fd);
  }

  /**
   * Gives the file its final name, atomically replacing whatever object had it: readers see
   * the old object or the new one, never neither and never a mix.
   */
  publish(target: string): Promise<void> {
    return traceLinkFile(this.trace, this.bucket, this.key, () => this.link(target));
  }

  /**
   * Gives the file its final name only if nothing has it: one link, which fails with EEXIST
   * when an object (or anything) is there, so two writers racing for a new key cannot both win.
   */
  publishNew(target: string): Promise<void> {
    return traceLinkFile(this.trace, this.bucket, this.key, async () => {
      if (this.namedPath === undefined) return this.native.linkTmpFile(this.fd, target);
      await fsp.link(this.namedPath, target);
      await fsp.unlink(this.namedPath).catch(() => undefined);
      this.namedPath = undefined;
    });
  }

  private async link(target: string): Promise<void> {
    if (this.namedPath !== undefined) {
      await fsp.rename(this.namedPath, target);
      this.namedPath = undefined;
      return;
    }
    try {
      await this.native.linkTmpFile(this.fd, target);
      return;
    } catch (err) {
      if (!hasErrno(err, 'EEXIST')) throw err;
    }
    // linkat cannot replace a name: link under a fresh name in .sgwtmp (cleaned up at start-up
    // should we crash right here), then rename over the old object.
    const staged = path.join(this.tmpDir, tmpFileName(this.key));
    await this.native.linkTmpFile(this.fd, staged);
    try {
      await fsp.rename(staged, target);
    } catch (err) {
      await fsp.unlink(staged).catch(() => undefined);
      throw err;
    }
  }

  /** Leaves the named file where it is when disposed: what it holds is needed after this request (by recovery). */
  keepOnDisk(): void {
    this.namedPath = undefined;
  }

  /** Closes the descriptor and removes the named file if it never got published. Never throws. */
  async dispose(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await (this.handle ? this.handle.close() : closeFd(this.fd)).catch(() => undefined);
    }
    if (this.namedPath !== undefined) {
      await fsp.unlink(this.namedPath).catch(() => undefined);
      this.namedPath = undefined;
    }
  }
}
