import type { PausePoints } from '../../pause-points';
import type { PosixContext } from '../context';
import type { BucketVersioningStates } from './bucket-versioning';
import type { KeyLocks } from './key-locks';
import type { VersionStore } from './version-store';

/** What the versioned paths of the posix backend need; absent from PosixContext without --versioning-dir. */
export interface PosixVersioning {
  readonly states: BucketVersioningStates;
  readonly store: VersionStore;
  readonly locks: KeyLocks;
  /** Steps at which a crash test stops a versioned write (`version:archived`). */
  readonly pauses: PausePoints;
  /** The versioning directory as a posix root whose "buckets" hold older versions, for reads through openObject. */
  readonly versionsRoot: PosixContext;
}
