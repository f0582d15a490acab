import type { Backend, ObjectInput, RangeRequest } from '../../../backends/backend';
import { S3Error } from '../../../s3/errors/s3-error';

/** GET and HEAD with ?partNumber=N: the part asked for. */
export interface PartNumberInput {
  partNumber?: number;
}

/** What GET and HEAD with partNumber answer besides the part: x-amz-mp-parts-count, for an object a multipart upload made. */
export interface PartsCountOutput {
  partsCount?: number;
}

function invalidPartNumber(actualPartCount: number, partNumberRequested: number): S3Error {
  return new S3Error('InvalidPartNumber', undefined, { ActualPartCount: actualPartCount, PartNumberRequested: partNumberRequested });
}

/**
 * The byte range of part `partNumber`, from the parts recorded with the object, and the number of
 * parts; an object stored whole is one part (VersityGW's reading, where AWS says nothing): part 1
 * is all of it, there is no part 2. Past the last part is InvalidPartNumber (416), as AWS answers.
 */
export async function partRange(backend: Backend, object: ObjectInput, partNumber: number): Promise<{ range?: RangeRequest; partsCount?: number }> {
  const { info, parts } = await backend.getObjectAttributes({ bucket: object.bucket, key: object.key });
  if (!parts) {
    if (partNumber > 1) throw invalidPartNumber(1, partNumber);
    return info.size === 0 ? {} : { range: { kind: 'fromTo', start: 0, end: info.size - 1 } };
  }
  if (partNumber > parts.length) throw invalidPartNumber(parts.length, partNumber);
  let start = 0;
  for (let i = 0; i < partNumber - 1; i++) start += parts[i].size;
  const size = parts[partNumber - 1].size;
  return size === 0 ? { partsCount: parts.length } : { range: { kind: 'fromTo', start, end: start + size - 1 }, partsCount: parts.length };
}

/**
 * GET or HEAD (`read`) of part `partNumber`: the part is made a byte range, then read as any
 * range is. The handlers call it only when partNumber is given; `read` is a function made once.
 */
export async function readPart<TInput extends ObjectInput & { range?: RangeRequest }, TOutput extends object>(
  backend: Backend,
  input: TInput,
  partNumber: number,
  read: (backend: Backend, input: TInput) => Promise<TOutput>,
): Promise<TOutput & PartsCountOutput> {
  const { range, partsCount } = await partRange(backend, input, partNumber);
  const output: TOutput = await read(backend, { ...input, range });
  return partsCount === undefined ? output : { ...output, partsCount };
}
