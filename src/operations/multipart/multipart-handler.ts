import { Inject, Type } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { BACKEND, Backend } from '../../backends/backend';
import { PAUSE_POINTS, type PausePoints } from '../../backends/pause-points';
import { MULTIPART_JOURNAL } from '../../multipart/multipart.tokens';
import type { MultipartJournal } from '../../multipart/multipart-journal';
import type { VersionsJournal } from '../../versioning/versions-journal';
import { VERSIONS_JOURNAL } from '../../versioning/versions.tokens';
import type { S3CommandHandler } from '../backend-handler';
import type { S3Command } from '../s3-command';

/**
 * Declares the handler of a multipart command: the storage does the work (through the Backend
 * port), then this node's journal records what happened, so a change is journaled only once it
 * is true on storage. A crash between the two leaves the storage ahead of the journal, which is
 * what start-up recovery reconciles. `pauses` is where a crash test stops it between the two;
 * `versions` records the version a completion made in a versioned bucket.
 */
export function multipartHandler<TCommand extends S3Command<TResult>, TResult>(
  command: Type<TCommand>,
  run: (backend: Backend, journal: MultipartJournal, command: TCommand, pauses: PausePoints, versions: VersionsJournal) => Promise<TResult>,
): Type<S3CommandHandler<TCommand, TResult>> {
  @CommandHandler(command)
  class Handler implements S3CommandHandler<TCommand, TResult> {
    constructor(
      @Inject(BACKEND) readonly backend: Backend,
      @Inject(MULTIPART_JOURNAL) readonly journal: MultipartJournal,
      @Inject(PAUSE_POINTS) readonly pauses: PausePoints,
      @Inject(VERSIONS_JOURNAL) readonly versions: VersionsJournal,
    ) {}

    execute(cmd: TCommand): Promise<TResult> {
      return run(this.backend, this.journal, cmd, this.pauses, this.versions);
    }
  }
  Object.defineProperty(Handler, 'name', { value: command.name.replace(/Command$/, 'Handler') });
  return Handler;
}
