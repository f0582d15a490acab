import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { BACKEND, type Backend, type ObjectLockChangeOutput } from '../../../backends/backend';
import { AccessCheck } from '../../../s3/access/access-check';
import type { VersionsJournal } from '../../../versioning/versions-journal';
import { VERSIONS_JOURNAL } from '../../../versioning/versions.tokens';
import type { S3CommandHandler } from '../../backend-handler';
import { governanceBypassOf } from '../governance-bypass';
import { PutObjectRetentionCommand } from './put-object-retention.command';

/**
 * The bypass the request asked for is judged first (only an account allowed it has it), then the
 * storage applies the change as the version's current retention allows, then this node's journal
 * records it.
 */
@CommandHandler(PutObjectRetentionCommand)
export class PutObjectRetentionHandler implements S3CommandHandler<PutObjectRetentionCommand, ObjectLockChangeOutput> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    private readonly access: AccessCheck,
    @Inject(VERSIONS_JOURNAL) private readonly versions: VersionsJournal,
  ) {}

  async execute(command: PutObjectRetentionCommand): Promise<ObjectLockChangeOutput> {
    const { bypassRequest, ...target } = command.input;
    const bypassGovernance = await governanceBypassOf(this.access, bypassRequest);
    const result = await this.backend.putObjectRetention({ ...target, bypassGovernance });
    this.versions.retentionChanged(command, target, result, { ...(target.retention === undefined ? {} : { retention: target.retention }), bypassGovernance });
    return result;
  }
}
