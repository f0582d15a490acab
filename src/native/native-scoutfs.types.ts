/** The layout of ScoutFS's `struct scoutfs_ioctl_move_blocks` as the addon was compiled with it. */
export interface MoveBlocksLayout {
  /** sizeof the struct. */
  size: number;
  /** sizeof one field (every field is a __u64). */
  fieldSize: number;
  /** offsetof each field, by its name in ScoutFS's kmod/src/ioctl.h. */
  offsets: Record<'from_fd' | 'from_off' | 'len' | 'to_off' | 'data_version' | 'flags', number>;
  /** SCOUTFS_IOC_MOVE_BLOCKS, the ioctl request number. */
  request: number;
}

/** The addon's ScoutFS call (native/src/scoutfs_move_blocks.c). */
export interface NativeScoutfs {
  /**
   * SCOUTFS_IOC_MOVE_BLOCKS on `toFd`: moves the extents of fromFd's [fromOff, fromOff + length)
   * to toFd at toOff, emptying them from the source (holes; its size stays). Resolves false where
   * the file system has no such ioctl or refuses the range (ENOTTY, EOPNOTSUPP, EINVAL, EXDEV);
   * rejects on other failures. Called again after an interruption, it moves what is left.
   */
  moveBlocks(fromFd: number, fromOff: number, length: number, toFd: number, toOff: number): Promise<boolean>;
  /** For the test that holds the compiled layout against ScoutFS's header. */
  moveBlocksLayout(): MoveBlocksLayout;
}
