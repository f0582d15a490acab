import type { Type } from '@nestjs/common';
import { portHandler, type S3CommandHandler } from '../backend-handler';
import type { S3Command } from '../s3-command';
import { ACCESS_SETTINGS, type AccessSettings } from './access-settings';

/** Declares the handler of a command on access settings: `run` states what differs. */
export function accessHandler<TCommand extends S3Command<TResult>, TResult>(
  command: Type<TCommand>,
  run: (deps: AccessSettings, command: TCommand) => Promise<TResult>,
): Type<S3CommandHandler<TCommand, TResult>> {
  return portHandler(ACCESS_SETTINGS, command, run);
}
