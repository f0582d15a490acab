import type { QueryLookup } from '../../../request/request-query';
import type { UploadInput } from '../../../backends/backend';
import { invalidArgument, S3Error } from '../../errors/s3-error';
import { MAX_LIST_KEYS } from '../headers/listing-query';
import { objectOf, type S3HttpRequest } from './s3-route';

export const MAX_PART_NUMBER = 10_000;
/** AWS's largest part. */
export const MAX_PART_BYTES = 5 * 1024 ** 3;

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
export function readLimit(query: QueryLookup, name: string): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return MAX_LIST_KEYS;
  if (!/^\d{1,10}$/.test(raw) || Number(raw) > 2_147_483_647) {
    throw invalidArgument(`Argument ${name} must be an integer between 0 and 2147483647`, name, raw);
  }
  return Math.min(Number(raw), MAX_LIST_KEYS);
}

export function readPartNumberMarker(query: QueryLookup, name = 'part-number-marker'): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return 0;
  if (!/^\d{1,10}$/.test(raw)) throw invalidArgument('Argument partNumberMarker must be an integer.', name, raw);
  return Number(raw);
}
