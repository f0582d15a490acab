import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { BACKEND, type Backend, type DeleteObjectOutput } from '../../../backends/backend';
import { AccessCheck } from '../../../s3/access/access-check';
import type { VersionsJournal } from '../../../versioning/versions-journal';
import { VERSIONS_JOURNAL } from '../../../versioning/versions.tokens';
import type { S3CommandHandler } from '../../backend-handler';
import { governanceBypassOf } from '../governance-bypass';
import { DeleteObjectCommand } from './delete-object.command';

/**
 * The storage deletes (a locked version stays, unless a GOVERNANCE retention is bypassed by an
 * account allowed to), then this node's journal records the version made or removed.
 */
@CommandHandler(DeleteObjectCommand)
export class DeleteObjectHandler implements S3CommandHandler<DeleteObjectCommand, DeleteObjectOutput> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    private readonly access: AccessCheck,
    @Inject(VERSIONS_JOURNAL) private readonly versions: VersionsJournal,
  ) {}

  async execute(command: DeleteObjectCommand): Promise<DeleteObjectOutput> {
    const { bypassRequest, ...target } = command.input;
    const bypassGovernance = await governanceBypassOf(this.access, bypassRequest);
    const result = await this.backend.deleteObject(bypassGovernance ? { ...target, bypassGovernance } : target);
    this.versions.deleted(command, target, result);
    return result;
  }
}
