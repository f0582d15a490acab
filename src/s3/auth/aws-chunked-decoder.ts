import { Hash, createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { S3Error } from '../errors/s3-error';
import { checksumBadDigest, contentLengthMismatch, incompleteBody, malformedTrailer, signatureMismatch } from './auth-errors';
import { ChecksumAlgorithm, ChecksumHasher, checksumAlgorithmFromHeader, createChecksumHasher, isWellFormedChecksum } from './checksum';
import { sha256Hex, signHex, signaturesEqual } from './sigv4-crypto';
import {
  CHUNK_STRING_TO_SIGN_ALGORITHM,
  EMPTY_SHA256,
  MIN_SIGNED_CHUNK_SIZE,
  TRAILER_STRING_TO_SIGN_ALGORITHM,
} from './sigv4.constants';

/** What signed chunks chain from: the request's verified signature and its signing context. */
export interface ChunkSigningContext {
  signingKey: Buffer;
  amzDate: string;
  scope: string;
  seedSignature: string;
  accessKey: string;
}

export interface AwsChunkedDecoderOptions {
  /** Present for STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER): every chunk must be signed. */
  signing?: ChunkSigningContext;
  /** The body ends with a trailer section (the -TRAILER modes). */
  trailer: boolean;
  /** The checksum x-amz-trailer announced; the trailer must carry it. */
  trailerChecksum?: ChecksumAlgorithm;
  /** A checksum sent as a header instead, checked against the decoded data. */
  headerChecksum?: { algorithm: ChecksumAlgorithm; value: string };
  /** x-amz-decoded-content-length: the decoded data must be exactly this long. */
  decodedLength: number;
  /** Called once the checksum has been verified, before 'end'. */
  onChecksumVerified?: (checksum: { algorithm: ChecksumAlgorithm; value: string }) => void;
}

type State = 'size' | 'data' | 'data-crlf' | 'trailer' | 'done';

/**
 * Longest chunk-size or trailer line accepted. A real one is under 150 bytes; the bound is what
 * keeps a hostile body that never sends a line feed from growing memory.
 */
const MAX_LINE = 4096;
const MAX_TRAILER_LINES = 16;
/** Hex digits of a chunk size: 13 keeps it below 2^52, an exact JS number. */
const MAX_SIZE_DIGITS = 13;
const CR = 0x0d;
const LF = 0x0a;

const SIGNED_SIZE_LINE = /^([0-9a-fA-F]+);chunk-signature=([0-9a-f]{64})$/;
const UNSIGNED_SIZE_LINE = /^([0-9a-fA-F]+)(?:;.*)?$/;

/**
 * Decodes an aws-chunked body (sigv4-streaming, sigv4-streaming-trailers) as a stream: chunk
 * data is passed on as slices of the input (no copy, no per-byte loop), each chunk signature is
 * checked when its chunk ends, and the trailer's checksum and signature before 'end'. Memory is
 * bounded by MAX_LINE whatever the body holds.
 */
export class AwsChunkedDecoder extends Transform {
  private state: State = 'size';
  private readonly line: Buffer[] = [];
  private lineLength = 0;
  private remaining = 0;
  private crlfSeen = 0;
  private decoded = 0;
  private previousChunkSize: number | undefined;
  private chunksSeen = 0;
  private chunkSignature = '';
  private previousSignature: string;
  private chunkHash: Hash | undefined;
  private readonly checksum: ChecksumHasher | undefined;
  private readonly checksumAlgorithm: ChecksumAlgorithm | undefined;
  private readonly trailers: Array<{ name: string; value: string }> = [];
  private trailerSignature: string | undefined;
  private failed = false;

  constructor(private readonly options: AwsChunkedDecoderOptions) {
    super();
    this.previousSignature = options.signing?.seedSignature ?? '';
    this.checksumAlgorithm = options.trailerChecksum ?? options.headerChecksum?.algorithm;
    this.checksum = this.checksumAlgorithm ? createChecksumHasher(this.checksumAlgorithm) : undefined;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.failed) {
      callback();
      return;
    }
    try {
      const finished = this.consume(chunk);
      if (finished) {
        this.finish().then(() => callback(), (err: unknown) => this.fail(err, callback));
        return;
      }
      callback();
    } catch (err) {
      this.fail(err, callback);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.failed) {
      callback();
      return;
    }
    if (this.state === 'done') {
      callback();
      return;
    }
    // Tolerate a body that stops right after the last chunk's header without the closing CRLF
    // when no trailer was expected: every byte of data has been verified by then.
    if (this.state === 'trailer' && this.lineLength === 0 && this.trailers.length === 0 && !this.options.trailer) {
      this.finish().then(() => callback(), (err: unknown) => this.fail(err, callback));
      return;
    }
    this.fail(incompleteBody(), callback);
  }

  private fail(err: unknown, callback: TransformCallback): void {
    this.failed = true;
    callback(err instanceof Error ? err : new S3Error('InternalError', undefined, {}, { cause: err }));
  }

  /** Runs the state machine over one input buffer; true once the final trailer line is read. */
  private consume(chunk: Buffer): boolean {
    let pos = 0;
    const length = chunk.length;
    while (pos < length) {
      switch (this.state) {
        case 'size':
        case 'trailer': {
          const lf = chunk.indexOf(LF, pos);
          const end = lf < 0 ? length : lf;
          this.appendLine(chunk.subarray(pos, end));
          if (lf < 0) return false;
          pos = lf + 1;
          const line = this.takeLine();
          if (this.state === 'size') {
            this.onSizeLine(line);
          } else if (this.onTrailerLine(line)) {
            if (pos < length) throw incompleteBody();
            return true;
          }
          break;
        }
        case 'data': {
          const n = Math.min(this.remaining, length - pos);
          const slice = chunk.subarray(pos, pos + n);
          this.chunkHash?.update(slice);
          this.checksum?.update(slice);
          this.push(slice);
          this.remaining -= n;
          pos += n;
          if (this.remaining === 0) {
            this.state = 'data-crlf';
            this.crlfSeen = 0;
          }
          break;
        }
        case 'data-crlf': {
          const expected = this.crlfSeen === 0 ? CR : LF;
          if (chunk[pos] !== expected) throw incompleteBody();
          pos++;
          if (++this.crlfSeen === 2) {
            this.verifyChunkSignature(this.chunkHash ? this.chunkHash.digest('hex') : EMPTY_SHA256);
            this.state = 'size';
          }
          break;
        }
        case 'done':
          throw incompleteBody();
      }
    }
    return false;
  }

  private appendLine(part: Buffer): void {
    if (part.length === 0) return;
    this.lineLength += part.length;
    if (this.lineLength > MAX_LINE) throw incompleteBody();
    this.line.push(part);
  }

  /** The accumulated line without its CRLF; a bare LF is malformed framing. */
  private takeLine(): string {
    const buf = this.line.length === 1 ? this.line[0] : Buffer.concat(this.line, this.lineLength);
    this.line.length = 0;
    this.lineLength = 0;
    if (buf.length === 0 || buf[buf.length - 1] !== CR) throw incompleteBody();
    return buf.toString('latin1', 0, buf.length - 1);
  }

  private onSizeLine(line: string): void {
    const match = (this.options.signing ? SIGNED_SIZE_LINE : UNSIGNED_SIZE_LINE).exec(line);
    if (!match || match[1].length > MAX_SIZE_DIGITS) throw incompleteBody();
    const size = parseInt(match[1], 16);
    if (this.options.signing) this.chunkSignature = match[2];

    if (size > 0) {
      // S3's rule for signed chunks: only the last data chunk may be under 8 KiB.
      if (this.options.signing && this.previousChunkSize !== undefined && this.previousChunkSize < MIN_SIGNED_CHUNK_SIZE) {
        throw new S3Error('InvalidChunkSizeError', undefined, { Chunk: this.chunksSeen, BadChunkSize: this.previousChunkSize });
      }
      if (this.decoded + size > this.options.decodedLength) {
        throw contentLengthMismatch(this.options.decodedLength, this.decoded + size);
      }
      this.previousChunkSize = size;
      this.chunksSeen++;
      this.decoded += size;
      this.remaining = size;
      this.chunkHash = this.options.signing ? createHash('sha256') : undefined;
      this.state = 'data';
      return;
    }

    // The zero-length chunk: its signature covers the empty string and closes the chain.
    this.chunkHash = undefined;
    this.verifyChunkSignature(EMPTY_SHA256);
    if (this.decoded !== this.options.decodedLength) throw contentLengthMismatch(this.options.decodedLength, this.decoded);
    this.state = 'trailer';
  }

  private verifyChunkSignature(chunkHashHex: string): void {
    const signing = this.options.signing;
    if (!signing) return;
    const stringToSign = [
      CHUNK_STRING_TO_SIGN_ALGORITHM,
      signing.amzDate,
      signing.scope,
      this.previousSignature,
      EMPTY_SHA256,
      chunkHashHex,
    ].join('\n');
    const computed = signHex(signing.signingKey, stringToSign);
    if (!signaturesEqual(computed, this.chunkSignature)) {
      throw signatureMismatch({ accessKey: signing.accessKey, signatureProvided: this.chunkSignature, stringToSign });
    }
    this.previousSignature = computed;
  }

  /** One trailer line; true when it is the empty line that ends the body. */
  private onTrailerLine(line: string): boolean {
    if (line === '') {
      this.state = 'done';
      return true;
    }
    if (!this.options.trailer || this.trailers.length >= MAX_TRAILER_LINES) throw malformedTrailer();
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformedTrailer();
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') {
      if (!this.options.signing || this.trailerSignature !== undefined) throw malformedTrailer();
      this.trailerSignature = value;
      return false;
    }
    const algorithm = checksumAlgorithmFromHeader(name);
    if (!algorithm || algorithm !== this.options.trailerChecksum || this.trailers.some((t) => t.name === name)) {
      throw malformedTrailer();
    }
    this.trailers.push({ name, value });
    return false;
  }

  private async finish(): Promise<void> {
    const signing = this.options.signing;
    if (signing && this.options.trailer) this.verifyTrailerSignature(signing);

    let expected = this.options.headerChecksum?.value;
    if (this.options.trailerChecksum) {
      const trailer = this.trailers.find((t) => checksumAlgorithmFromHeader(t.name) === this.options.trailerChecksum);
      if (!trailer) throw malformedTrailer();
      if (!isWellFormedChecksum(this.options.trailerChecksum, trailer.value)) {
        throw new S3Error('InvalidRequest', `Value for ${trailer.name} trailing header is invalid.`);
      }
      expected = trailer.value;
    }
    if (this.checksum && this.checksumAlgorithm && expected !== undefined) {
      if ((await this.checksum.digestBase64()) !== expected) throw checksumBadDigest(this.checksumAlgorithm);
      this.options.onChecksumVerified?.({ algorithm: this.checksumAlgorithm, value: expected });
    }
  }

  /** The trailer signature chains from the last chunk's and covers 'name:value\n' per trailer. */
  private verifyTrailerSignature(signing: ChunkSigningContext): void {
    const provided = this.trailerSignature;
    if (provided === undefined) throw malformedTrailer();
    const canonicalTrailers = this.trailers.map((t) => `${t.name}:${t.value}\n`).join('');
    const stringToSign = [
      TRAILER_STRING_TO_SIGN_ALGORITHM,
      signing.amzDate,
      signing.scope,
      this.previousSignature,
      sha256Hex(canonicalTrailers),
    ].join('\n');
    const computed = signHex(signing.signingKey, stringToSign);
    if (!signaturesEqual(computed, provided)) {
      throw signatureMismatch({ accessKey: signing.accessKey, signatureProvided: provided, stringToSign });
    }
  }
}
