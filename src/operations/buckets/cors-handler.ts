import { Inject, Type } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { BucketCorsConfigurations } from '../../cors/bucket-cors';
import { BUCKET_CORS } from '../../cors/cors.tokens';
import type { S3CommandHandler } from '../backend-handler';
import type { S3Command } from '../s3-command';

/**
 * Declares the handler of a CORS command: its work is one call on the buckets' CORS
 * configurations (which store through the backend, journal the change and keep the cache true).
 */
export function corsHandler<TCommand extends S3Command<TResult>, TResult>(
  command: Type<TCommand>,
  run: (cors: BucketCorsConfigurations, command: TCommand) => Promise<TResult>,
): Type<S3CommandHandler<TCommand, TResult>> {
  @CommandHandler(command)
  class Handler implements S3CommandHandler<TCommand, TResult> {
    constructor(@Inject(BUCKET_CORS) readonly cors: BucketCorsConfigurations) {}

    execute(cmd: TCommand): Promise<TResult> {
      return run(this.cors, cmd);
    }
  }
  Object.defineProperty(Handler, 'name', { value: command.name.replace(/Command$/, 'Handler') });
  return Handler;
}
