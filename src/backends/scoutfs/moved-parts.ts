import { promises as fsp } from 'node:fs';
import { hasErrno } from '../posix/errno';
import { partPath } from '../posix/multipart/layout';
import type { NativeFs } from '../posix/native.types';
import type { BlockMover } from './block-mover';

/**
 * Set on a part just before its blocks are moved into the object's assembly file: where they go
 * (`{"offset", "size"}`). The part itself records the move, so a crash at any point leaves, for
 * every part, either its blocks or a mark saying where they are (an attribute per part: one list
 * for 10,000 parts would not fit the 4 KiB an ext4 attribute holds). tracegw's own; VersityGW
 * ignores it.
 */
export const MOVED_TO_XATTR = 'user.tracegw.moved-to';

export interface MoveMark {
  offset: number;
  size: number;
}

export function markPart(native: NativeFs, partFd: number, mark: MoveMark): Promise<void> {
  return native.fsetXattr(partFd, MOVED_TO_XATTR, Buffer.from(JSON.stringify(mark)));
}

export async function readMark(native: NativeFs, file: string): Promise<MoveMark | undefined> {
  const raw = await native.getXattr(file, MOVED_TO_XATTR).catch((err: unknown) => (hasErrno(err, 'ENOENT', 'ENOTDIR') ? undefined : Promise.reject(err)));
  if (raw === undefined) return undefined;
  const parsed = JSON.parse(raw.toString('utf8')) as Partial<MoveMark>;
  if (typeof parsed.offset !== 'number' || typeof parsed.size !== 'number') throw new Error(`unreadable ${MOVED_TO_XATTR} on ${file}`);
  return { offset: parsed.offset, size: parsed.size };
}

export const unmarkPart = (native: NativeFs, file: string): Promise<void> => native.removeXattr(file, MOVED_TO_XATTR);

/**
 * Gives every marked part among `partNumbers` its blocks back from the assembly file, then drops
 * its mark: the mark goes last, so a crash here leaves the part to be given back again (a move
 * back asked twice moves nothing the second time). Resolves how many parts were given back.
 */
export async function giveBackParts(native: NativeFs, mover: BlockMover, uploadDir: string, assemblyFd: number, partNumbers: readonly number[]): Promise<number> {
  let given = 0;
  for (const partNumber of partNumbers) {
    const file = partPath(uploadDir, partNumber);
    const mark = await readMark(native, file);
    if (mark === undefined) continue;
    const part = await fsp.open(file, 'r+');
    try {
      await mover.moveBack(assemblyFd, mark.offset, mark.size, { fd: part.fd, path: file });
    } finally {
      await part.close();
    }
    await unmarkPart(native, file);
    given++;
  }
  return given;
}
