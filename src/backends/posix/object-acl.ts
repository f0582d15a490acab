import type { AccessControlList, ObjectInput } from '../backend.types';
import { decodeAcl, encodeAcl } from './acl-attr';
import type { PosixContext } from './context';
import { toS3Error } from './errno';
import { fdAttrs, setAttr } from './object-attrs';
import { openObjectFile } from './object-info';
import { XATTR } from './posix-layout';

/** The ACL attribute of the object as it is now (read through its open descriptor). */
export async function getObjectAcl(ctx: PosixContext, input: ObjectInput): Promise<AccessControlList | undefined> {
  const object = await openObjectFile(ctx, input.bucket, input.key);
  try {
    return decodeAcl(await ctx.native.fgetXattr(object.file.fd, XATTR.acl));
  } catch (err) {
    throw toS3Error(err, { op: 'read', key: input.key });
  } finally {
    await object.file.close().catch(() => undefined);
  }
}

export async function putObjectAcl(ctx: PosixContext, input: ObjectInput & { acl: AccessControlList }): Promise<void> {
  const object = await openObjectFile(ctx, input.bucket, input.key);
  try {
    await setAttr(fdAttrs(ctx.native, object.file.fd), XATTR.acl, encodeAcl(input.acl));
  } catch (err) {
    throw toS3Error(err, { op: 'write', key: input.key });
  } finally {
    await object.file.close().catch(() => undefined);
  }
}
