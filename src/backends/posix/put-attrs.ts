import type { PutObjectInput } from '../backend.types';
import { encodeAcl } from './acl-attr';
import { type AttrIO, setAttr, writeChecksums, writeObjectAttrs, writeTagging } from './object-attrs';
import { XATTR } from './posix-layout';
import { writeObjectLock } from './object-lock/object-lock-attrs';

type StoredWithObject = Pick<PutObjectInput, 'tagging' | 'checksum' | 'metadata' | 'acl' | 'lock'>;

/** A new object's attributes, in the order they are set: ACL, lock, tags, checksum, metadata, and the ETag last. */
export async function writePutObjectAttrs(io: AttrIO, input: StoredWithObject, etag: string): Promise<void> {
  if (input.acl) await setAttr(io, XATTR.acl, encodeAcl(input.acl));
  await writeObjectLock(io, input.lock);
  await writeTagging(io, input.tagging);
  // Verified by now: a trailer is read, and checked, before the body ends.
  const checksum = input.checksum?.value();
  if (input.checksum && checksum !== undefined) {
    const { algorithm } = input.checksum;
    await writeChecksums(io, { spec: { algorithm, type: 'FULL_OBJECT' }, value: { algorithm, value: checksum } });
  }
  await writeObjectAttrs(io, etag, input.metadata);
}

/** The same attributes as [name, value, ...], for a native call to set on a file it is writing. */
export async function putObjectAttrList(input: StoredWithObject, etag: string): Promise<(string | Buffer)[]> {
  const pairs: (string | Buffer)[] = [];
  const refuse = (): Promise<never> => Promise.reject(new Error('a file not yet written has only attributes to set'));
  const io: AttrIO = {
    set: async (name, value) => {
      pairs.push(name, value);
    },
    get: refuse,
    remove: refuse,
    list: refuse,
  };
  await writePutObjectAttrs(io, input, etag);
  return pairs;
}
