import { randomBytes } from 'node:crypto';
import { Crc32c } from '@aws-crypto/crc32c';
import { Crc64Nvme } from '@aws-sdk/crc64-nvme';
import { createChecksumHasher } from '../s3/auth/checksum';
import { loadNativeAddon } from './native-addon';
import type { NativeChecksums } from './native-checksums.types';

// Against the real addon (a missing build fails here on purpose) and the npm packages it replaces.
describe('native CRC-32C and CRC-64/NVME', () => {
  let native: NativeChecksums;
  beforeAll(() => {
    native = loadNativeAddon();
  });

  const packageCrc32c = (data: Buffer): number => new Crc32c().update(data).digest() >>> 0;
  async function packageCrc64nvme(data: Buffer): Promise<bigint> {
    const c = new Crc64Nvme();
    c.update(data);
    return Buffer.from(await c.digest()).readBigUInt64BE();
  }
  /** `data` cut at these lengths, the way a stream delivers it. */
  const chunksOf = (data: Buffer, sizes: number[]): Buffer[] => {
    const chunks: Buffer[] = [];
    let at = 0;
    for (const size of sizes) chunks.push(data.subarray(at, (at += size)));
    chunks.push(data.subarray(at));
    return chunks;
  };

  it('gives the catalogue check values of "123456789", and the empty input', () => {
    const check = Buffer.from('123456789');
    expect(native.crc32c(check, 0)).toBe(0xe3069283);
    expect(native.crc64nvme(check, 0n)).toBe(0xae8b14860a799888n);
    expect(native.crc32c(Buffer.alloc(0), 0)).toBe(0);
    expect(native.crc64nvme(Buffer.alloc(0), 0n)).toBe(0n);
  });

  it('agrees with the npm packages on random data cut anywhere, continuing from the previous value', async () => {
    const data = randomBytes(3 * 65536 + 13);
    // Chunks of every length mod 8, empty ones, and one starting at an odd address.
    const chunks = chunksOf(data, [0, 1, 7, 8, 9, 65536, 3, 0, 65536 + 5]);
    let c32 = 0;
    let c64 = 0n;
    for (const chunk of chunks) {
      c32 = native.crc32c(chunk, c32);
      c64 = native.crc64nvme(chunk, c64);
    }
    expect(c32).toBe(packageCrc32c(data));
    expect(c64).toBe(await packageCrc64nvme(data));
    expect(native.crc32c(new Uint8Array(data), 0)).toBe(c32);
  });

  it('throws a TypeError on arguments of the wrong type', () => {
    const loose = native as unknown as { crc32c(...args: unknown[]): unknown; crc64nvme(...args: unknown[]): unknown };
    // The addon's errors come from Node's realm, not jest's sandbox: compare name and code, not the class.
    const thrown = (call: () => unknown): unknown => {
      try {
        call();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const typeError = (message: RegExp) => expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: expect.stringMatching(message) });
    expect(thrown(() => loose.crc32c('text', 0))).toEqual(typeError(/Buffer or Uint8Array/));
    expect(thrown(() => loose.crc32c(undefined, 0))).toEqual(typeError(/Buffer or Uint8Array/));
    expect(thrown(() => loose.crc32c(Buffer.from('x'), 'seed'))).toEqual(typeError(/value must be a number/));
    expect(thrown(() => loose.crc64nvme(Buffer.from('x'), 1))).toEqual(typeError(/bigint/));
    expect(thrown(() => loose.crc64nvme(Buffer.from('x'), 1n << 64n))).toEqual(typeError(/64 bits/));
  });

  it.each(['crc32c', 'crc64nvme'] as const)('the %s hasher S3 requests use gives the packages\' base64 digest', async (algorithm) => {
    const data = randomBytes(200_000);
    const hasher = createChecksumHasher(algorithm);
    for (const chunk of chunksOf(data, [1, 65536, 4095])) hasher.update(chunk);
    const expected = Buffer.alloc(algorithm === 'crc32c' ? 4 : 8);
    if (algorithm === 'crc32c') expected.writeUInt32BE(packageCrc32c(data));
    else expected.writeBigUInt64BE(await packageCrc64nvme(data));
    expect(await hasher.digestBase64()).toBe(expected.toString('base64'));
  });
});
