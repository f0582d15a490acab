import { S3Error } from '../../s3/errors/s3-error';
import type { AccessControlList, ChecksumType, ChecksumValue, ObjectMetadata, UploadChecksumSpec } from '../backend.types';
import { decodeAcl } from './acl-attr';
import { type ChecksumsAttr, decodeChecksums, encodeChecksums } from './checksums-attr';
import { quoteEtag, unquoteEtag } from '../common/etag';
import { hasErrno } from './errno';
import type { NativeFs } from './native.types';
import { USER_METADATA_XATTR_PREFIX, XATTR } from './posix-layout';
import { VERSIONING_XATTR } from './versioning/version-layout';
import { decodeObjectLock, OBJECT_LOCK_XATTR } from './object-lock/object-lock-layout';
import type { ObjectLock } from '../backend-lock.types';

/** Extended attributes of one file, addressed by descriptor or by name. */
export interface AttrIO {
  get(name: string): Promise<Buffer | undefined>;
  set(name: string, value: Buffer): Promise<void>;
  remove(name: string): Promise<void>;
  list(): Promise<string[]>;
  /** Every `user.` attribute at once, where one call can read them all (an open descriptor). */
  all?(): Promise<Record<string, Buffer>>;
}

/**
 * Attributes of an open file. NativeFs lists by name only, so the listing goes through the kernel's
 * name for the descriptor, which keeps it on the very inode that was opened.
 */
export function fdAttrs(native: NativeFs, fd: number): AttrIO {
  const procPath = `/proc/self/fd/${fd}`;
  return {
    get: (name) => native.fgetXattr(fd, name),
    set: (name, value) => native.fsetXattr(fd, name, value),
    remove: (name) => native.removeXattr(procPath, name),
    list: () => native.listXattr(procPath),
    all: () => native.readUserXattrs(fd),
  };
}

export function pathAttrs(native: NativeFs, path: string): AttrIO {
  return {
    get: (name) => native.getXattr(path, name),
    set: (name, value) => native.setXattr(path, name, value),
    remove: (name) => native.removeXattr(path, name),
    list: () => native.listXattr(path),
  };
}

const CONTENT_ATTRS = [
  ['contentType', XATTR.contentType],
  ['contentEncoding', XATTR.contentEncoding],
  ['contentLanguage', XATTR.contentLanguage],
  ['contentDisposition', XATTR.contentDisposition],
  ['cacheControl', XATTR.cacheControl],
  ['expires', XATTR.expires],
] as const;

/** Sets one attribute; a file system out of room for attributes answers MetadataTooLarge. */
export async function setAttr(io: AttrIO, name: string, value: string | Buffer): Promise<void> {
  try {
    await io.set(name, typeof value === 'string' ? Buffer.from(value, 'utf8') : value);
  } catch (err) {
    // The file system ran out of room for attributes (ext4 keeps them all in one block).
    if (hasErrno(err, 'ENOSPC', 'E2BIG', 'ERANGE')) throw new S3Error('MetadataTooLarge', undefined, {}, { cause: err });
    throw err;
  }
}

/**
 * Writes an object's metadata; the ETag goes last because its presence is what marks a directory
 * as an object, so a directory object never looks complete before its metadata is.
 */
export async function writeObjectAttrs(io: AttrIO, etag: string, metadata: ObjectMetadata): Promise<void> {
  await writeMetadataAttrs(io, metadata);
  await setAttr(io, XATTR.etag, quoteEtag(etag));
}

/** User metadata and content headers alone: what a multipart upload's directory keeps for its object. */
export async function writeMetadataAttrs(io: AttrIO, metadata: ObjectMetadata): Promise<void> {
  for (const [name, value] of Object.entries(metadata.userMetadata)) {
    await setAttr(io, USER_METADATA_XATTR_PREFIX + name.toLowerCase(), value);
  }
  for (const [field, attr] of CONTENT_ATTRS) {
    const value = metadata[field];
    if (value !== undefined && value !== '') await setAttr(io, attr, value);
  }
}

/** Removes what writeObjectAttrs wrote, and the tags (ETag first, so the object disappears before its metadata does). */
export async function clearObjectAttrs(io: AttrIO): Promise<void> {
  await io.remove(XATTR.etag);
  const names = await io.list();
  const ours = new Set<string>([...CONTENT_ATTRS.map(([, attr]) => attr), XATTR.tagging]);
  for (const name of names) {
    if (ours.has(name) || name.startsWith(USER_METADATA_XATTR_PREFIX)) await io.remove(name);
  }
}

/**
 * VersityGW stores tags as the JSON of a Go map (json.Marshal sorts its keys), in
 * `user.X-Amz-Tagging`, on the upload directory and then on the object.
 */
export function encodeTagging(tags: Record<string, string>): string {
  const sorted: Record<string, string> = {};
  for (const name of Object.keys(tags).sort()) sorted[name] = tags[name];
  return JSON.stringify(sorted);
}

/** Stores x-amz-tagging on a new object; none (or an empty set) stores nothing. */
export async function writeTagging(io: AttrIO, tags: Record<string, string> | undefined): Promise<void> {
  if (tags !== undefined && Object.keys(tags).length > 0) await setAttr(io, XATTR.tagging, encodeTagging(tags));
}

/** Stores `user.checksums` (VersityGW's JSON) through setAttr, so a full attribute block is MetadataTooLarge. */
export function writeChecksums(io: AttrIO, attr: ChecksumsAttr): Promise<void> {
  return setAttr(io, XATTR.checksums, encodeChecksums(attr));
}

/** The tags as stored; an attribute that is not VersityGW's JSON object of strings counts as none. */
export function decodeTagging(raw: Buffer | string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString());
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export interface StoredAttrs {
  /** Bare hex, or undefined when the file carries no ETag (e.g. a file copied in with `cp`). */
  etag?: string;
  metadata: ObjectMetadata;
  /** The tags (empty when none). */
  tags: Record<string, string>;
  /** Present when the object was stored with a checksum. */
  checksum?: ChecksumValue & { type: ChecksumType };
  /** The checksum algorithm and type named (an upload directory names them without a value). */
  checksumSpec?: UploadChecksumSpec;
  /** Its version id, in a versioned bucket (none: the null version). */
  versionId?: string;
  /** A delete marker (versioning's `user.delete-marker`). */
  deleteMarker?: true;
  /** Its own ACL (`user.acl`), when it has one. */
  acl?: AccessControlList;
  /** Its retention and legal hold, when it has any. */
  lock?: ObjectLock;
}

const text = (value: Buffer | undefined): string | undefined => value?.toString('utf8');

/** The object's attributes as [name, value, name, value, ...]: one call where the AttrIO can, else a list and a read per name. */
async function userAttrPairs(io: AttrIO): Promise<string[]> {
  const pairs: string[] = [];
  if (io.all) {
    for (const [name, value] of Object.entries(await io.all())) pairs.push(name, value.toString('utf8'));
    return pairs;
  }
  const names = await io.list();
  const values = await Promise.all(names.map(async (name) => text(await io.get(name))));
  names.forEach((name, i) => {
    const value = values[i];
    if (value !== undefined) pairs.push(name, value);
  });
  return pairs;
}

export async function readObjectAttrs(io: AttrIO): Promise<StoredAttrs> {
  return decodeObjectAttrs(await userAttrPairs(io));
}

const CONTENT_FIELD_OF: ReadonlyMap<string, (typeof CONTENT_ATTRS)[number][0]> = new Map(CONTENT_ATTRS.map(([field, attr]) => [attr, field]));

/**
 * An object's metadata from its `user.` attributes as [name, value, name, value, ...] (the form
 * native openObject returns them in): one pass, since a GET runs it for every response.
 */
export function decodeObjectAttrs(pairs: readonly string[]): StoredAttrs {
  let etag: string | undefined;
  let tagging: string | undefined;
  let checksums: string | undefined;
  let versionId: string | undefined;
  let deleteMarker = false;
  let acl: string | undefined;
  let retention: string | undefined;
  let legalHold: string | undefined;
  const userMetadata: Record<string, string> = {};
  const metadata: ObjectMetadata = { userMetadata };
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const name = pairs[i];
    const value = pairs[i + 1];
    if (name === XATTR.etag) etag = value;
    else if (name === XATTR.tagging) tagging = value;
    else if (name === XATTR.checksums) checksums = value;
    else if (name.startsWith(USER_METADATA_XATTR_PREFIX)) userMetadata[name.slice(USER_METADATA_XATTR_PREFIX.length).toLowerCase()] = value;
    else if (name === VERSIONING_XATTR.versionId) versionId = value;
    else if (name === VERSIONING_XATTR.deleteMarker) deleteMarker = true;
    else if (name === XATTR.acl) acl = value;
    else if (name === OBJECT_LOCK_XATTR.retention) retention = value;
    else if (name === OBJECT_LOCK_XATTR.legalHold) legalHold = value;
    else {
      const field = CONTENT_FIELD_OF.get(name);
      if (field !== undefined) metadata[field] = value;
    }
  }
  const attrs: StoredAttrs = { etag: etag === undefined ? undefined : unquoteEtag(etag), metadata, tags: tagging === undefined ? {} : decodeTagging(tagging) };
  if (versionId !== undefined && versionId !== '') attrs.versionId = versionId;
  if (deleteMarker) attrs.deleteMarker = true;
  // Parsed only where there is one: most objects have none.
  const ownAcl = acl === undefined ? undefined : decodeAcl(acl);
  if (ownAcl !== undefined) attrs.acl = ownAcl;
  if (retention !== undefined || legalHold !== undefined) {
    const lock = decodeObjectLock(retention, legalHold);
    if (lock !== undefined) attrs.lock = lock;
  }
  if (checksums !== undefined) {
    // An upload directory names its algorithm without a value: only a stored digest is the object's checksum.
    const { spec, value } = decodeChecksums(checksums);
    if (spec && value && spec.algorithm === value.algorithm) attrs.checksum = { ...value, type: spec.type };
    if (spec) attrs.checksumSpec = spec;
  }
  return attrs;
}
