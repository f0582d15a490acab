import type { IncomingHttpHeaders } from 'node:http';
import type {
  ChecksumAlgorithmName,
  ChecksumType,
  ChecksumValue,
  DeclaredChecksum,
  UploadChecksumSpec,
  UploadInput,
} from '../../../backends/backend';
import type { AuthResult } from '../../auth/auth.types';
import { checksumAlgorithmFromHeader } from '../../auth/checksum';
import { invalidArgument, S3Error } from '../../errors/s3-error';
import { headerValue } from '../headers/header-value';
import { MAX_LIST_KEYS } from '../headers/listing-query';
import { readBoundedBody } from '../xml/xml-body-reader';
import { objectOf, type S3HttpRequest } from './s3-route';

export const MAX_PART_NUMBER = 10_000;
/** AWS's largest part. */
export const MAX_PART_BYTES = 5 * 1024 ** 3;

const ALGORITHMS: readonly ChecksumAlgorithmName[] = ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'];

export function toAlgorithmName(lower: string): ChecksumAlgorithmName | undefined {
  const upper = lower.toUpperCase();
  return (ALGORITHMS as readonly string[]).includes(upper) ? (upper as ChecksumAlgorithmName) : undefined;
}

/** bucket, key and uploadId: what every request after CreateMultipartUpload names. */
export function uploadOf(req: S3HttpRequest): UploadInput {
  const uploadId = req.target.query.get('uploadId') ?? '';
  // An empty id names no upload; the backend answers NoSuchUpload for ids it could not have made.
  if (uploadId === '') throw new S3Error('NoSuchUpload');
  return { ...objectOf(req), uploadId };
}

const PART_NUMBER_MESSAGE = 'Part number must be an integer between 1 and 10000, inclusive';

export function parsePartNumber(raw: string | null | undefined, name = 'partNumber'): number {
  const value = raw ?? '';
  const n = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_PART_NUMBER)) throw invalidArgument(PART_NUMBER_MESSAGE, name, value);
  return n;
}

/** A non-negative integer query parameter, capped at 1,000 as AWS caps listing pages. */
export function readLimit(query: URLSearchParams, name: string): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return MAX_LIST_KEYS;
  if (!/^\d{1,10}$/.test(raw) || Number(raw) > 2_147_483_647) {
    throw invalidArgument(`Argument ${name} must be an integer between 0 and 2147483647`, name, raw);
  }
  return Math.min(Number(raw), MAX_LIST_KEYS);
}

export function readPartNumberMarker(query: URLSearchParams): number {
  const raw = query.get('part-number-marker');
  if (raw === null || raw === '') return 0;
  if (!/^\d{1,10}$/.test(raw)) throw invalidArgument('Argument partNumberMarker must be an integer.', 'part-number-marker', raw);
  return Number(raw);
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
  let lower = Object.keys(headers).map(checksumAlgorithmFromHeader).find((a) => a !== undefined);
  const trailer = headerValue(headers, 'x-amz-trailer');
  if (lower === undefined && trailer !== undefined) lower = checksumAlgorithmFromHeader(trailer.trim());
  const algorithm = lower === undefined ? undefined : toAlgorithmName(lower);
  if (algorithm === undefined) return undefined;
  return { algorithm, value: () => auth.checksum?.value };
}

/** Bodies these requests do not use are read and dropped, so that a signed payload is still verified. */
export async function discardBody(req: S3HttpRequest): Promise<void> {
  await readBoundedBody(req.auth.body, 1024 * 1024);
}

/** The x-amz-checksum-* a part or whole object is listed with, as the XML elements name them. */
export const CHECKSUM_ELEMENTS: ReadonlyArray<readonly [element: string, algorithm: ChecksumAlgorithmName]> = ALGORITHMS.map(
  (algorithm) => [`Checksum${algorithm}`, algorithm] as const,
);

export function checksumElement(checksum: ChecksumValue | undefined): Record<string, string> {
  return checksum ? { [`Checksum${checksum.algorithm}`]: checksum.value } : {};
}
