import type { PutObjectTaggingInput, TagSet, VersionedObjectInput } from '../backend.types';
import type { PosixContext } from './context';
import { toS3Error } from './errno';
import { encodeTagging, fdAttrs, setAttr } from './object-attrs';
import type { OpenedObjectFile } from './object-info';
import { openVersionFile } from './versioning/open-version';
import { XATTR } from './posix-layout';

/** Runs `use` on the open descriptor of the object (or the version named): the tags read or written are that inode's. */
async function withObject<T>(ctx: PosixContext, input: VersionedObjectInput, use: (object: OpenedObjectFile) => Promise<T>): Promise<T> {
  const object = await openVersionFile(ctx, input);
  try {
    return await use(object);
  } finally {
    await object.file.close().catch(() => undefined);
  }
}

/** The tags in VersityGW's attribute (`user.X-Amz-Tagging`, a JSON object), none when absent. */
export async function getObjectTagging(ctx: PosixContext, input: VersionedObjectInput): Promise<TagSet> {
  try {
    return await withObject(ctx, input, async ({ tags }) => tags);
  } catch (err) {
    throw toS3Error(err, { op: 'read', key: input.key });
  }
}

/** Replaces the tags of the object as it is now; an empty set removes the attribute. */
export async function putObjectTagging(ctx: PosixContext, input: PutObjectTaggingInput): Promise<void> {
  try {
    await withObject(ctx, input, async ({ file }) => {
      const io = fdAttrs(ctx.native, file.fd);
      if (Object.keys(input.tags).length === 0) await io.remove(XATTR.tagging);
      else await setAttr(io, XATTR.tagging, encodeTagging(input.tags));
    });
  } catch (err) {
    throw toS3Error(err, { op: 'write', key: input.key });
  }
}
