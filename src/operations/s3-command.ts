import { Command } from '@nestjs/cqrs';
import type { S3Operation } from '../s3/s3-operations';
import type { RequestContext } from '../request/request-context';
import type { SpanParent } from '../telemetry/with-span';
import type { TracedInput } from '../backends/backend.types';

/**
 * Base of every S3 operation's command. The operation name is what the command bus wrapper uses
 * to name the `Backend.<Operation>` span and the journal row, so no handler repeats that work.
 */
export abstract class S3Command<TResult> extends Command<TResult> {
  abstract readonly operation: S3Operation;

  /**
   * Its Backend.<Operation> span while it runs, set by the command bus (traceWith): what the
   * backend hangs its own spans under. Undefined when the request is not recorded.
   */
  span: SpanParent = undefined;

  /** Called by the command bus once the Backend.<Operation> span is open. */
  traceWith(span: SpanParent): void {
    this.span = span;
  }

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
export function s3Command<TInput extends object, TResult>(operation: S3Operation) {
  return class extends S3Command<TResult> implements S3InputCommand<TInput, TResult> {
    readonly operation = operation;

    constructor(
      context: RequestContext,
      readonly input: TInput,
    ) {
      super(context);
    }

    /**
     * The input carries the span as its `trace` (every backend input is a TracedInput), so each
     * handler hands the backend `command.input` and the backend's own spans (Posix.IO.*,
     * Azure.*) hang under Backend.<Operation> without a handler doing anything for it. The input
     * is this request's own object, so setting the field leaks nothing to another request.
     */
    override traceWith(span: SpanParent): void {
      super.traceWith(span);
      if (span !== undefined) (this.input as TracedInput).trace = span;
    }
  };
}
