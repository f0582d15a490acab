import { fstatSync, mkdtempSync, openSync, constants as fsc, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUCKET_DIRECTORY_TTL_MS, BucketDirectories } from '../../../src/backends/posix/bucket-directories';
import type { NativeFs } from '../../../src/backends/posix/native.types';

describe('BucketDirectories: bucket directories held open for a while', () => {
  let dir: string;
  let opens: string[];
  let native: NativeFs;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tracegw-buckets-'));
    opens = [];
    native = {
      openBucketCached: (_rootFd: number, bucket: string) => {
        opens.push(bucket);
        return bucket === 'cold' ? undefined : openSync(dir, fsc.O_RDONLY | fsc.O_DIRECTORY);
      },
    } as unknown as NativeFs;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const isOpen = (fd: number): boolean => {
    try {
      fstatSync(fd);
      return true;
    } catch {
      return false;
    }
  };

  it('opens a bucket once within its time, again after it, and closes what it lets go', () => {
    let now = 1_000_000;
    const buckets = new BucketDirectories(() => now);
    const first = buckets.fd(native, 0, 'b') as number;
    expect(buckets.fd(native, 0, 'b')).toBe(first);
    now += BUCKET_DIRECTORY_TTL_MS;
    const second = buckets.fd(native, 0, 'b') as number;
    expect(opens).toEqual(['b', 'b']);
    expect(isOpen(second)).toBe(true);
    buckets.forget('b');
    expect(isOpen(second)).toBe(false);
    expect(buckets.fd(native, 0, 'cold')).toBeUndefined();
    buckets.closeAll();
  });

  it('holds at most 256 buckets, closing the oldest first', () => {
    const buckets = new BucketDirectories(() => 0);
    const first = buckets.fd(native, 0, 'b0') as number;
    for (let i = 1; i < 256; i++) buckets.fd(native, 0, `b${i}`);
    expect(isOpen(first)).toBe(true);
    buckets.fd(native, 0, 'b256');
    expect(isOpen(first)).toBe(false);
    buckets.closeAll();
  });
});
