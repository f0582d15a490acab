import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BACKEND, Backend, isObjectOwnership, type ObjectOwnership } from '../../../backends/backend';
import { IAM_STORE, type IamStore } from '../../../iam/iam.port';
import { ACCESS_JOURNAL, type AccessJournal } from '../../../s3/access/access-journal';
import { isOwnerOnlyAcl, resolveAcl } from '../../access/resolve-acl';
import { S3Error, invalidArgument } from '../../../s3/errors/s3-error';
import { S3_SETTINGS, S3Settings } from '../../s3-settings';
import { assertValidBucketName } from './bucket-name';
import { CreateBucketCommand } from './create-bucket.command';

function objectOwnershipOf(value: string | undefined): ObjectOwnership | undefined {
  if (value === undefined) return undefined;
  if (!isObjectOwnership(value)) throw invalidArgument(`Invalid x-amz-object-ownership header: ${value}`, 'x-amz-object-ownership', value);
  return value;
}

@CommandHandler(CreateBucketCommand)
export class CreateBucketHandler implements ICommandHandler<CreateBucketCommand, void> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(S3_SETTINGS) private readonly settings: S3Settings,
    @Inject(IAM_STORE) private readonly iam: IamStore,
    @Inject(ACCESS_JOURNAL) private readonly journal: AccessJournal,
  ) {}

  async execute({ input, context }: CreateBucketCommand): Promise<void> {
    assertValidBucketName(input.bucket);
    const location = input.locationConstraint;
    // us-east-1 is the one region AWS wants expressed by leaving the constraint out.
    if (location !== undefined && location !== '' && location !== this.settings.region) {
      throw new S3Error('IllegalLocationConstraintException', `The ${location} location constraint is incompatible for the region specific endpoint this request was sent to.`);
    }
    if (!context.account) throw new S3Error('AccessDenied');
    const owner = context.account.access;
    const ownership = objectOwnershipOf(input.ownership);
    const acl = input.acl && resolveAcl(input.acl, { owner, bucketOwner: owner }, this.iam);
    // ACLs are off under BucketOwnerEnforced: only the owner's own (private) may come with it.
    if (ownership === 'BucketOwnerEnforced' && acl && !isOwnerOnlyAcl(acl)) throw new S3Error('InvalidBucketAclWithObjectOwnership');
    await this.backend.createBucket({ bucket: input.bucket, owner, acl, ownership, ...(input.objectLockEnabled ? { objectLockEnabled: true } : {}) });
    // The backend forgot what it cached of an earlier bucket of the name; the event tells the other workers the same.
    this.journal.bucketCreated(input.bucket, owner, context.traceId);
  }
}
