import { Inject, Logger } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { BACKEND, type Backend, type DeletedObject } from '../../../backends/backend';
import { AccessCheck } from '../../../s3/access/access-check';
import { toS3Error } from '../../../s3/errors/to-s3-error';
import type { VersionsJournal } from '../../../versioning/versions-journal';
import { VERSIONS_JOURNAL } from '../../../versioning/versions.tokens';
import type { S3CommandHandler } from '../../backend-handler';
import { governanceBypassOf } from '../governance-bypass';
import { type DeleteObjectsOutput, type DeleteOutcome, DeleteObjectsCommand, type ObjectToDelete } from './delete-objects.command';

const logger = new Logger('S3');

/**
 * Multi-Object Delete, VersityGW's way and AWS's: a key that fails is reported in the result with
 * its error instead of failing the request; a key that does not exist counts as deleted. A missing
 * bucket fails the request as a whole (NoSuchBucket), as on AWS. Each key is access-checked as a
 * DeleteObject of its own (a policy may allow or deny keys by prefix): a refused key is reported
 * with AccessDenied and never reaches the backend, which deletes the others in one batch (its own
 * call where it has one) and reports a locked version with AccessDenied too; the governance bypass
 * is judged key by key. The versions made or removed are recorded as DeleteObject's are.
 */
@CommandHandler(DeleteObjectsCommand)
export class DeleteObjectsHandler implements S3CommandHandler<DeleteObjectsCommand, DeleteObjectsOutput> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    private readonly access: AccessCheck,
    @Inject(VERSIONS_JOURNAL) private readonly versions: VersionsJournal,
  ) {}

  async execute(command: DeleteObjectsCommand): Promise<DeleteObjectsOutput> {
    const { input } = command;
    const admitted = await Promise.all(input.objects.map((object) => this.admitted(command, object)));
    const allowed = admitted.filter((entry): entry is ObjectToDelete => !('code' in entry));
    const deleted = (await this.backend.deleteObjects({ bucket: input.bucket, objects: allowed, trace: command.span }))[Symbol.iterator]();
    const outcomes = admitted.map((entry) => ('code' in entry ? entry : this.outcome(command, deleted.next().value as DeletedObject)));
    return { outcomes, quiet: input.quiet };
  }

  /**
   * The key as the backend is to delete it (with the governance bypass, where it was asked for and
   * this caller may bypass on this key), or the AccessDenied (or other failure) of its own check.
   */
  private async admitted(command: DeleteObjectsCommand, object: ObjectToDelete): Promise<ObjectToDelete | (DeleteOutcome & { code: string })> {
    const { input } = command;
    const asKey = { ...input.access, resource: { level: 'object' as const, bucket: input.bucket, key: object.key } };
    try {
      await this.access.assertAllowed(asKey);
      const bypassGovernance = await governanceBypassOf(this.access, input.bypassRequested ? asKey : undefined);
      return bypassGovernance ? { ...object, bypassGovernance } : object;
    } catch (error) {
      return this.failed(command, object, error);
    }
  }

  private outcome(command: DeleteObjectsCommand, result: DeletedObject): DeleteOutcome {
    const { key, versionId } = result;
    const object = versionId === undefined ? { key } : { key, versionId };
    if ('error' in result) return this.failed(command, object, result.error);
    this.versions.deleted(command, { bucket: command.input.bucket, ...object }, result.deleted);
    const { deleteMarker, versionId: madeOrRemoved } = result.deleted;
    // A delete marker made (no version named) or removed (named) is reported as AWS does.
    return deleteMarker ? { ...object, deleted: true, deleteMarker: true, ...(madeOrRemoved === undefined ? {} : { deleteMarkerVersionId: madeOrRemoved }) } : { ...object, deleted: true };
  }

  private failed(command: DeleteObjectsCommand, object: ObjectToDelete, error: unknown): DeleteOutcome & { code: string } {
    const { code, message, cause } = toS3Error(error);
    // The request succeeds whatever one key met: an unexpected failure would go unseen otherwise.
    if (code === 'InternalError') logger.error(`DeleteObjects ${command.input.bucket}/${object.key}: ${cause instanceof Error ? cause.stack : String(cause)}`);
    return { ...object, deleted: false, code, message };
  }
}
