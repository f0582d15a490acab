import { Hash, createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { S3Error } from '../errors/s3-error';
import { checksumBadDigest, contentLengthMismatch } from './auth-errors';
import { ChecksumAlgorithm, ChecksumHasher, createChecksumHasher } from './checksum';

export interface PayloadVerifierOptions {
  /** Lower-case hex sha256 the body must hash to (x-amz-content-sha256). */
  sha256Hex?: string;
  /** x-amz-checksum-<alg> header the body must match. */
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
  /** Content-Length, so a body cut short fails as IncompleteBody rather than as a hash mismatch. */
  expectedLength?: number;
}

/**
 * Passes a plain (not aws-chunked) body through unchanged while hashing it, and fails before
 * 'end' when it does not match what the headers promised: the consumer sees the error first
 * and never commits a body that was not verified.
 */
export class PayloadVerifier extends Transform {
  private readonly sha256: Hash | undefined;
  private readonly checksum: ChecksumHasher | undefined;
  private received = 0;

  constructor(private readonly options: PayloadVerifierOptions) {
    super();
    this.sha256 = options.sha256Hex !== undefined ? createHash('sha256') : undefined;
    this.checksum = options.checksum ? createChecksumHasher(options.checksum.algorithm) : undefined;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.options.expectedLength !== undefined && this.received > this.options.expectedLength) {
      callback(contentLengthMismatch(this.options.expectedLength, this.received));
      return;
    }
    this.sha256?.update(chunk);
    this.checksum?.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.verify().then(() => callback(), (err: unknown) => callback(err as Error));
  }

  private async verify(): Promise<void> {
    const { expectedLength, sha256Hex, checksum } = this.options;
    if (expectedLength !== undefined && this.received !== expectedLength) {
      throw contentLengthMismatch(expectedLength, this.received);
    }
    if (this.sha256 && sha256Hex !== undefined) {
      const computed = this.sha256.digest('hex');
      if (computed !== sha256Hex) {
        throw new S3Error('XAmzContentSHA256Mismatch', undefined, {
          ClientComputedContentSHA256: sha256Hex,
          S3ComputedContentSHA256: computed,
        });
      }
    }
    if (this.checksum && checksum) {
      if ((await this.checksum.digestBase64()) !== checksum.value) throw checksumBadDigest(checksum.algorithm);
    }
  }
}
