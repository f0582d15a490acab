import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isLocalFileSystem, RootDirectory } from '../../../src/backends/posix/root-directory';

describe('RootDirectory.opensFromMemory: the main-thread open only on local file systems', () => {
  it('knows ext4, XFS, Btrfs, tmpfs and overlayfs as local, and NFS, SMB and FUSE as not', () => {
    for (const local of [0xef53, 0x58465342, 0x9123683e, 0x01021994, 0x794c7630]) expect(isLocalFileSystem(local)).toBe(true);
    for (const remote of [0x6969, 0xfe534d42, 0xff534d42, 0x65735546]) expect(isLocalFileSystem(remote)).toBe(false);
  });

  it('answers for the file system the root is on', () => {
    const root = new RootDirectory(tmpdir());
    expect(root.opensFromMemory()).toBe(isLocalFileSystem(statfsSync(tmpdir()).type));
  });
});
