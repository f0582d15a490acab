import type { ObjectLock } from '../../backend-lock.types';
import { hasErrno } from '../errno';
import type { NativeFs } from '../native.types';
import { type AttrIO, setAttr } from '../object-attrs';
import { decodeObjectLock, encodeLegalHold, encodeRetention, OBJECT_LOCK_XATTR } from './object-lock-layout';

/** A new version's lock among its attributes, before it is put in place. */
export async function writeObjectLock(io: AttrIO, lock: ObjectLock | undefined): Promise<void> {
  if (lock?.retention !== undefined) await setAttr(io, OBJECT_LOCK_XATTR.retention, encodeRetention(lock.retention));
  if (lock?.legalHold !== undefined) await setAttr(io, OBJECT_LOCK_XATTR.legalHold, encodeLegalHold(lock.legalHold));
}

/** The lock stored with the file at `file` (an object or an older version); undefined without one, or without the file. */
export async function readObjectLock(native: NativeFs, file: string): Promise<ObjectLock | undefined> {
  try {
    const [retention, legalHold] = await Promise.all([native.getXattr(file, OBJECT_LOCK_XATTR.retention), native.getXattr(file, OBJECT_LOCK_XATTR.legalHold)]);
    return decodeObjectLock(retention?.toString('utf8'), legalHold);
  } catch (err) {
    if (hasErrno(err, 'ENOENT', 'ENOTDIR')) return undefined;
    throw err;
  }
}
