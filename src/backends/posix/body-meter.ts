import { createHash, hash, type Hash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { S3Error } from '../../s3/errors/s3-error';
import type { TracedInput } from '../backend.types';

/** A payload on its way to a file: the verified body and what it must add up to (and where its I/O spans go). */
export interface IncomingBody extends TracedInput {
  body: Readable;
  /** The body must deliver exactly this many bytes (IncompleteBody otherwise), or at most this many with lengthIsMaximum. */
  contentLength: number;
  /** contentLength bounds the body rather than announcing it (a POST form's file): a shorter one is whole. */
  lengthIsMaximum?: true;
  /** Decoded Content-MD5 when the client sent one: BadDigest when the data differs. */
  contentMd5?: Buffer;
}

/**
 * What to reserve on disk for a body: its length, or nothing when that is only its maximum (blocks
 * reserved past a shorter body's end would stay in the file as zeros).
 */
export function reservedLength(input: Pick<IncomingBody, 'contentLength' | 'lengthIsMaximum'>): number {
  return input.lengthIsMaximum ? 0 : input.contentLength;
}

const EMPTY = Buffer.alloc(0);

/**
 * Hashes (MD5, the ETag) and counts a body as its chunks arrive, refusing more bytes than were
 * announced. A plain object rather than a Transform in the body's pipe: one stream hop less per
 * chunk, and the chunks themselves go on to the file untouched.
 */
export class BodyMeter {
  /**
   * Made at the second chunk: a small PUT's body is one socket chunk, digested at the end in one
   * call, which spares it the Hash object (its creation, update and digest cost three times the
   * hashing of 4 KiB in a busy server).
   */
  private md5: Hash | undefined;
  private first: Buffer | undefined;
  bytes = 0;

  constructor(private readonly expected: number) {}

  /** Takes the next chunk; throws IncompleteBody when it goes past the announced length. */
  add(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.bytes > this.expected) throw new S3Error('IncompleteBody', 'The request body is longer than the Content-Length header says.');
    if (this.md5 !== undefined) {
      this.md5.update(chunk);
    } else if (this.first === undefined) {
      this.first = chunk;
    } else {
      this.md5 = createHash('md5').update(this.first).update(chunk);
      this.first = undefined;
    }
  }

  /** The MD5 of what was received, once the body has ended: IncompleteBody when short, BadDigest when Content-MD5 differs. */
  check(input: Pick<IncomingBody, 'contentLength' | 'lengthIsMaximum' | 'contentMd5'>): Buffer {
    if (this.bytes < input.contentLength && input.lengthIsMaximum !== true) throw new S3Error('IncompleteBody');
    const md5 = this.md5?.digest() ?? hash('md5', this.first ?? EMPTY, 'buffer');
    if (input.contentMd5 !== undefined && !md5.equals(input.contentMd5)) throw new S3Error('BadDigest');
    return md5;
  }
}
