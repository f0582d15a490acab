import { Inject, Type } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { BACKEND, type AccessControlList, type Backend } from '../../backends/backend';
import type { VersionsJournal } from '../../versioning/versions-journal';
import { VERSIONS_JOURNAL } from '../../versioning/versions.tokens';
import type { S3CommandHandler } from '../backend-handler';
import type { S3Command } from '../s3-command';
import { NewObjectAcls, type WithAclRequest } from './new-object-acls';

/** A command that writes a new object: its input (with its span) may ask for the object's ACL. */
type NewObjectCommand<TResult> = S3Command<TResult> & { input: WithAclRequest & { bucket: string; key: string } };
/** What such a write answers: in a versioned bucket, the id of the version it made. */
type NewObjectResult = { etag: string; versionId?: string };
/** That input as the backend takes it. */
type WriteInput<TCommand extends NewObjectCommand<unknown>> = Omit<TCommand['input'], 'aclRequest'> & { acl?: AccessControlList };

/**
 * Declares the handler of PutObject or CopyObject: the request's ACL headers resolved against the
 * bucket's settings (or, without them, the writer's own ACL when it is not the bucket's owner), then
 * the one Backend write, then the version it made (if any) recorded in this node's journal. The
 * bucket owner's write that names no ACL goes straight on (most PUTs).
 */
export function newObjectHandler<TCommand extends NewObjectCommand<TResult>, TResult extends NewObjectResult>(
  command: Type<TCommand>,
  write: (backend: Backend, input: WriteInput<TCommand>) => Promise<TResult>,
): Type<S3CommandHandler<TCommand, TResult>> {
  @CommandHandler(command)
  class Handler implements S3CommandHandler<TCommand, TResult> {
    constructor(
      @Inject(BACKEND) readonly backend: Backend,
      readonly acls: NewObjectAcls,
      @Inject(VERSIONS_JOURNAL) readonly versions: VersionsJournal,
    ) {}

    async execute(cmd: TCommand): Promise<TResult> {
      const input = cmd.input;
      // The bucket owner's write without ACL headers goes on as it is (its aclRequest absent): no copy, no wait.
      const { account } = cmd.context;
      const ready: WriteInput<TCommand> = this.acls.needsResolving(input, account) ? await this.acls.resolve(input, account) : (input as WriteInput<TCommand>);
      const result = await write(this.backend, ready);
      this.versions.created(cmd, input, result);
      return result;
    }
  }
  Object.defineProperty(Handler, 'name', { value: command.name.replace(/Command$/, 'Handler') });
  return Handler;
}
