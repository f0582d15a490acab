import type { Type } from '@nestjs/common';
import type { BucketCorsConfigurations } from '../../cors/bucket-cors';
import { BUCKET_CORS } from '../../cors/cors.tokens';
import { portHandler, type S3CommandHandler } from '../backend-handler';
import type { S3Command } from '../s3-command';

/**
 * Declares the handler of a CORS command: its work is one call on the buckets' CORS
 * configurations (which store through the backend, journal the change and keep the cache true).
 */
export function corsHandler<TCommand extends S3Command<TResult>, TResult>(
  command: Type<TCommand>,
  run: (cors: BucketCorsConfigurations, command: TCommand) => Promise<TResult>,
): Type<S3CommandHandler<TCommand, TResult>> {
  return portHandler(BUCKET_CORS, command, run);
}
