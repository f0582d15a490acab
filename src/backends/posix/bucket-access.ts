import { type BucketAccessChange, type BucketAccessConfig, type BucketInput, isObjectOwnership, type ObjectOwnership, type PublicAccessBlock } from '../backend.types';
import { decodeAcl, encodeAcl } from './acl-attr';
import { type PosixContext, realBucket } from './context';
import { toS3Error } from './errno';
import { pathAttrs, setAttr } from './object-attrs';
import { bucketDir } from './paths';
import { XATTR } from './posix-layout';

const PAB_FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

function decodeOwnership(raw: Buffer | undefined): ObjectOwnership | undefined {
  const value = raw?.toString('utf8');
  return value !== undefined && isObjectOwnership(value) ? value : undefined;
}

/** Unreadable JSON counts as every flag set: a damaged block must not open the bucket up. */
function decodePublicAccessBlock(raw: Buffer | undefined): PublicAccessBlock | undefined {
  if (raw === undefined || raw.length === 0) return undefined;
  let stored: Record<string, unknown> = {};
  try {
    stored = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  } catch {
    PAB_FLAGS.forEach((flag) => (stored[flag] = true));
  }
  const block = {} as PublicAccessBlock;
  for (const flag of PAB_FLAGS) block[flag] = stored[flag] === true;
  return block;
}

/** The bucket's access settings from its directory's attributes (`attr` answers one by name). */
export function decodeBucketAccess(attr: (name: string) => Buffer | undefined): BucketAccessConfig {
  // A bucket without a readable ACL has no owner: only admins reach it, as before.
  const config: BucketAccessConfig = { acl: decodeAcl(attr(XATTR.acl)) ?? { owner: '', grants: [] } };
  const objectOwnership = decodeOwnership(attr(XATTR.ownership));
  if (objectOwnership !== undefined) config.ownership = objectOwnership;
  const block = decodePublicAccessBlock(attr(XATTR.publicAccessBlock));
  if (block !== undefined) config.publicAccessBlock = block;
  const policy = attr(XATTR.policy);
  if (policy !== undefined && policy.length > 0) config.policy = policy.toString('utf8');
  return config;
}

function encodeChange(change: BucketAccessChange): { name: string; value: Buffer | undefined } {
  switch (change.kind) {
    case 'acl':
      return { name: XATTR.acl, value: encodeAcl(change.value) };
    case 'ownership':
      return { name: XATTR.ownership, value: change.value === undefined ? undefined : Buffer.from(change.value) };
    case 'publicAccessBlock':
      return { name: XATTR.publicAccessBlock, value: change.value === undefined ? undefined : Buffer.from(JSON.stringify(change.value)) };
    case 'policy':
      return { name: XATTR.policy, value: change.value === undefined ? undefined : Buffer.from(change.value, 'utf8') };
  }
}

export async function changeBucketAccess(ctx: PosixContext, input: BucketInput & { change: BucketAccessChange }): Promise<void> {
  const dir = await realBucket(ctx, input.bucket, bucketDir(ctx.root, input.bucket));
  const { name, value } = encodeChange(input.change);
  try {
    const io = pathAttrs(ctx.native, dir);
    if (value === undefined) await io.remove(name);
    else await setAttr(io, name, value);
  } catch (err) {
    throw toS3Error(err, { op: 'bucket', bucket: input.bucket });
  }
}
