import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { S3Command } from './s3-command';

/**
 * The one door from HTTP into the operations. @nestjs/cqrs has no hook API, so cross-cutting work
 * around every command (backend spans, journal timing) is attached here, once.
 */
@Injectable()
export class S3CommandBus {
  constructor(private readonly commandBus: CommandBus) {}

  async execute<TResult>(command: S3Command<TResult>): Promise<TResult> {
    const started = performance.now();
    try {
      return await this.commandBus.execute(command);
    } finally {
      command.context.timings.backendMs = performance.now() - started;
    }
  }
}
