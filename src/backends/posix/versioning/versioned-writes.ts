import type { ObjectPath } from '../paths';
import type { PosixContext } from '../context';
import { readCurrentVersion } from './current-version';
import { newVersionId } from './version-id';
import { NULL_VERSION, type VersioningStatus } from './version-layout';
import type { PosixVersioning } from './versioning-context';

/** The versioning of a write's bucket, when it has any: undefined costs an unversioned gateway no await. */
export function versioningOf(ctx: PosixContext, op: ObjectPath): Promise<VersioningStatus | undefined> | undefined {
  const { versioning } = ctx;
  if (versioning === undefined || op.isDirectoryObject) return undefined;
  return versioning.states.statusOf(op.bucket);
}

/** The id a new version gets: a ULID while versioning is enabled, `null` while it is suspended. */
export function idOfNewVersion(status: VersioningStatus): string {
  return status === 'Enabled' ? newVersionId() : NULL_VERSION;
}

/** What S3 answers in x-amz-version-id for a new version: nothing for the null version (as VersityGW). */
export function answeredVersionId(id: string): string | undefined {
  return id === NULL_VERSION ? undefined : id;
}

/**
 * Puts a new latest version at the key: the current one is first put among the older versions
 * (unless it is the null version and versioning is suspended: a new null version replaces it),
 * then `place` renames the new one over it, then an older null version that the new null one
 * replaces is removed. A crash between the steps leaves the current object also among the older
 * versions (readers ignore an older version of the current one's id) or an older null version
 * beside a current null one (ignored the same way): never a lost version, never half of one.
 */
export async function replaceCurrent(ctx: PosixContext, versioning: PosixVersioning, op: ObjectPath, status: VersioningStatus, place: () => Promise<void>): Promise<void> {
  await versioning.locks.run(`${op.bucket}\0${op.key}`, async () => {
    const current = await readCurrentVersion(ctx.native, op.path);
    if (current !== undefined && (status === 'Enabled' || current.id !== NULL_VERSION)) {
      await versioning.store.archive(op.bucket, op.key, op.path, current.id);
      await versioning.pauses.reached('version:archived');
    }
    await place();
    if (status === 'Suspended') await versioning.store.remove(op.bucket, op.key, NULL_VERSION);
  });
}
