import { Inject, Type } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { BACKEND, type AccessControlList, type Backend } from '../../backends/backend';
import type { S3CommandHandler } from '../backend-handler';
import type { S3Command } from '../s3-command';
import { NewObjectAcls, type WithAclRequest } from './new-object-acls';

/** A command that writes a new object: its input (with its span) may ask for the object's ACL. */
type NewObjectCommand<TResult> = S3Command<TResult> & { tracedInput(): WithAclRequest };
/** That input as the backend takes it. */
type WriteInput<TCommand extends NewObjectCommand<unknown>> = Omit<ReturnType<TCommand['tracedInput']>, 'aclRequest'> & { acl?: AccessControlList };

/**
 * Declares the handler of PutObject or CopyObject: the request's ACL headers resolved against the
 * bucket's settings, then the one Backend write. A write that names no ACL goes straight on,
 * without waiting for the bucket's settings (most PUTs).
 */
export function newObjectHandler<TCommand extends NewObjectCommand<TResult>, TResult>(
  command: Type<TCommand>,
  write: (backend: Backend, input: WriteInput<TCommand>) => Promise<TResult>,
): Type<S3CommandHandler<TCommand, TResult>> {
  @CommandHandler(command)
  class Handler implements S3CommandHandler<TCommand, TResult> {
    constructor(
      @Inject(BACKEND) readonly backend: Backend,
      readonly acls: NewObjectAcls,
    ) {}

    async execute(cmd: TCommand): Promise<TResult> {
      const input = cmd.tracedInput() as ReturnType<TCommand['tracedInput']>;
      // Without ACL headers the input goes on as it is (its aclRequest absent): no copy, no wait.
      const ready: WriteInput<TCommand> = input.aclRequest === undefined ? (input as WriteInput<TCommand>) : await this.acls.resolve(input, cmd.context.account);
      return write(this.backend, ready);
    }
  }
  Object.defineProperty(Handler, 'name', { value: command.name.replace(/Command$/, 'Handler') });
  return Handler;
}
