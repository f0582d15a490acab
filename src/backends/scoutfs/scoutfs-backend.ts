import type { NativeScoutfs } from '../../native/native-scoutfs.types';
import type { BackendType } from '../backend';
import type { NativeFs } from '../posix/native.types';
import { PosixBackend, type PosixBackendOptions } from '../posix/posix-backend';
import { type BlockMover, scoutfsBlockMover } from './block-mover';
import { movingAssembly } from './moving-assembly';

export interface ScoutfsBackendOptions extends Omit<PosixBackendOptions, 'partAssembly'> {
  /**
   * What moves the blocks: ScoutFS's move-blocks ioctl unless the process starting the gateway
   * supplies another (a crash test's stand-in: ScoutFS cannot run on the test machines).
   */
  blockMover?: BlockMover;
}

/**
 * VersityGW's scoutfs backend: the posix backend (same tree, attributes and behaviour) whose
 * CompleteMultipartUpload moves the parts' blocks into the object with ScoutFS's move-blocks
 * ioctl instead of copying them; on any other file system the ioctl is refused and the parts
 * are copied in user space (docs/backends.md, "scoutfs").
 */
export class ScoutfsBackend extends PosixBackend {
  override readonly type: BackendType = 'scoutfs';

  constructor(root: string, native: NativeFs & NativeScoutfs, options: ScoutfsBackendOptions = {}) {
    const { blockMover, ...posix } = options;
    super(root, native, { ...posix, partAssembly: movingAssembly(blockMover ?? scoutfsBlockMover(native)) });
  }
}
