import { createHash } from 'node:crypto';
import { type ChecksumAlgorithm, type ChecksumHasher, createChecksumHasher } from '../../../s3/auth/checksum';
import type { ChecksumAlgorithmName, ChecksumValue } from '../../backend.types';

export const hasherFor = (algorithm: ChecksumAlgorithmName): ChecksumHasher =>
  createChecksumHasher(algorithm.toLowerCase() as ChecksumAlgorithm);

/** COMPOSITE: the algorithm over the parts' raw digests, in order, then `-<parts>`, as S3 computes it. */
export async function compositeChecksum(algorithm: ChecksumAlgorithmName, parts: readonly ChecksumValue[]): Promise<string> {
  const hasher = hasherFor(algorithm);
  for (const part of parts) hasher.update(Buffer.from(part.value, 'base64'));
  return `${await hasher.digestBase64()}-${parts.length}`;
}

/** The object's ETag: hex MD5 of the parts' binary MD5s, then `-<parts>`. */
export function multipartEtag(partEtags: readonly string[]): string {
  const md5 = createHash('md5');
  for (const etag of partEtags) md5.update(Buffer.from(etag, 'hex'));
  return `${md5.digest('hex')}-${partEtags.length}`;
}
