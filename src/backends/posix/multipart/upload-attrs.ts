import type { AccessControlList, ObjectMetadata, UploadChecksumSpec } from '../../backend.types';
import { decodeAcl, encodeAcl } from '../acl-attr';
import type { NativeFs } from '../native.types';
import { type AttrIO, encodeTagging, pathAttrs, readObjectAttrs, setAttr, writeChecksums, writeMetadataAttrs, writeTagging } from '../object-attrs';
import { XATTR } from '../posix-layout';
import { decodeChecksums } from '../checksums-attr';
import type { ObjectLock } from '../../backend-lock.types';
import { writeObjectLock } from '../object-lock/object-lock-attrs';

/** What an upload directory keeps for the object CompleteMultipartUpload will make. */
export interface UploadAttrs {
  metadata: ObjectMetadata;
  /** The tags as stored (VersityGW's JSON object), copied onto the object as they are. */
  tagging?: string;
  checksum?: UploadChecksumSpec;
  /** The object's own ACL as stored, copied onto the object as it is. */
  acl?: Buffer;
  /** x-amz-object-lock-* of CreateMultipartUpload, kept on the upload as VersityGW keeps them (the same attributes). */
  lock?: ObjectLock;
}

export async function writeUploadAttrs(
  io: AttrIO,
  attrs: { metadata: ObjectMetadata; tagging?: Record<string, string>; checksum?: UploadChecksumSpec; acl?: AccessControlList; lock?: ObjectLock },
): Promise<void> {
  if (attrs.acl) await setAttr(io, XATTR.acl, encodeAcl(attrs.acl));
  await writeObjectLock(io, attrs.lock);
  await writeMetadataAttrs(io, attrs.metadata);
  await writeTagging(io, attrs.tagging);
  if (attrs.checksum) await writeChecksums(io, { spec: attrs.checksum });
}

/** Rejects with ENOENT when the upload directory is gone. */
export async function readUploadAttrs(native: NativeFs, uploadDir: string): Promise<UploadAttrs> {
  const io = pathAttrs(native, uploadDir);
  const [{ metadata, tags, checksumSpec, lock }, acl] = await Promise.all([readObjectAttrs(io), io.get(XATTR.acl)]);
  const attrs: UploadAttrs = { metadata };
  if (lock !== undefined) attrs.lock = lock;
  if (acl !== undefined) attrs.acl = acl;
  if (Object.keys(tags).length > 0) attrs.tagging = encodeTagging(tags);
  if (checksumSpec) attrs.checksum = checksumSpec;
  return attrs;
}

/** Only the checksum algorithm: what UploadPart and the listings need. */
export async function readUploadChecksum(native: NativeFs, uploadDir: string): Promise<UploadChecksumSpec | undefined> {
  return decodeChecksums(await native.getXattr(uploadDir, XATTR.checksums)).spec;
}

/**
 * The account the upload's own ACL names (set when it was created by another account than the
 * bucket's owner, or with ACL headers): its Owner and Initiator in the listings. Undefined: the
 * bucket owner's.
 */
export async function readUploadOwner(native: NativeFs, uploadDir: string): Promise<string | undefined> {
  return decodeAcl(await native.getXattr(uploadDir, XATTR.acl))?.owner;
}
