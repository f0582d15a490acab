import { Inject, Type } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { BACKEND, Backend } from '../backends/backend';
import type { S3Command } from './s3-command';

/** What the command bus calls; @nestjs/cqrs's own type is conditional and cannot be `implements`-ed generically. */
export interface S3CommandHandler<TCommand extends S3Command<TResult>, TResult> {
  execute(command: TCommand): Promise<TResult>;
}

/**
 * Declares the handler of a command whose work is one call on one injected port (the one
 * `token` names), plus any decision in `run`: a handler file states only what differs.
 */
export function portHandler<TPort, TCommand extends S3Command<TResult>, TResult>(
  token: symbol,
  command: Type<TCommand>,
  run: (port: TPort, command: TCommand) => Promise<TResult>,
): Type<S3CommandHandler<TCommand, TResult>> {
  @CommandHandler(command)
  class Handler implements S3CommandHandler<TCommand, TResult> {
    constructor(@Inject(token) readonly port: TPort) {}

    execute(cmd: TCommand): Promise<TResult> {
      return run(this.port, cmd);
    }
  }
  Object.defineProperty(Handler, 'name', { value: command.name.replace(/Command$/, 'Handler') });
  return Handler;
}

/**
 * Declares the handler of a command whose work is one Backend call (plus any decision in `run`),
 * so a handler file states only what differs: which command, and what it asks of the backend.
 */
export function backendHandler<TCommand extends S3Command<TResult>, TResult>(
  command: Type<TCommand>,
  run: (backend: Backend, command: TCommand) => Promise<TResult>,
): Type<S3CommandHandler<TCommand, TResult>> {
  return portHandler(BACKEND, command, run);
}
