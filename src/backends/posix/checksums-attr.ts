import type { ChecksumAlgorithmName, ChecksumType, ChecksumValue, UploadChecksumSpec } from '../backend.types';

/**
 * VersityGW's s3response.Checksum as Go's encoding/json writes it into `user.checksums`: field
 * names as declared, every digest present (null when unset). The same shape serves an upload
 * directory (Algorithm and Type only), a part (its digest) and a completed object (all three).
 */
interface StoredChecksums {
  Algorithm: string;
  Type: string;
  CRC32: string | null;
  CRC32C: string | null;
  SHA1: string | null;
  SHA256: string | null;
  CRC64NVME: string | null;
}

const ALGORITHMS: readonly ChecksumAlgorithmName[] = ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'];
const TYPES: readonly ChecksumType[] = ['COMPOSITE', 'FULL_OBJECT'];

export interface ChecksumsAttr {
  spec?: UploadChecksumSpec;
  value?: ChecksumValue;
}

export function encodeChecksums(attr: { spec?: UploadChecksumSpec; value?: ChecksumValue }): Buffer {
  const stored: StoredChecksums = {
    Algorithm: attr.spec?.algorithm ?? attr.value?.algorithm ?? '',
    Type: attr.spec?.type ?? '',
    CRC32: null,
    CRC32C: null,
    SHA1: null,
    SHA256: null,
    CRC64NVME: null,
  };
  if (attr.value) stored[attr.value.algorithm] = attr.value.value;
  return Buffer.from(JSON.stringify(stored));
}

const isAlgorithm = (v: unknown): v is ChecksumAlgorithmName => typeof v === 'string' && (ALGORITHMS as readonly string[]).includes(v);
const isType = (v: unknown): v is ChecksumType => typeof v === 'string' && (TYPES as readonly string[]).includes(v);

/**
 * Reads the attribute (its bytes, or the text openObject already decoded) leniently: whatever
 * cannot be understood is left out rather than failing the request (a part written by VersityGW
 * may name no Algorithm but carry its digest).
 */
export function decodeChecksums(raw: Buffer | string | undefined): ChecksumsAttr {
  if (raw === undefined || raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const stored = parsed as Partial<Record<keyof StoredChecksums, unknown>>;
  const result: ChecksumsAttr = {};
  if (isAlgorithm(stored.Algorithm) && isType(stored.Type)) result.spec = { algorithm: stored.Algorithm, type: stored.Type };
  const withDigest = ALGORITHMS.find((name) => typeof stored[name] === 'string' && stored[name] !== '');
  if (withDigest) result.value = { algorithm: withDigest, value: stored[withDigest] as string };
  return result;
}
