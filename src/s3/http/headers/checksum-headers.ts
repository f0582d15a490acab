import type { IncomingHttpHeaders } from 'node:http';
import type { ChecksumAlgorithmName, ChecksumType, ChecksumValue, DeclaredChecksum, UploadChecksumSpec } from '../../../backends/backend';
import type { AuthResult } from '../../auth/auth.types';
import { CHECKSUM_HEADER_PREFIX, checksumAlgorithmFromHeader } from '../../auth/checksum';
import { S3Error } from '../../errors/s3-error';
import { headerValue } from './header-value';

/**
 * S3's flexible checksums as requests name them (x-amz-checksum-algorithm, -type, -<alg>,
 * x-amz-trailer) and as result documents list them (Checksum<ALG> elements): PutObject,
 * CopyObject and the multipart operations read and write them alike.
 */
const ALGORITHMS: readonly ChecksumAlgorithmName[] = ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'];

export function toAlgorithmName(lower: string): ChecksumAlgorithmName | undefined {
  const upper = lower.toUpperCase();
  return (ALGORITHMS as readonly string[]).includes(upper) ? (upper as ChecksumAlgorithmName) : undefined;
}

/** x-amz-checksum-algorithm (CreateMultipartUpload, CopyObject): one S3 knows, else InvalidRequest. */
export function readChecksumAlgorithm(headers: IncomingHttpHeaders): ChecksumAlgorithmName | undefined {
  const raw = headerValue(headers, 'x-amz-checksum-algorithm');
  if (raw === undefined) return undefined;
  const algorithm = toAlgorithmName(raw);
  if (algorithm === undefined) {
    throw new S3Error('InvalidRequest', 'Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]');
  }
  return algorithm;
}

/** x-amz-checksum-algorithm and x-amz-checksum-type of CreateMultipartUpload, with AWS's defaults and refusals. */
export function readChecksumSpec(headers: IncomingHttpHeaders): UploadChecksumSpec | undefined {
  const algorithm = readChecksumAlgorithm(headers);
  const rawType = headerValue(headers, 'x-amz-checksum-type');
  if (algorithm === undefined) {
    if (rawType !== undefined) {
      throw new S3Error('InvalidRequest', 'The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.');
    }
    return undefined;
  }
  const type = rawType === undefined ? undefined : readChecksumType(rawType);
  // CRC64NVME exists only as a full-object checksum; the others default to composite.
  const resolved: ChecksumType = type ?? (algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE');
  const allowed = resolved === 'FULL_OBJECT' ? algorithm.startsWith('CRC') : algorithm !== 'CRC64NVME';
  if (!allowed) {
    throw new S3Error('InvalidRequest', `The ${resolved} checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`);
  }
  return { algorithm, type: resolved };
}

export function readChecksumType(raw: string): ChecksumType {
  const upper = raw.toUpperCase();
  if (upper !== 'COMPOSITE' && upper !== 'FULL_OBJECT') throw new S3Error('InvalidRequest', 'Value for x-amz-checksum-type header is invalid.');
  return upper;
}

/** The checksum a body is sent with: named by an x-amz-checksum-<alg> header, or announced by x-amz-trailer. */
export function declaredChecksum(headers: IncomingHttpHeaders, auth: AuthResult): DeclaredChecksum | undefined {
  let lower: ReturnType<typeof checksumAlgorithmFromHeader>;
  for (const name in headers) {
    lower = name.startsWith(CHECKSUM_HEADER_PREFIX) ? checksumAlgorithmFromHeader(name) : undefined;
    if (lower !== undefined) break;
  }
  const trailer = headerValue(headers, 'x-amz-trailer');
  if (lower === undefined && trailer !== undefined) lower = checksumAlgorithmFromHeader(trailer.trim());
  const algorithm = lower === undefined ? undefined : toAlgorithmName(lower);
  if (algorithm === undefined) return undefined;
  return { algorithm, value: () => auth.checksum?.value };
}

/** The x-amz-checksum-* a part or whole object is listed with, as the XML elements name them. */
export const CHECKSUM_ELEMENTS: ReadonlyArray<readonly [element: string, algorithm: ChecksumAlgorithmName]> = ALGORITHMS.map(
  (algorithm) => [`Checksum${algorithm}`, algorithm] as const,
);

export function checksumElement(checksum: ChecksumValue | undefined): Record<string, string> {
  return checksum ? { [`Checksum${checksum.algorithm}`]: checksum.value } : {};
}
