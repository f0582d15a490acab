import { loadNativeAddon } from '../../../src/native/native-addon';

/**
 * ScoutFS's published kmod/src/ioctl.h (github.com/versity/scoutfs) declares
 *   struct scoutfs_ioctl_move_blocks { __u64 from_fd, from_off, len, to_off, data_version, flags; };
 *   #define SCOUTFS_IOC_MOVE_BLOCKS _IOW(SCOUTFS_IOCTL_MAGIC, 13, struct scoutfs_ioctl_move_blocks)
 * with SCOUTFS_IOCTL_MAGIC 0xE8. The kernel reads exactly these bytes: the addon's copy must agree.
 */
const HEADER_FIELDS = ['from_fd', 'from_off', 'len', 'to_off', 'data_version', 'flags'] as const;
const U64 = 8;
// _IOW: direction write (1) in bits 30-31, size in bits 16-29, magic in 8-15, number in 0-7.
const IOW = (magic: number, nr: number, size: number): number => ((1 << 30) >>> 0) + (size << 16) + (magic << 8) + nr;

describe('the addon\'s SCOUTFS_IOC_MOVE_BLOCKS argument', () => {
  const layout = loadNativeAddon().moveBlocksLayout();

  it('lays the fields out as the header declares them: six __u64 in order, no padding', () => {
    expect(layout.fieldSize).toBe(U64);
    expect(layout.size).toBe(HEADER_FIELDS.length * U64);
    expect(layout.offsets).toEqual(Object.fromEntries(HEADER_FIELDS.map((name, index) => [name, index * U64])));
  });

  it('asks for the header\'s request number, _IOW(0xE8, 13, sizeof struct)', () => {
    expect(layout.request).toBe(IOW(0xe8, 13, HEADER_FIELDS.length * U64));
    expect(layout.request).toBe(0x4030e80d);
  });
});
