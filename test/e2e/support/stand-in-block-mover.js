// A stand-in for ScoutFS's move-blocks ioctl, for the scoutfs backend's kill -9 tests
// (test/e2e/scoutfs/move-crash.e2e.spec.ts): ScoutFS cannot run on the test machines, and on
// any other file system the ioctl is refused, so without a stand-in the block move and its
// recovery never run there. It keeps the ioctl's promise that the backend relies on (every
// byte of a part is in the part or in the object's assembly file, and a move or a move back
// asked again after an interruption finishes it) by copying, then emptying the source:
// - move: copies the part into the assembly file, syncs that, then truncates the part to nothing.
//   The truncation is the move's commit point: a whole part has not moved (whatever the
//   assembly file holds of it), an empty one has. ScoutFS instead leaves holes at the same
//   size; the backend's recovery never reads a part's size, it reads the part's mark.
// - moveBack: copies the range back into the part unless the part is whole already, and syncs
//   it. The assembly file keeps its copy: every give-back is followed by that file's removal.
//   The ioctl takes its source descriptor in any mode, and CompleteMultipartUpload's own
//   give-back hands it the assembly file open write-only: the copy reads through a second,
//   read-only descriptor of the same file (/proc/self/fd).
// `pause(point)` lets a test stop it for good at 'stand-in:copied' (a move's bytes copied, the
// part not yet emptied: the moment a real ioctl has moved some extents and not others), at
// 'stand-in:half-given-back' (a move back half done: the part holds its first half again) and at
// 'stand-in:given-back' (the part whole again, the backend not yet told: its mark is still on).
const { fdatasync, fstat, read, write } = require('node:fs');
const { open, truncate } = require('node:fs/promises');
const { Buffer } = require('node:buffer');
const { promisify } = require('node:util');

const readAt = promisify(read);
const writeAt = promisify(write);
const sync = promisify(fdatasync);
const stat = promisify(fstat);

const CHUNK = 1024 * 1024;

async function copyRange(fromFd, fromOffset, size, toFd, toOffset) {
  const buffer = Buffer.allocUnsafe(CHUNK);
  for (let done = 0; done < size; ) {
    const { bytesRead } = await readAt(fromFd, buffer, 0, Math.min(CHUNK, size - done), fromOffset + done);
    if (bytesRead === 0) throw Object.assign(new Error(`stand-in mover: source ends ${size - done} bytes early`), { code: 'EIO' });
    for (let written = 0; written < bytesRead; ) {
      const { bytesWritten } = await writeAt(toFd, buffer, written, bytesRead - written, toOffset + done + written);
      written += bytesWritten;
    }
    done += bytesRead;
  }
  await sync(toFd);
}

/** A BlockMover (src/backends/scoutfs/block-mover.ts) that runs on any file system. */
function standInBlockMover(pause) {
  return {
    async move(from, size, toFd, toOffset) {
      await copyRange(from.fd, 0, size, toFd, toOffset);
      await pause('stand-in:copied');
      // By its name: the part is open read-only, as ScoutFS's ioctl takes its source.
      await truncate(from.path, 0);
      return true;
    },
    async moveBack(fromFd, fromOffset, size, to) {
      if ((await stat(to.fd)).size === size) return;
      const from = await open(`/proc/self/fd/${fromFd}`, 'r');
      try {
        // In two halves, with a pause point between them: a part half given back.
        const half = Math.floor(size / 2);
        await copyRange(from.fd, fromOffset, half, to.fd, 0);
        await pause('stand-in:half-given-back');
        await copyRange(from.fd, fromOffset + half, size - half, to.fd, half);
      } finally {
        await from.close();
      }
      await pause('stand-in:given-back');
    },
  };
}

module.exports = { standInBlockMover };
