import { Command } from '@nestjs/cqrs';
import type { S3Operation } from '../s3/s3-operations';
import type { RequestContext } from '../request/request-context';
import type { SpanParent } from '../telemetry/with-span';

/**
 * Base of every S3 operation's command. The operation name is what the command bus wrapper uses
 * to name the `Backend.<Operation>` span and the journal row, so no handler repeats that work.
 */
export abstract class S3Command<TResult> extends Command<TResult> {
  abstract readonly operation: S3Operation;

  /**
   * Its Backend.<Operation> span while it runs, set by the command bus: what a handler hands the
   * backend to hang the backend's own spans under. Undefined when the request is not recorded.
   */
  span: SpanParent = undefined;

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

    /**
     * The input with the command's span to hang the backend's spans under, when it has one (for
     * inputs that are TracedInput: the backend reads the field only there).
     */
    tracedInput(): TInput {
      return this.span === undefined ? this.input : { ...this.input, trace: this.span };
    }
  };
}
