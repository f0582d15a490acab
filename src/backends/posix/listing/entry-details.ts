import { promises as fsp } from 'node:fs';

import type { ObjectSummary } from '../../backend.types';
import { unquoteEtag } from '../../common/etag';
import type { EntryDescriptions, NativeFs } from '../native.types';
import { XATTR } from '../posix-layout';
import { ownerOfAcl, readOwner } from './object-owners';
import { resolveEach } from './paginator';
import type { ResolveEntries } from './paginator';
import { decodeEtag, ignoreVanished, isVanished, isXattrUnsupported } from './posix-walker';
import type { PosixListEntry } from './posix-walker';

/** EntryDescriptions.kinds, as the addon's listing.c numbers them. */
const KIND_FILE = 1;
const KIND_DIRECTORY = 2;

/** What a listing reads of each entry beyond its stat and ETag. */
export interface EntryDetailOptions {
  /** Without the addon's describeEntries: entries described at once. */
  concurrency?: number;
  /** Each object's own owner (its ACL's), read in the same pass as its ETag. */
  fetchOwner?: boolean;
}

/**
 * Size, mtime, etag and (when asked) owner of a page's entries (undefined for one that vanished or
 * changed type since the walk saw it). With the addon's describeEntries, one thread-pool job for
 * the whole page, the owner's attribute read beside the ETag's (a directory object's owner, which
 * the addon does not read, on its own meanwhile); without it, an lstat and the xattr reads per
 * entry, 16 entries at once.
 */
export function entryDetails(native: NativeFs, options: EntryDetailOptions = {}): ResolveEntries<PosixListEntry, ObjectSummary> {
  const describe = native.describeEntries?.bind(native);
  const { concurrency, fetchOwner = false } = options;
  if (describe === undefined) return resolveEach((entry) => describeEntry(native, entry, fetchOwner), concurrency);
  if (!fetchOwner) {
    return async (entries) => {
      for (const entry of entries) assertDescribable(entry);
      const found = await describe(
        entries.map((entry) => entry.path),
        XATTR.etag,
      );
      return entries.map((entry, i) => summaryOf(entry, found, i));
    };
  }
  const directoryOwners = resolveEach((entry: PosixListEntry) => readOwner(native, entry.path), concurrency);
  return async (entries) => {
    for (const entry of entries) assertDescribable(entry);
    const paths = entries.map((entry) => entry.path);
    const directories = entries.filter((entry) => entry.kind === 'directory');
    const [found, owners] = await Promise.all([describe(paths, [XATTR.etag, XATTR.acl]), directoryOwners(directories)]);
    const ownerOfDirectory = new Map(directories.map((entry, i) => [entry, owners[i]]));
    return entries.map((entry, i) => {
      const summary = summaryOf(entry, found, i);
      return summary && withOwner(summary, entry.kind === 'directory' ? ownerOfDirectory.get(entry) : ownerOfAcl(found.secondValues?.[i]));
    });
  };
}

function summaryOf(entry: PosixListEntry, found: EntryDescriptions, i: number): ObjectSummary | undefined {
  const kind = found.kinds[i];
  const wanted = entry.kind === 'directory' ? KIND_DIRECTORY : KIND_FILE;
  if (kind !== wanted) return undefined;
  // As Node's Stats#mtime: milliseconds rounded, not truncated.
  const lastModified = new Date(Math.round(found.mtimes[2 * i] * 1000 + found.mtimes[2 * i + 1] / 1e6));
  if (entry.kind === 'directory') return { key: entry.key, size: 0, etag: entry.etag ?? '', lastModified };
  return { key: entry.key, size: found.sizes[i], etag: unquoteEtag(found.values[i]), lastModified };
}

function assertDescribable(entry: PosixListEntry): void {
  if (entry.kind !== 'file' && entry.kind !== 'directory') {
    throw new Error(`cannot describe ${entry.kind} entry ${JSON.stringify(entry.key)}`);
  }
}

/** Size, mtime, etag and (when asked) owner of a listed entry; undefined when it vanished or changed type since the walk saw it. */
export async function describeEntry(native: NativeFs, entry: PosixListEntry, fetchOwner = false): Promise<ObjectSummary | undefined> {
  assertDescribable(entry);
  const owner = fetchOwner ? readOwner(native, entry.path) : Promise.resolve(undefined);
  if (entry.kind === 'directory') {
    const [stats, ownerOf] = await Promise.all([ignoreVanished(fsp.lstat(entry.path)), owner]);
    if (!stats?.isDirectory()) return undefined;
    return withOwner({ key: entry.key, size: 0, etag: entry.etag ?? '', lastModified: stats.mtime }, ownerOf);
  }
  const [stats, etag, ownerOf] = await Promise.all([ignoreVanished(fsp.lstat(entry.path)), readFileEtag(native, entry.path), owner]);
  if (!stats?.isFile() || etag === undefined) return undefined;
  return withOwner({ key: entry.key, size: stats.size, etag, lastModified: stats.mtime }, ownerOf);
}

const withOwner = (summary: ObjectSummary, owner: string | undefined): ObjectSummary => (owner === undefined ? summary : { ...summary, owner });

/**
 * A file without the etag xattr (copied in behind the gateway's back) is still an object:
 * VersityGW lists it with an empty ETag, and so do we. Undefined only when the file is gone.
 */
async function readFileEtag(native: NativeFs, filePath: string): Promise<string | undefined> {
  try {
    const value = await native.getXattr(filePath, XATTR.etag);
    return value === undefined ? '' : decodeEtag(value);
  } catch (err) {
    if (isVanished(err)) return undefined;
    if (isXattrUnsupported(err)) return '';
    throw err;
  }
}
