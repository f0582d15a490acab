import { Inject, Type } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { BACKEND, Backend } from '../backends/backend';
import type { VersionsJournal } from '../versioning/versions-journal';
import { VERSIONS_JOURNAL } from '../versioning/versions.tokens';
import type { S3CommandHandler } from './backend-handler';
import type { S3Command } from './s3-command';

/**
 * Declares the handler of a command that may make or remove a version (DeleteObject; PutObject and
 * CopyObject record theirs through newObjectHandler): the storage does the work, then this node's
 * journal records the versions it made or removed, once they are true on storage.
 */
export function versionedHandler<TCommand extends S3Command<TResult>, TResult>(
  command: Type<TCommand>,
  run: (backend: Backend, versions: VersionsJournal, command: TCommand) => Promise<TResult>,
): Type<S3CommandHandler<TCommand, TResult>> {
  @CommandHandler(command)
  class Handler implements S3CommandHandler<TCommand, TResult> {
    constructor(
      @Inject(BACKEND) readonly backend: Backend,
      @Inject(VERSIONS_JOURNAL) readonly versions: VersionsJournal,
    ) {}

    execute(cmd: TCommand): Promise<TResult> {
      return run(this.backend, this.versions, cmd);
    }
  }
  Object.defineProperty(Handler, 'name', { value: command.name.replace(/Command$/, 'Handler') });
  return Handler;
}
