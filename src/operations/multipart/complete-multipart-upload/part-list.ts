import type { CompletedPart } from '../../../backends/backend';
import { S3Error } from '../../../s3/errors/s3-error';

/** Parts must be listed in strictly ascending order, so no number twice (InvalidPartOrder), before storage is touched. */
export function checkPartOrder(parts: readonly CompletedPart[]): void {
  for (let i = 1; i < parts.length; i++) {
    if (parts[i].partNumber <= parts[i - 1].partNumber) throw new S3Error('InvalidPartOrder');
  }
}
