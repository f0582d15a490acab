import { Readable } from 'node:stream';
import busboy from 'busboy';
import type { FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { S3Resource } from '../../../request/request-target';
import type { PostFormInput } from '../../auth/post-form-auth';
import { S3Error, invalidArgument } from '../../errors/s3-error';
import { closingDelimiterLength, filePartOffset } from './file-part-offset';

/**
 * S3 reads at most this much of a POST form before its file (the fields, the policy among them);
 * past it the request is refused rather than held in memory.
 */
export const MAX_POST_PRE_DATA_BYTES = 64 * 1024;

/** A browser upload's form: the fields before the file, and the file, still streaming. */
export type PostForm = Omit<PostFormInput, 'bucket'>;

const MALFORMED = (): S3Error => new S3Error('MalformedPOSTRequest');
const tooMuchBeforeFile = (): S3Error => new S3Error('MaxPostPreDataLengthExceededError');
const NO_FILE = (): S3Error => invalidArgument('POST requires exactly one file upload per request.', 'file', '0');

/** multipart/form-data's boundary, or S3's refusals of a POST that is not one. */
export function formBoundary(contentType: string | undefined): string {
  const match = /^\s*multipart\/form-data\s*;(.*)$/i.exec(contentType ?? '');
  if (!match) {
    throw new S3Error('PreconditionFailed', undefined, { Condition: 'Bucket POST must be of the enclosure-type multipart/form-data' });
  }
  const boundary = /(?:^|;)\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(match[1]);
  if (!boundary) throw MALFORMED();
  return boundary[1] ?? boundary[2];
}

/**
 * Reads a POST Object form up to its file with busboy, and resolves with the fields and the file's
 * stream: the file is read only as whoever takes the stream reads it (backpressure reaches the
 * socket), so it is never held whole. The bytes before the file are kept, bounded, to find where
 * the file starts.
 */
export function readPostForm(request: IncomingMessage, contentLength: number | undefined): Promise<PostForm> {
  const contentType = request.headers['content-type'];
  const boundary = formBoundary(contentType);
  if (contentLength === undefined) throw new S3Error('MissingContentLength');
  return new Promise<PostForm>((resolve, reject) => {
    const fields = new Map<string, string>();
    const prefix: Buffer[] = [];
    let prefixBytes = 0;
    let settled = false;
    let fileStream: Readable | undefined;
    const parser = busboy({
      headers: { 'content-type': contentType },
      limits: { fieldSize: MAX_POST_PRE_DATA_BYTES, fieldNameSize: 1024 },
      defParamCharset: 'utf8',
    });
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      request.off('data', keepPrefix);
      outcome();
    };
    const fail = (error: S3Error): void => {
      settle(() => {
        request.unpipe(parser);
        reject(error);
      });
    };
    const keepPrefix = (chunk: Buffer): void => {
      prefix.push(chunk);
      prefixBytes += chunk.length;
      // A socket chunk past the limit and still no file: the fields before it are too large.
      if (prefixBytes - chunk.length > MAX_POST_PRE_DATA_BYTES) fail(tooMuchBeforeFile());
    };
    parser.on('field', (name, value) => {
      if (settled) return;
      const lower = name.toLowerCase();
      // A plain field named file is the file, sent as text.
      if (lower === 'file') {
        const data = Buffer.from(value, 'utf8');
        settle(() => resolve({ fields, file: { stream: Readable.from([data]), length: data.length, filename: '' } }));
      } else {
        fields.set(lower, value);
      }
    });
    parser.on('file', (_name, stream, info) => {
      if (settled) {
        // S3 ignores what follows its file; busboy needs each file read to go on.
        stream.resume();
        return;
      }
      const offset = filePartOffset(Buffer.concat(prefix), boundary);
      if (offset !== undefined && offset > MAX_POST_PRE_DATA_BYTES) {
        stream.resume();
        fail(tooMuchBeforeFile());
        return;
      }
      const length = offset === undefined ? -1 : contentLength - offset - closingDelimiterLength(boundary);
      if (length < 0) {
        stream.resume();
        fail(MALFORMED());
        return;
      }
      fileStream = stream;
      settle(() => resolve({ fields, file: { stream, length, filename: info.filename ?? '' } }));
    });
    parser.on('error', () => {
      if (fileStream !== undefined && !fileStream.destroyed) fileStream.destroy(MALFORMED());
      fail(MALFORMED());
    });
    parser.on('close', () => fail(NO_FILE()));
    request.on('data', keepPrefix);
    request.pipe(parser);
  });
}

/** The form of a POST Object request to `resource` (a bucket), read up to its file. */
export async function postFormOf(request: FastifyRequest, resource: S3Resource): Promise<PostFormInput> {
  if (resource.level !== 'bucket') throw new S3Error('MethodNotAllowed');
  const length = request.headers['content-length'];
  const form = await readPostForm(request.raw, length !== undefined && /^\d{1,16}$/.test(length) ? Number(length) : undefined);
  return { bucket: resource.bucket, ...form };
}
