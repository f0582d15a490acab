import { fstat as fstatCb, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { hasErrno } from '../posix/errno';
import type { CompletionMarker } from '../posix/multipart/completion-marker';
import type { NativeFs } from '../posix/native.types';

const fstat = promisify(fstatCb);

/**
 * The scoutfs backend assembles an object in `<upload dir>/.tracegw-assembly`, not in an unnamed
 * O_TMPFILE nor in `.sgwtmp` (whose leftovers start-up removes): the file holds the parts' moved
 * blocks, so it must survive a crash, under a name recovery finds. Created exclusively, it is also
 * what keeps a second CompleteMultipartUpload of the upload from moving the same parts. Part
 * listings skip it (not a part number).
 */
export const ASSEMBLY_FILE = '.tracegw-assembly';

/** On the assembly file from its creation: what the object will be (ETag, size, part count), for the recovery report. */
export const ASSEMBLING_XATTR = 'user.tracegw.assembling';

export const assemblyPath = (uploadDir: string): string => path.join(uploadDir, ASSEMBLY_FILE);

export function writePlan(native: NativeFs, fd: number, plan: CompletionMarker): Promise<void> {
  return native.fsetXattr(fd, ASSEMBLING_XATTR, Buffer.from(JSON.stringify(plan)));
}

/** The plan, or zeros when a crash came between the file's creation and its attribute (nothing moved then). */
export async function readPlan(native: NativeFs, fd: number): Promise<CompletionMarker> {
  const raw = await native.fgetXattr(fd, ASSEMBLING_XATTR);
  const parsed = raw === undefined ? {} : (JSON.parse(raw.toString('utf8')) as Partial<CompletionMarker>);
  return { etag: parsed.etag ?? '', size: parsed.size ?? 0, partCount: parsed.partCount ?? 0 };
}

/**
 * Whether `file` still names the open assembly `fd` and nothing else does at `objectPath`: not yet
 * published. (If-None-Match publishes by a link and then removes the assembly name, so for a
 * moment both name the object.)
 */
export async function stillUnpublished(fd: number, file: string, objectPath: string): Promise<boolean> {
  const mine = await fstat(fd);
  const sameFile = async (name: string): Promise<boolean> => {
    try {
      const stat = await fsp.lstat(name);
      return stat.ino === mine.ino && stat.dev === mine.dev;
    } catch (err) {
      if (hasErrno(err, 'ENOENT', 'ENOTDIR')) return false;
      throw err;
    }
  };
  return (await sameFile(file)) && !(await sameFile(objectPath));
}
