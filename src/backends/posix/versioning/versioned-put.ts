import * as path from 'node:path';
import type { PutObjectInput, PutObjectOutput } from '../../backend.types';
import type { PosixContext } from '../context';
import { fdAttrs, setAttr } from '../object-attrs';
import type { ObjectPath } from '../paths';
import { TMP_DIR } from '../posix-layout';
import { writePutObjectAttrs } from '../put-attrs';
import { checksBeforeBody, place, stageBody } from '../put-object';
import { VERSIONING_XATTR, type VersioningStatus } from './version-layout';
import { answeredVersionId, idOfNewVersion, replaceCurrent } from './versioned-writes';

/**
 * A PUT into a bucket with versioning: the body staged and labelled (its version id among its
 * attributes) as any PUT's, then put in place by replaceCurrent. Step by step through node:fs:
 * the native one-call write cannot archive the current object between its write and its link.
 */
export async function putVersioned(ctx: PosixContext, op: ObjectPath, input: PutObjectInput, status: VersioningStatus): Promise<PutObjectOutput> {
  const versioning = ctx.versioning;
  if (versioning === undefined) throw new Error('putVersioned without versioning');
  const bucketReal = await checksBeforeBody(ctx, op, input.writeConditions);
  const { tmp, etag } = await stageBody(ctx, path.join(op.bucketDir, TMP_DIR), op.key, input);
  try {
    const versionId = idOfNewVersion(status);
    const io = fdAttrs(ctx.native, tmp.fd);
    await writePutObjectAttrs(io, input, etag);
    const answered = answeredVersionId(versionId);
    if (answered !== undefined) await setAttr(io, VERSIONING_XATTR.versionId, answered);
    await replaceCurrent(ctx, versioning, op, status, () => place(ctx, op, bucketReal, tmp, input.writeConditions));
    return answered === undefined ? { etag } : { etag, versionId: answered };
  } finally {
    await tmp.dispose();
  }
}
