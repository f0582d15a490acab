import { createHash, randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadNativeFs } from '../../../src/backends/posix/native/native-fs';

const MiB = 1024 * 1024;

/** The upload the scoutfs specs complete by block moves (the stand-in mover's). */
export const BUCKET = 'moves';
export const KEY = 'moved/object.bin';
/** Whole 4 KiB blocks but the last, so every part's blocks are moved (none copied). */
export const PARTS = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(2 * MiB + 123)];
/** [part number, size], as ListParts shows them. */
export const PART_SIZES = PARTS.map((part, i) => [i + 1, part.length]);
export const WHOLE_OBJECT = Buffer.concat(PARTS);

const md5 = (data: Buffer): Buffer => createHash('md5').update(data).digest();
/** S3's multipart ETag: the MD5 of the parts' MD5s, and their count. */
export const MULTIPART_ETAG = `"${md5(Buffer.concat(PARTS.map(md5))).toString('hex')}-${PARTS.length}"`;

/** The scoutfs backend's mark on a part whose blocks are (being) moved (src/backends/scoutfs/moved-parts.ts). */
const MOVED_TO_XATTR = 'user.tracegw.moved-to';

/** The upload's directory and parts as the file system holds them, under the gateway's `root`. */
export function uploadOnDisk(root: string, uploadId: string) {
  const dir = join(root, BUCKET, '.sgwtmp', 'multipart', createHash('sha256').update(KEY).digest('hex'), uploadId);
  const parts = PARTS.map((_part, i) => join(dir, String(i + 1)));
  return {
    dir,
    /** Each part file's size: 0 once the stand-in moved its blocks. */
    sizes: (): Promise<number[]> => Promise.all(parts.map(async (file) => (await stat(file)).size)),
    /** Whether each part carries the mark of a move. */
    marks: (): Promise<boolean[]> => Promise.all(parts.map(async (file) => (await loadNativeFs().getXattr(file, MOVED_TO_XATTR)) !== undefined)),
    /** The directory's entries, sorted: the parts alone once nothing of a completion is left. */
    entries: async (): Promise<string[]> => (await readdir(dir)).sort(),
  };
}
