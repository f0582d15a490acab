import { closeSync, constants as fsc, openSync, statfsSync } from 'node:fs';

/**
 * The root directory held open for the gateway's lifetime: every bucket is resolved beneath this
 * descriptor by openat2, so a root that is a symlink is followed once, at first use, and the
 * kernel keeps each lookup inside it. Opened on first use: backends are built before the root
 * need exist for every caller (tests build them over directories made later).
 */
/**
 * Local file systems (statfs f_type), whose open and fstat of a cached name never wait on a
 * device or a server: ext2/3/4, XFS, Btrfs, tmpfs, overlayfs, F2FS, ZFS, bcachefs. On NFS, SMB
 * or FUSE an open revalidates with the server even when the name is in the dentry cache, which
 * would stall the event loop.
 */
const LOCAL_FILE_SYSTEMS: ReadonlySet<number> = new Set([0xef53, 0x58465342, 0x9123683e, 0x01021994, 0x794c7630, 0xf2f52010, 0x2fc12fc1, 0xca451a4e]);

export function isLocalFileSystem(type: number): boolean {
  return LOCAL_FILE_SYSTEMS.has(type);
}

export class RootDirectory {
  private descriptor: number | undefined;
  private local: boolean | undefined;

  constructor(private readonly root: string) {}

  fd(): number {
    this.descriptor ??= openSync(this.root, fsc.O_RDONLY | fsc.O_DIRECTORY);
    return this.descriptor;
  }

  /** Whether objects under the root may be opened on the main thread when in memory: a local file system. */
  opensFromMemory(): boolean {
    this.local ??= isLocalFileSystem(statfsSync(this.root).type);
    return this.local;
  }

  close(): void {
    if (this.descriptor !== undefined) closeSync(this.descriptor);
    this.descriptor = undefined;
  }
}
