import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BACKEND, Backend } from '../../../backends/backend';
import { type BucketVersioning, GetBucketVersioningCommand } from './get-bucket-versioning.command';

/**
 * No bucket is ever versioned here (PutBucketVersioning answers NotImplemented), so every bucket
 * is one whose versioning was never set: AWS answers that with an empty configuration, which
 * clients (rclone before a purge, SDK tools) ask for and read as "unversioned". The bucket must
 * still exist.
 */
@CommandHandler(GetBucketVersioningCommand)
export class GetBucketVersioningHandler implements ICommandHandler<GetBucketVersioningCommand, BucketVersioning> {
  constructor(@Inject(BACKEND) private readonly backend: Backend) {}

  async execute({ input }: GetBucketVersioningCommand): Promise<BucketVersioning> {
    await this.backend.headBucket(input);
    return {};
  }
}
