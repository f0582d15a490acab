import { Command } from '@nestjs/cqrs';
import type { S3Operation } from '../s3/s3-operations';
import type { RequestContext } from '../request/request-context';

/**
 * Base of every S3 operation's command. The operation name is what the command bus wrapper uses
 * to name the `Backend.<Operation>` span and the journal row, so no handler repeats that work.
 */
export abstract class S3Command<TResult> extends Command<TResult> {
  abstract readonly operation: S3Operation;

  constructor(readonly context: RequestContext) {
    super();
  }
}

/** The shape most commands have: one typed input object, as the Backend method takes it. */
export interface S3InputCommand<TInput, TResult> extends S3Command<TResult> {
  readonly input: TInput;
}

/**
 * Base class for a command carrying `input`, so each operation's command is one declaration:
 * `export class PutObjectCommand extends s3Command<PutObjectInput, PutObjectOutput>('PutObject') {}`.
 */
export function s3Command<TInput, TResult>(operation: S3Operation) {
  return class extends S3Command<TResult> implements S3InputCommand<TInput, TResult> {
    readonly operation = operation;

    constructor(
      context: RequestContext,
      readonly input: TInput,
    ) {
      super(context);
    }
  };
}
