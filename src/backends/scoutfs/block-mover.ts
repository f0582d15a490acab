import type { NativeScoutfs } from '../../native/native-scoutfs.types';

/** One end of a block move: the descriptor it works on and the file's name, for movers that need it. */
export interface MoveEnd {
  fd: number;
  path: string;
}

/**
 * Moves file blocks from one file to another without copying them, as ScoutFS's move-blocks
 * ioctl does: each block is in the source or in the target, never lost and never in both, and
 * a move asked again after an interruption moves what is left.
 */
export interface BlockMover {
  /**
   * Moves the first `size` bytes of `from` into `toFd` at `toOffset` (a multiple of 4 KiB, as is
   * `size` unless it ends the source). False: this file system cannot, and nothing moved.
   */
  move(from: MoveEnd, size: number, toFd: number, toOffset: number): Promise<boolean>;
  /** Gives `to` back the `size` bytes that `move` put at `fromOffset` of `fromFd`; resumable as `move`. */
  moveBack(fromFd: number, fromOffset: number, size: number, to: MoveEnd): Promise<void>;
}

/** ScoutFS's block size (SCOUTFS_BLOCK_SM_SIZE): its moves work in whole blocks of it. */
export const SCOUTFS_BLOCK = 4096;

const wholeBlocks = (size: number): number => Math.ceil(size / SCOUTFS_BLOCK) * SCOUTFS_BLOCK;

/**
 * The ioctl, through the addon. Moving back asks for whole blocks: the object's file may end
 * before the part's last block was moved (a crash mid-move), and ScoutFS takes an unaligned
 * length only when it ends at the source's size; it moves only what lies within that size.
 */
export function scoutfsBlockMover(native: NativeScoutfs): BlockMover {
  return {
    move: (from, size, toFd, toOffset) => native.moveBlocks(from.fd, 0, size, toFd, toOffset),
    async moveBack(fromFd, fromOffset, size, to) {
      // False: no block move on this file system, so none was ever made and nothing is to give back.
      await native.moveBlocks(fromFd, fromOffset, wholeBlocks(size), to.fd, 0);
    },
  };
}
