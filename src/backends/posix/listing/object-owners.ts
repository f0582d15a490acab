import { decodeAcl } from '../acl-attr';
import type { NativeFs } from '../native.types';
import { XATTR } from '../posix-layout';
import { isVanished, isXattrUnsupported } from './posix-walker';

/**
 * The owner an object's own ACL (`user.acl`) names, undefined when it has none: an object without
 * one belongs to the bucket owner, whom the listing's caller names.
 */
export function ownerOfAcl(raw: Buffer | string | undefined): string | undefined {
  return decodeAcl(raw)?.owner;
}

/** One entry's owner read on its own (directory objects, or no addon); undefined when it has none or vanished since the walk. */
export async function readOwner(native: NativeFs, file: string): Promise<string | undefined> {
  try {
    return ownerOfAcl(await native.getXattr(file, XATTR.acl));
  } catch (err) {
    if (isVanished(err) || isXattrUnsupported(err)) return undefined;
    throw err;
  }
}
