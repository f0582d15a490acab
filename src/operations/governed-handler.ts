import { Inject, Type } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { BACKEND, Backend } from '../backends/backend';
import { AccessCheck } from '../s3/access/access-check';
import type { VersionsJournal } from '../versioning/versions-journal';
import { VERSIONS_JOURNAL } from '../versioning/versions.tokens';
import type { S3CommandHandler } from './backend-handler';
import { governanceBypassOf, type WithBypassRequest } from './objects/governance-bypass';
import type { S3Command } from './s3-command';

/**
 * Declares the handler of a command a GOVERNANCE retention may stand in the way of (DeleteObject,
 * PutObjectRetention): the bypass the request asked for is judged first (only an account allowed
 * it has it), then `run` has the storage act on the target (the input without the bypass request)
 * and this node's journal record what it did.
 */
export function governedHandler<TCommand extends S3Command<TResult> & { input: WithBypassRequest }, TResult>(
  command: Type<TCommand>,
  run: (backend: Backend, versions: VersionsJournal, command: TCommand, target: Omit<TCommand['input'], 'bypassRequest'>, bypassGovernance: boolean) => Promise<TResult>,
): Type<S3CommandHandler<TCommand, TResult>> {
  @CommandHandler(command)
  class Handler implements S3CommandHandler<TCommand, TResult> {
    constructor(
      @Inject(BACKEND) readonly backend: Backend,
      readonly access: AccessCheck,
      @Inject(VERSIONS_JOURNAL) readonly versions: VersionsJournal,
    ) {}

    async execute(cmd: TCommand): Promise<TResult> {
      const { bypassRequest, ...target } = cmd.input as TCommand['input'];
      return run(this.backend, this.versions, cmd, target, await governanceBypassOf(this.access, bypassRequest));
    }
  }
  Object.defineProperty(Handler, 'name', { value: command.name.replace(/Command$/, 'Handler') });
  return Handler;
}
