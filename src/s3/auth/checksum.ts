import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { Crc32c } from '@aws-crypto/crc32c';
import { Crc64Nvme } from '@aws-sdk/crc64-nvme';
import { nativeAddonIfBuilt } from '../../native/native-addon';
import type { NativeChecksums } from '../../native/native-checksums.types';

/** The flexible checksums S3 accepts in x-amz-checksum-<algorithm>. */
export type ChecksumAlgorithm = 'crc32' | 'crc32c' | 'crc64nvme' | 'sha1' | 'sha256';

export const CHECKSUM_DIGEST_BYTES: Readonly<Record<ChecksumAlgorithm, number>> = {
  crc32: 4,
  crc32c: 4,
  crc64nvme: 8,
  sha1: 20,
  sha256: 32,
};

export const CHECKSUM_HEADER_PREFIX = 'x-amz-checksum-';

export function checksumAlgorithmFromHeader(headerName: string): ChecksumAlgorithm | undefined {
  const lower = headerName.toLowerCase();
  if (!lower.startsWith(CHECKSUM_HEADER_PREFIX)) return undefined;
  const alg = lower.slice(CHECKSUM_HEADER_PREFIX.length);
  return Object.prototype.hasOwnProperty.call(CHECKSUM_DIGEST_BYTES, alg) ? (alg as ChecksumAlgorithm) : undefined;
}

/** Well-formed means canonical base64 of exactly the algorithm's digest size. */
export function isWellFormedChecksum(algorithm: ChecksumAlgorithm, value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === CHECKSUM_DIGEST_BYTES[algorithm] && bytes.toString('base64') === value;
}

export interface ChecksumHasher {
  update(chunk: Buffer): void;
  /** Base64 of the digest, as S3 prints checksums. Async because crc64nvme's is. */
  digestBase64(): Promise<string>;
}

function uint32Base64(value: number): string {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(value >>> 0, 0);
  return b.toString('base64');
}

/**
 * The addon's CRC-32C and CRC-64/NVME run at 8 and 2 GiB/s where the npm packages manage 120 and
 * 550 MiB/s, on the event loop. The packages stay for a process without the addon (a unit test,
 * a machine that could not build it).
 */
const native: NativeChecksums | undefined = nativeAddonIfBuilt();

function nativeCrc32c(crc: NativeChecksums): ChecksumHasher {
  let value = 0;
  return {
    update: (chunk) => {
      value = crc.crc32c(chunk, value);
    },
    digestBase64: async () => uint32Base64(value),
  };
}

function nativeCrc64nvme(crc: NativeChecksums): ChecksumHasher {
  let value = 0n;
  return {
    update: (chunk) => {
      value = crc.crc64nvme(chunk, value);
    },
    digestBase64: async () => {
      const digest = Buffer.allocUnsafe(8);
      digest.writeBigUInt64BE(value);
      return digest.toString('base64');
    },
  };
}

function packageCrc32c(): ChecksumHasher {
  const c = new Crc32c();
  return {
    update: (chunk) => {
      c.update(chunk);
    },
    digestBase64: async () => uint32Base64(c.digest()),
  };
}

function packageCrc64nvme(): ChecksumHasher {
  const c = new Crc64Nvme();
  return {
    update: (chunk) => c.update(chunk),
    digestBase64: async () => Buffer.from(await c.digest()).toString('base64'),
  };
}

export function createChecksumHasher(algorithm: ChecksumAlgorithm): ChecksumHasher {
  switch (algorithm) {
    case 'crc32': {
      let value = 0;
      return {
        update: (chunk) => {
          value = crc32(chunk, value);
        },
        digestBase64: async () => uint32Base64(value),
      };
    }
    case 'crc32c':
      return native ? nativeCrc32c(native) : packageCrc32c();
    case 'crc64nvme':
      return native ? nativeCrc64nvme(native) : packageCrc64nvme();
    case 'sha1':
    case 'sha256': {
      const h = createHash(algorithm);
      return {
        update: (chunk) => {
          h.update(chunk);
        },
        digestBase64: async () => h.digest('base64'),
      };
    }
  }
}
