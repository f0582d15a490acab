import { promises as fsp } from 'node:fs';
import type { InterruptedCompletion, UploadInput } from '../backend.types';
import { clearMarker, readMarker } from '../posix/multipart/completion-marker';
import { partPath } from '../posix/multipart/layout';
import { partNumbers } from '../posix/multipart/list-parts';
import { isGone, type MultipartContext } from '../posix/multipart/upload-location';
import type { FoundUpload } from '../posix/multipart/upload-tree';
import { resolveObjectPath } from '../posix/paths';
import { assemblyPath, readPlan, stillUnpublished } from './assembly-file';
import type { BlockMover } from './block-mover';
import { giveBackParts, readMark } from './moved-parts';

/**
 * No assembly file, but the completion marker: published. Parts marked as moved are empty now,
 * so the upload is finished whatever the object at the key has become since (posix's rule of
 * comparing it would roll an emptied upload back if another writer replaced the object).
 */
async function publishedWithMovedParts(ctx: MultipartContext, upload: UploadInput, uploadDir: string): Promise<InterruptedCompletion | undefined> {
  const marker = await readMarker(ctx.native, uploadDir);
  if (marker === undefined) return undefined;
  for (const partNumber of await partNumbers(uploadDir)) {
    if (await readMark(ctx.native, partPath(uploadDir, partNumber))) return { ...upload, ...marker, outcome: 'finished' };
  }
  return undefined;
}

/**
 * What a crash left of a completion by block moves, at start-up (before the posix marker rules):
 * an assembly file not yet published gives every marked part its blocks back and goes, so the
 * upload is whole and the client may complete again; one already published (linked at the key)
 * is the finished object. Each step can be interrupted and run again.
 */
export async function recoverAssembly(ctx: MultipartContext, mover: BlockMover, bucket: string, found: FoundUpload): Promise<InterruptedCompletion | undefined> {
  const upload = { bucket, key: found.key, uploadId: found.uploadId };
  const file = assemblyPath(found.uploadDir);
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, 'r');
  } catch (err) {
    if (isGone(err)) return publishedWithMovedParts(ctx, upload, found.uploadDir);
    throw err;
  }
  let outcome: InterruptedCompletion;
  try {
    const plan = await readPlan(ctx.native, handle.fd);
    const objectPath = resolveObjectPath(ctx.root, bucket, found.key).path;
    if (await stillUnpublished(handle.fd, file, objectPath)) {
      await giveBackParts(ctx.native, mover, found.uploadDir, handle.fd, await partNumbers(found.uploadDir));
      outcome = { ...upload, ...plan, outcome: 'rolled-back' };
    } else {
      outcome = { ...upload, ...plan, outcome: 'finished' };
    }
  } finally {
    await handle.close();
  }
  await fsp.unlink(file);
  if (outcome.outcome === 'rolled-back') await clearMarker(ctx.native, found.uploadDir);
  return outcome;
}
