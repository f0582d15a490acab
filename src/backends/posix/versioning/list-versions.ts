import * as path from 'node:path';
import type { ListObjectVersionsInput, ListObjectVersionsOutput, ObjectSummary, ObjectVersionSummary } from '../../backend.types';
import { unquoteEtag } from '../../common/etag';
import type { PosixContext } from '../context';
import { compareKeys } from '../listing/key-order';
import { listObjectsPosix } from '../listing/list-objects-posix';
import { readCurrentVersion } from './current-version';
import { NULL_VERSION } from './version-layout';
import { XATTR } from '../posix-layout';
import { hasErrno } from '../errno';
import { decodeAcl } from '../acl-attr';

/** Keys of the bucket read per listing page while versions are gathered. */
const KEYS_PER_PAGE = 1000;

/** Every version of one key, newest first: the latest from the bucket, then the older ones (a leftover copy of the latest left out). */
async function versionsOfKey(ctx: PosixContext, bucketDir: string, bucket: string, latest: ObjectSummary, fetchOwner = false): Promise<ObjectVersionSummary[]> {
  const file = path.join(bucketDir, latest.key);
  const current = latest.key.endsWith('/') ? undefined : await readCurrentVersion(ctx.native, file);
  const latestId = current?.id ?? NULL_VERSION;
  const first: ObjectVersionSummary = { ...latest, versionId: latestId, isLatest: true, ...(current?.deleteMarker ? { deleteMarker: true as const } : {}) };
  const store = ctx.versioning?.store;
  if (store === undefined || current === undefined) return [first];
  const older = (await store.list(bucket, latest.key)).filter((v) => v.id !== latestId);
  const described = await Promise.all(
    older.map(async (v): Promise<ObjectVersionSummary | undefined> => {
      try {
        const [marker, etag, acl] = await Promise.all([
          store.isDeleteMarker(v.path),
          ctx.native.getXattr(v.path, XATTR.etag),
          fetchOwner ? ctx.native.getXattr(v.path, XATTR.acl) : undefined,
        ]);
        const owner = decodeAcl(acl)?.owner;
        return {
          key: latest.key,
          versionId: v.id,
          isLatest: false,
          lastModified: new Date(v.mtimeMs),
          etag: etag === undefined ? '' : unquoteEtag(etag.toString('utf8')),
          size: marker ? 0 : v.size,
          ...(marker ? { deleteMarker: true as const } : {}),
          ...(owner !== undefined ? { owner } : {}),
        };
      } catch (err) {
        if (hasErrno(err, 'ENOENT')) return undefined; // removed since it was listed
        throw err;
      }
    }),
  );
  return [first, ...described.filter((v): v is ObjectVersionSummary => v !== undefined)];
}

type Row = { prefix: string } | { object: ObjectSummary };
const rowKey = (row: Row): string => ('prefix' in row ? row.prefix : row.object.key);

/**
 * ListObjectVersions over a bucket directory and the versioning directory: the bucket's keys in
 * S3's order (their latest versions, delete markers included, and common prefixes), each key's
 * versions newest first. max-keys counts versions, delete markers and common prefixes alike; a
 * page that ends inside a key's versions resumes there by version-id-marker.
 */
export async function listVersionsPosix(ctx: PosixContext, bucketDir: string, bucket: string, input: ListObjectVersionsInput): Promise<ListObjectVersionsOutput> {
  const out: ListObjectVersionsOutput = { versions: [], commonPrefixes: [], isTruncated: false };
  let room = input.maxKeys;
  if (room === 0) return out;
  let last: { key: string; versionId?: string } | undefined;
  const full = (): boolean => room === 0;

  const emitVersions = (versions: ObjectVersionSummary[]): boolean => {
    for (const version of versions) {
      if (full()) return false;
      out.versions.push(version);
      last = { key: version.key, versionId: version.versionId };
      room--;
    }
    return true;
  };

  let marker = input.keyMarker;
  if (input.versionIdMarker !== undefined && input.keyMarker !== '') {
    // The marker's key first, from just after the version named.
    const page = await listObjectsPosix(bucketDir, ctx.native, { bucket, prefix: input.keyMarker, delimiter: '', marker: '', maxKeys: 1, fetchOwner: input.fetchOwner });
    const object = page.objects[0];
    if (object !== undefined && object.key === input.keyMarker) {
      const versions = await versionsOfKey(ctx, bucketDir, bucket, object, input.fetchOwner);
      const at = versions.findIndex((v) => v.versionId === input.versionIdMarker);
      if (!emitVersions(at < 0 ? [] : versions.slice(at + 1))) return truncated(out, last);
    }
    if (full()) {
      // The page ended with the marker's key: truncated only if any key or prefix follows it.
      const next = await listObjectsPosix(bucketDir, ctx.native, { bucket, prefix: input.prefix, delimiter: input.delimiter, marker, maxKeys: 1 });
      return next.objects.length + next.commonPrefixes.length > 0 ? truncated(out, last) : out;
    }
  }

  for (;;) {
    const page = await listObjectsPosix(bucketDir, ctx.native, { bucket, prefix: input.prefix, delimiter: input.delimiter, marker, maxKeys: Math.min(KEYS_PER_PAGE, room), fetchOwner: input.fetchOwner });
    const rows: Row[] = [...page.objects.map((object) => ({ object })), ...page.commonPrefixes.map((prefix) => ({ prefix }))];
    rows.sort((a, b) => compareKeys(rowKey(a), rowKey(b)));
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (full()) return truncated(out, last);
      if ('prefix' in row) {
        out.commonPrefixes.push(row.prefix);
        last = { key: row.prefix };
        room--;
        continue;
      }
      if (!emitVersions(await versionsOfKey(ctx, bucketDir, bucket, row.object, input.fetchOwner))) return truncated(out, last);
    }
    if (!page.isTruncated || page.nextMarker === undefined) return out;
    if (full()) return truncated(out, last);
    marker = page.nextMarker;
  }
}

function truncated(out: ListObjectVersionsOutput, last: { key: string; versionId?: string } | undefined): ListObjectVersionsOutput {
  out.isTruncated = true;
  if (last !== undefined) {
    out.nextKeyMarker = last.key;
    if (last.versionId !== undefined) out.nextVersionIdMarker = last.versionId;
  }
  return out;
}
