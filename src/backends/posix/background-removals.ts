import { promises as fsp } from 'node:fs';
import type { PausePoints } from '../pause-points';

/**
 * Directories deleted after the response that made them obsolete. Unlinking the parts of a
 * 1 GiB upload takes a few hundred milliseconds (more where the file system discards freed
 * blocks at once), which a client completing or aborting the upload need not wait for. Each
 * directory was first renamed out of sight, so nobody sees it half removed; close() waits for
 * the deletions still going, and start-up deletes what a crash left (removeStaleTempFiles).
 */
export class BackgroundRemovals {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly log: (message: string) => void,
    private readonly pauses: PausePoints,
  ) {}

  remove(dir: string): void {
    const removal: Promise<void> = this.pauses
      .reached('removal:started')
      .then(() => fsp.rm(dir, { recursive: true, force: true }))
      .catch((error: unknown) => this.log(`${dir} not removed (start-up will retry): ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.pending.delete(removal));
    this.pending.add(removal);
  }

  /** Resolves once every deletion started so far has ended. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }
}
