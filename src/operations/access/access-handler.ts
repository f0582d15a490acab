import { Inject, Type } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { BACKEND, Backend, type BucketAccessChange } from '../../backends/backend';
import { IAM_STORE, type IamStore } from '../../iam/iam.port';
import { ACCESS_JOURNAL, type AccessJournal } from '../../s3/access/access-journal';
import { BucketAccessStates } from '../../s3/access/bucket-access-states';
import type { S3CommandHandler } from '../backend-handler';
import type { S3Command } from '../s3-command';

/** What the handlers of access settings work with. */
export interface AccessDeps {
  backend: Backend;
  /** The cached access states: read for the bucket's settings, forgotten after a change. */
  states: BucketAccessStates;
  journal: AccessJournal;
  iam: IamStore;
  /**
   * Writes one access setting, then forgets the bucket's cached state and records the change in
   * the journal: storage first, so the journal never records what did not happen.
   */
  change(bucket: string, change: BucketAccessChange, command: S3Command<unknown>): Promise<void>;
}

/** Declares the handler of a command on access settings: `run` states what differs. */
export function accessHandler<TCommand extends S3Command<TResult>, TResult>(
  command: Type<TCommand>,
  run: (deps: AccessDeps, command: TCommand) => Promise<TResult>,
): Type<S3CommandHandler<TCommand, TResult>> {
  @CommandHandler(command)
  class Handler implements S3CommandHandler<TCommand, TResult>, AccessDeps {
    constructor(
      @Inject(BACKEND) readonly backend: Backend,
      readonly states: BucketAccessStates,
      @Inject(ACCESS_JOURNAL) readonly journal: AccessJournal,
      @Inject(IAM_STORE) readonly iam: IamStore,
    ) {}

    async change(bucket: string, change: BucketAccessChange, { context }: S3Command<unknown>): Promise<void> {
      try {
        await this.backend.changeBucketAccess({ bucket, change });
      } finally {
        this.states.forget(bucket);
      }
      this.journal.bucketChanged(bucket, change, context.account?.access, context.traceId);
    }

    execute(cmd: TCommand): Promise<TResult> {
      return run(this, cmd);
    }
  }
  Object.defineProperty(Handler, 'name', { value: command.name.replace(/Command$/, 'Handler') });
  return Handler;
}
