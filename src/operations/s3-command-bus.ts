import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { BACKEND, type Backend } from '../backends/backend';
import { traceCommand } from '../telemetry/backend-span';
import type { S3Command } from './s3-command';

/**
 * The one door from HTTP into the operations. @nestjs/cqrs has no hook API, so cross-cutting work
 * around every command (backend spans, journal timing) is attached here, once.
 */
@Injectable()
export class S3CommandBus {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(BACKEND) private readonly backend: Backend,
  ) {}

  async execute<TResult>(command: S3Command<TResult>): Promise<TResult> {
    const started = performance.now();
    try {
      return await traceCommand(command.context.rootSpan, command, this.backend.type, (span) => {
        command.traceWith(span);
        return this.commandBus.execute(command);
      });
    } finally {
      command.context.timings.backendMs = performance.now() - started;
    }
  }
}
