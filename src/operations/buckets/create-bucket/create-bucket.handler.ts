import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BACKEND, Backend } from '../../../backends/backend';
import { S3Error } from '../../../s3/errors/s3-error';
import { S3_SETTINGS, S3Settings } from '../../s3-settings';
import { assertValidBucketName } from './bucket-name';
import { CreateBucketCommand } from './create-bucket.command';

@CommandHandler(CreateBucketCommand)
export class CreateBucketHandler implements ICommandHandler<CreateBucketCommand, void> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(S3_SETTINGS) private readonly settings: S3Settings,
  ) {}

  async execute({ input, context }: CreateBucketCommand): Promise<void> {
    assertValidBucketName(input.bucket);
    const location = input.locationConstraint;
    // us-east-1 is the one region AWS wants expressed by leaving the constraint out.
    if (location !== undefined && location !== '' && location !== this.settings.region) {
      throw new S3Error('IllegalLocationConstraintException', `The ${location} location constraint is incompatible for the region specific endpoint this request was sent to.`);
    }
    if (!context.account) throw new S3Error('AccessDenied');
    await this.backend.createBucket({ bucket: input.bucket, owner: context.account.access, ...(input.objectLockEnabled ? { objectLockEnabled: true } : {}) });
  }
}
