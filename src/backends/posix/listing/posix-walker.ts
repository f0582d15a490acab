import { promises as fsp } from 'node:fs';
import type { Dirent } from 'node:fs';
import * as path from 'node:path';

import { unquoteEtag } from '../../common/etag';
import type { DirectoryEntries, NativeFs } from '../native.types';
import { TMP_DIR, XATTR } from '../posix-layout';
import { compareKeys, entrySortName } from './key-order';
import type { KeyCursor, ListEntry, ListHints } from './paginator';
import { hasErrno } from '../errno';
import { SmallestK } from './smallest-k';

/**
 * `file`: a regular file (or a symlink resolving to one inside the bucket, `path` being its target).
 * `directory`: a directory carrying the etag xattr, listed as the object `dir/` (VersityGW's directory objects).
 * `group`: a directory whose whole subtree falls into one CommonPrefix, proven to hold an object but not walked.
 */
export type PosixEntryKind = 'file' | 'directory' | 'group';

export interface PosixListEntry extends ListEntry {
  readonly kind: PosixEntryKind;
  /** Absolute path to stat and read xattrs from. */
  readonly path: string;
  /** A directory object's etag, already read to tell it from plain path structure. */
  readonly etag?: string;
}

export interface PosixWalkOptions {
  /**
   * Entries of one directory held in memory at once; a larger directory is streamed through and
   * read again for the next window. Defaults to the larger of 1024 and the page size
   * (`hints.limit`), so one page of a flat directory costs one pass over it.
   */
  windowSize?: number;
  /** Directory probes (xattr reads, emptiness checks, symlink checks) run ahead of the walk at once. */
  lookahead?: number;
  /**
   * With the addon's readDirectory, a directory of up to this many entries is read in one call;
   * a larger one is streamed through opendir. Defaults to WHOLE_READ_LIMIT.
   */
  wholeReadLimit?: number;
}

type EntryType = 'file' | 'dir' | 'symlink';

/** What a directory or symlink turned out to be, once probed. */
type Probe =
  | { kind: 'group'; hasObject: boolean }
  | { kind: 'descend'; etag: string | undefined }
  | { kind: 'symlink'; target: string | undefined };

interface DirRecord {
  readonly name: string;
  readonly sortName: string;
  readonly type: EntryType;
  probe?: Promise<Probe>;
}

interface Frame {
  /** Key prefix of this directory's entries: '' for the bucket, else 'a/b/'. */
  readonly base: string;
  readonly dirPath: string;
  records: DirRecord[];
  index: number;
  loaded: boolean;
  /** `records` holds every remaining entry; otherwise read the directory again after `after`. */
  complete: boolean;
  after?: string;
  /** Too large to read whole: the next windows are streamed straight away. */
  streamed?: boolean;
}

const DEFAULT_WINDOW = 1024;
const DEFAULT_LOOKAHEAD = 16;
/** Entries fetched per read when streaming a whole directory: fewer round trips to the thread pool. */
const OPENDIR_BUFFER = 512;
/**
 * A directory of up to this many entries is read in one call of the addon's readDirectory (about
 * a megabyte of names at most); a larger one is streamed through opendir, one window at a time.
 */
const WHOLE_READ_LIMIT = 16384;
/** readDirectory's types, as native/src/read_directory.c numbers them. */
const NATIVE_TYPES: readonly (EntryType | undefined)[] = [undefined, 'file', 'dir', 'symlink'];
/** A probe usually stops at the first entry: a large read would fetch names for nothing. */
const PROBE_BUFFER = 32;

/**
 * Walks a bucket directory depth-first and yields its keys in S3 order (see entrySortName), for
 * the generic paginator. It never reads what the hints rule out: it starts in the deepest
 * directory the prefix names, descends only into directories that can hold keys matching the
 * prefix and after the marker, drops what the paginator rolled into a CommonPrefix, and turns a
 * directory whose whole subtree becomes one CommonPrefix into a single `group` entry after
 * proving it holds at least one object (an empty directory left behind is no CommonPrefix).
 *
 * Symlinks are never descended (as VersityGW's fs.WalkDir does not); one resolving to a regular
 * file inside the bucket is listed as that file, any other (dangling, to a directory, or out of
 * the bucket) is skipped. The bucket's top-level `.sgwtmp` is invisible. An entry that vanishes
 * while being looked at (a concurrent delete) is skipped, not an error.
 */
export class PosixWalker implements KeyCursor<PosixListEntry> {
  private readonly stack: Frame[] = [];
  private readonly windowSize: number;
  private readonly lookahead: number;
  private readonly wholeReadLimit: number;
  private started = false;
  private pendingStart: PosixListEntry | undefined;
  private skip: string | undefined;
  private bucketReal: Promise<string> | undefined;

  constructor(
    private readonly bucketDir: string,
    private readonly native: NativeFs,
    private readonly hints: ListHints,
    options: PosixWalkOptions = {},
  ) {
    this.windowSize = Math.max(options.windowSize ?? Math.max(DEFAULT_WINDOW, hints.limit), 1);
    this.lookahead = Math.max(options.lookahead ?? DEFAULT_LOOKAHEAD, 1);
    this.wholeReadLimit = options.wholeReadLimit ?? WHOLE_READ_LIMIT;
  }

  skipPrefix(prefix: string): void {
    this.skip = prefix;
  }

  async next(): Promise<PosixListEntry | undefined> {
    if (!this.started) {
      this.started = true;
      await this.start();
    }
    if (this.pendingStart) {
      const entry = this.pendingStart;
      this.pendingStart = undefined;
      return entry;
    }
    for (;;) {
      const frame = this.stack[this.stack.length - 1];
      if (frame === undefined) return undefined;
      if (frame.index >= frame.records.length) {
        if (frame.loaded && frame.complete) this.stack.pop();
        else await this.fill(frame);
        continue;
      }
      const record = frame.records[frame.index++];
      const key = frame.base + record.sortName;
      if (this.skip !== undefined) {
        if (key.startsWith(this.skip)) continue;
        // Keys only grow: nothing after this one can start with the skipped prefix.
        this.skip = undefined;
      }
      const entryPath = childPath(frame.dirPath, record.name);
      if (record.type === 'file') return { key, kind: 'file', path: entryPath };

      this.probeAhead(frame);
      const probe = await this.probe(frame, record);
      switch (probe.kind) {
        case 'symlink':
          if (probe.target !== undefined) return { key, kind: 'file', path: probe.target };
          continue;
        case 'group':
          if (probe.hasObject) return { key, kind: 'group', group: true, path: entryPath };
          continue;
        case 'descend':
          this.stack.push({ base: key, dirPath: entryPath, records: [], index: 0, loaded: false, complete: false });
          // The directory object sorts before everything below it, so it comes first.
          if (probe.etag !== undefined) return { key, kind: 'directory', path: entryPath, etag: probe.etag };
          continue;
      }
    }
  }

  /**
   * Keys starting with the prefix all live below its last '/', so the walk starts there
   * (prefix 'a/b/c' reads only a/b), provided that path has no symlink and is not `.sgwtmp`.
   */
  private async start(): Promise<void> {
    const { prefix, marker } = this.hints;
    const base = startBase(prefix);
    if (base === undefined) return;
    if (base === '') {
      this.stack.push(newFrame('', this.bucketDir));
      return;
    }
    const dirPath = path.join(this.bucketDir, base.slice(0, -1));
    const real = await ignoreVanished(fsp.realpath(dirPath));
    if (real === undefined || real !== path.join(await this.bucketRealPath(), base.slice(0, -1))) return;
    if (base.startsWith(prefix) && (marker === '' || compareKeys(base, marker) > 0)) {
      const etag = await this.directoryEtag(dirPath);
      if (etag !== undefined) this.pendingStart = { key: base, kind: 'directory', path: dirPath, etag };
    }
    this.stack.push(newFrame(base, dirPath));
  }

  /**
   * Reads the next window of a directory: the smallest `windowSize` entries after the last one
   * taken that the hints do not rule out, sorted. A directory of up to wholeReadLimit entries is
   * read in one readDirectory call; a larger one is streamed through opendir, which keeps memory
   * at one window even for a directory of millions of files.
   */
  private async fill(frame: Frame): Promise<void> {
    const keep = new SmallestK<DirRecord>(this.windowSize, compareRecords);
    const whole = frame.streamed ? undefined : await this.readWhole(frame.dirPath);
    if (whole !== undefined) {
      const { names, types } = whole;
      for (let i = 0; i < names.length; i++) {
        const type = NATIVE_TYPES[types[i]];
        const record = type === undefined ? undefined : this.admit(frame, names[i], type);
        if (record !== undefined) keep.offer(record);
      }
    } else {
      frame.streamed = true;
      await this.stream(frame, keep);
    }
    const records = dedupeSorted(keep.drainSorted());
    frame.records = records;
    frame.index = 0;
    frame.loaded = true;
    frame.complete = !keep.overflowed;
    if (!frame.complete) frame.after = records[records.length - 1].sortName;
  }

  /**
   * The whole directory in one call of the addon ([] when it is gone), or undefined when it must
   * be streamed: larger than the whole-read limit, or an addon without readDirectory.
   */
  private async readWhole(dirPath: string): Promise<DirectoryEntries | undefined> {
    if (this.native.readDirectory === undefined) return undefined;
    try {
      return await this.native.readDirectory(dirPath, this.wholeReadLimit);
    } catch (err) {
      if (isVanished(err)) return NO_ENTRIES;
      throw err;
    }
  }

  /** Every entry through opendir, into `keep`: memory stays at one window whatever the directory's size. */
  private async stream(frame: Frame, keep: SmallestK<DirRecord>): Promise<void> {
    const dir = await ignoreVanished(fsp.opendir(frame.dirPath, { bufferSize: OPENDIR_BUFFER }));
    if (dir === undefined) return;
    try {
      for await (const dirent of dir) {
        // Sockets, FIFOs and devices are not objects.
        const type = typeOf(dirent);
        const record = type === undefined ? undefined : this.admit(frame, dirent.name, type);
        if (record !== undefined) keep.offer(record);
      }
    } catch (err) {
      // Removed while being read: what was read so far is still in order.
      if (!isVanished(err)) throw err;
    }
  }

  /** A directory entry worth keeping, or undefined when the hints prove no wanted key is at or below it. */
  private admit(frame: Frame, name: string, type: EntryType): DirRecord | undefined {
    if (frame.base === '' && name === TMP_DIR) return undefined;
    const sortName = entrySortName(name, type === 'dir');
    if (frame.after !== undefined && compareKeys(sortName, frame.after) <= 0) return undefined;

    const { prefix, marker } = this.hints;
    const key = frame.base + sortName;
    const isDir = type === 'dir';
    if (!key.startsWith(prefix) && !(isDir && prefix.startsWith(key))) return undefined;
    // A directory at or before the marker may still hold keys after it when the marker lies inside it.
    if (marker !== '' && compareKeys(key, marker) <= 0 && !(isDir && marker.startsWith(key))) return undefined;
    if (this.skip !== undefined && key.startsWith(this.skip)) return undefined;
    return { name, sortName, type };
  }

  /**
   * Starts the probes of the next few directories and symlinks so their I/O overlaps. A directory
   * rolling into the same CommonPrefix as the one before it is left alone: once that prefix is
   * returned, the paginator skips it, and its probe would be wasted.
   */
  private probeAhead(frame: Frame): void {
    const end = Math.min(frame.records.length, frame.index - 1 + this.lookahead);
    let previousGroup: string | undefined;
    for (let i = frame.index - 1; i < end; i++) {
      const record = frame.records[i];
      if (record.type === 'file') continue;
      const key = frame.base + record.sortName;
      if (this.skip !== undefined && key.startsWith(this.skip)) continue;
      const group = record.type === 'dir' ? this.commonPrefixOf(key) : undefined;
      const sameGroup = group !== undefined && group === previousGroup;
      previousGroup = group;
      if (record.probe !== undefined || (sameGroup && i > frame.index - 1)) continue;
      const probe = this.probe(frame, record);
      // A probe run ahead may never be awaited (the page fills first): its failure must not go unhandled.
      probe.catch(() => undefined);
    }
  }

  /** The CommonPrefix every key below directory key `key` falls into, if the hints make it one. */
  private commonPrefixOf(key: string): string | undefined {
    const { prefix, delimiter } = this.hints;
    if (delimiter === '' || !key.startsWith(prefix)) return undefined;
    const cut = key.indexOf(delimiter, prefix.length);
    return cut < 0 ? undefined : key.slice(0, cut + delimiter.length);
  }

  private probe(frame: Frame, record: DirRecord): Promise<Probe> {
    record.probe ??= this.runProbe(frame, record);
    return record.probe;
  }

  private async runProbe(frame: Frame, record: DirRecord): Promise<Probe> {
    const entryPath = path.join(frame.dirPath, record.name);
    if (record.type === 'symlink') return { kind: 'symlink', target: await this.symlinkTarget(entryPath) };

    const { prefix, marker } = this.hints;
    const key = frame.base + record.sortName;
    // Once the part after the prefix holds the delimiter, every key below shares that CommonPrefix.
    if (this.commonPrefixOf(key) !== undefined) {
      return { kind: 'group', hasObject: await this.subtreeHasObject(entryPath) };
    }
    const wanted = key.startsWith(prefix) && (marker === '' || compareKeys(key, marker) > 0);
    return { kind: 'descend', etag: wanted ? await this.directoryEtag(entryPath) : undefined };
  }

  /**
   * Whether a subtree holds at least one object. Stops at the first: an unsorted scan, regular
   * files before xattr reads before recursion, so a normal directory costs one opendir.
   */
  private async subtreeHasObject(dirPath: string): Promise<boolean> {
    const dir = await ignoreVanished(fsp.opendir(dirPath, { bufferSize: PROBE_BUFFER }));
    if (dir === undefined) return false;
    const subdirs: string[] = [];
    const links: string[] = [];
    try {
      for await (const dirent of dir) {
        if (dirent.isFile()) return true;
        if (dirent.isDirectory()) subdirs.push(dirent.name);
        else if (dirent.isSymbolicLink()) links.push(dirent.name);
      }
    } catch (err) {
      if (!isVanished(err)) throw err;
      return false;
    }
    if ((await this.directoryEtag(dirPath)) !== undefined) return true;
    for (const name of links) {
      if ((await this.symlinkTarget(path.join(dirPath, name))) !== undefined) return true;
    }
    for (const name of subdirs) {
      if (await this.subtreeHasObject(path.join(dirPath, name))) return true;
    }
    return false;
  }

  private async directoryEtag(dirPath: string): Promise<string | undefined> {
    try {
      const value = await this.native.getXattr(dirPath, XATTR.etag);
      return value === undefined ? undefined : decodeEtag(value);
    } catch (err) {
      if (isVanished(err) || isXattrUnsupported(err)) return undefined;
      throw err;
    }
  }

  /** The real path of a symlink's target when it is a regular file inside the bucket (and not in `.sgwtmp`). */
  private async symlinkTarget(linkPath: string): Promise<string | undefined> {
    const real = await ignoreVanished(fsp.realpath(linkPath));
    if (real === undefined) return undefined;
    const root = await this.bucketRealPath();
    if (!real.startsWith(root + path.sep)) return undefined;
    const relative = real.slice(root.length + 1);
    if (relative === TMP_DIR || relative.startsWith(TMP_DIR + path.sep)) return undefined;
    const stats = await ignoreVanished(fsp.stat(real));
    return stats?.isFile() ? real : undefined;
  }

  private bucketRealPath(): Promise<string> {
    this.bucketReal ??= fsp.realpath(this.bucketDir);
    return this.bucketReal;
  }
}

const NO_ENTRIES: DirectoryEntries = { names: [], types: new Uint8Array(0) };

function typeOf(dirent: Dirent): EntryType | undefined {
  if (dirent.isFile()) return 'file';
  if (dirent.isDirectory()) return 'dir';
  return dirent.isSymbolicLink() ? 'symlink' : undefined;
}

const compareRecords = (a: DirRecord, b: DirRecord): number => compareKeys(a.sortName, b.sortName);

/** `dir`/`name` without path.join's normalising: directories here are already normal, names hold no '/'. */
function childPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

function newFrame(base: string, dirPath: string): Frame {
  return { base, dirPath, records: [], index: 0, loaded: false, complete: false };
}

/**
 * The key prefix of the directory a walk for `prefix` starts in ('a/b/' for 'a/b/c'), or undefined
 * when no stored key can start with `prefix`: a path component that is empty, '.' or '..' (no file
 * has such a key, and '..' would leave the bucket) or `.sgwtmp` at the top.
 */
export function startBase(prefix: string): string | undefined {
  const cut = prefix.lastIndexOf('/');
  if (cut < 0) return '';
  const base = prefix.slice(0, cut + 1);
  const parts = base.slice(0, -1).split('/');
  if (parts[0] === TMP_DIR) return undefined;
  for (const part of parts) {
    if (part === '' || part === '.' || part === '..' || part.includes('\0')) return undefined;
  }
  return base;
}

/**
 * Names that are not valid UTF-8 decode to U+FFFD and can collide with each other or a real name;
 * keys must be unique, so one of them stands for all (the others cannot be addressed over S3 anyway).
 */
function dedupeSorted(records: DirRecord[]): DirRecord[] {
  return records.filter((record, i) => i === 0 || records[i - 1].sortName !== record.sortName);
}

/** `user.etag` holds the quoted form (as VersityGW writes it); the Backend port carries it bare. */
export function decodeEtag(value: Buffer): string {
  return unquoteEtag(value.toString('utf8'));
}

/** The entry (or a directory above it) is gone or is no longer what it was: a concurrent delete or rename. */
export function isVanished(err: unknown): boolean {
  return hasErrno(err, 'ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG');
}

/** The file system keeps no extended attributes: nothing carries an etag there. */
export function isXattrUnsupported(err: unknown): boolean {
  return hasErrno(err, 'ENOTSUP', 'EOPNOTSUPP');
}

export async function ignoreVanished<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (err) {
    if (isVanished(err)) return undefined;
    throw err;
  }
}
