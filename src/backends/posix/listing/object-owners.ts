import * as path from 'node:path';
import type { ObjectSummary } from '../../backend.types';
import { decodeAcl } from '../acl-attr';
import type { NativeFs } from '../native.types';
import { XATTR } from '../posix-layout';
import { resolveEach } from './paginator';
import { isVanished, isXattrUnsupported } from './posix-walker';

/**
 * A listed page with each object's own owner (the `Owner` of its `user.acl`) where it has one;
 * the others belong to the bucket owner, whom the caller names. With the addon's describeEntries,
 * one thread-pool job for the page's files; directory objects, and files without the addon, one
 * attribute read each, 16 at once.
 */
export async function withObjectOwners(native: NativeFs, bucketDir: string, objects: readonly ObjectSummary[], concurrency?: number): Promise<ObjectSummary[]> {
  const pathOf = (object: ObjectSummary): string => path.join(bucketDir, object.key);
  const owners = new Map<ObjectSummary, string | undefined>();
  const describe = native.describeEntries?.bind(native);
  const files = describe === undefined ? [] : objects.filter((object) => !object.key.endsWith('/'));
  if (describe !== undefined && files.length > 0) {
    const found = await describe(files.map(pathOf), XATTR.acl);
    files.forEach((object, i) => owners.set(object, decodeAcl(found.values[i])?.owner));
  }
  const rest = objects.filter((object) => !owners.has(object));
  const read = resolveEach((object: ObjectSummary) => ownerAttr(native, pathOf(object)), concurrency);
  (await read(rest)).forEach((owner, i) => owners.set(rest[i], owner));
  return objects.map((object) => {
    const owner = owners.get(object);
    return owner === undefined ? object : { ...object, owner };
  });
}

/** One object's owner from its ACL attribute; undefined when it has none, or vanished since the walk. */
async function ownerAttr(native: NativeFs, file: string): Promise<string | undefined> {
  try {
    return decodeAcl(await native.getXattr(file, XATTR.acl))?.owner;
  } catch (err) {
    if (isVanished(err) || isXattrUnsupported(err)) return undefined;
    throw err;
  }
}
