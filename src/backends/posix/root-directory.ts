import { closeSync, constants as fsc, openSync } from 'node:fs';

/**
 * The root directory held open for the gateway's lifetime: every bucket is resolved beneath this
 * descriptor by openat2, so a root that is a symlink is followed once, at first use, and the
 * kernel keeps each lookup inside it. Opened on first use: backends are built before the root
 * need exist for every caller (tests build them over directories made later).
 */
export class RootDirectory {
  private descriptor: number | undefined;

  constructor(private readonly root: string) {}

  fd(): number {
    this.descriptor ??= openSync(this.root, fsc.O_RDONLY | fsc.O_DIRECTORY);
    return this.descriptor;
  }

  close(): void {
    if (this.descriptor !== undefined) closeSync(this.descriptor);
    this.descriptor = undefined;
  }
}
