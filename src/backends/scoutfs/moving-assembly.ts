import { fstat as fstatCb, ftruncate as ftruncateCb } from 'node:fs';
import { promisify } from 'node:util';
import { S3Error } from '../../s3/errors/s3-error';
import { hasErrno } from '../posix/errno';
import type { PartMover } from '../posix/multipart/assemble-parts';
import { partPath } from '../posix/multipart/layout';
import type { Assembly, PartAssembly } from '../posix/multipart/part-assembly';
import { isGone } from '../posix/multipart/upload-location';
import { TempObjectFile } from '../posix/tmp-file';
import { assemblyPath, stillUnpublished, writePlan } from './assembly-file';
import { recoverAssembly } from './assembly-recovery';
import { type BlockMover, SCOUTFS_BLOCK } from './block-mover';
import { giveBackParts, markPart, unmarkPart } from './moved-parts';

const fstat = promisify(fstatCb);
const ftruncate = promisify(ftruncateCb);

const sizeOf = async (fd: number): Promise<number> => (await fstat(fd)).size;

/**
 * CompleteMultipartUpload by block moves (the scoutfs backend): each part's blocks are moved
 * into the assembly file, in part order, after the part is marked with where they go; a part the
 * mover cannot take (another file system, off ScoutFS's 4 KiB grid) is copied, and so is every
 * part after a refusal by the file system. A failure before the rename gives the moved blocks
 * back; a crash leaves the marks and the file for recovery (assembly-recovery.ts).
 */
export function movingAssembly(mover: BlockMover): PartAssembly {
  return {
    async open(ctx, upload, key, plan, trace): Promise<Assembly> {
      const { uploadDir } = upload.paths;
      const file = assemblyPath(uploadDir);
      let tmp: TempObjectFile;
      try {
        tmp = await TempObjectFile.create(ctx.native, file, upload.op.bucket, key, trace);
      } catch (err) {
        // Another CompleteMultipartUpload of this upload is moving its parts (or crashed doing so, until recovery).
        if (hasErrno(err, 'EEXIST')) throw new S3Error('OperationAborted');
        if (isGone(err)) throw new S3Error('NoSuchUpload');
        throw err;
      }
      try {
        await writePlan(ctx.native, tmp.fd, plan);
      } catch (err) {
        await tmp.dispose();
        throw err;
      }
      const marked: number[] = [];
      let movesHere = true;
      const partMover: PartMover = {
        async move(part, source, fdOut, offset, last) {
          if (!movesHere || offset % SCOUTFS_BLOCK !== 0 || (!last && part.size % SCOUTFS_BLOCK !== 0)) return false;
          const partFile = partPath(uploadDir, part.partNumber);
          await markPart(ctx.native, source.fd, { offset, size: part.size });
          marked.push(part.partNumber);
          await ctx.pauses.reached('move:marked');
          const before = await sizeOf(fdOut);
          if (!(await mover.move({ fd: source.fd, path: partFile }, part.size, fdOut, offset))) {
            // Refused before anything moved (the file did not grow): the part is whole, copy it.
            if ((await sizeOf(fdOut)) !== before) throw Object.assign(new Error(`block move of part ${part.partNumber} refused half way`), { code: 'EIO' });
            movesHere = false;
            await unmarkPart(ctx.native, partFile);
            marked.pop();
            return false;
          }
          // Moved extents set the size up to the last one: a part ending in a hole would leave the object short.
          if ((await sizeOf(fdOut)) < offset + part.size) await ftruncate(fdOut, offset + part.size);
          await ctx.pauses.reached('move:moved');
          return true;
        },
      };
      return {
        tmp,
        mover: partMover,
        async giveBack() {
          // Published already (the failure came after the rename): the blocks are the object's.
          if (marked.length === 0 || !(await stillUnpublished(tmp.fd, file, upload.op.path))) return;
          await giveBackParts(ctx.native, mover, uploadDir, tmp.fd, marked);
        },
      };
    },
    recover: (ctx, bucket, found) => recoverAssembly(ctx, mover, bucket, found),
  };
}
