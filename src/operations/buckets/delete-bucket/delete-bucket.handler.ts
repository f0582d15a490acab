import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BACKEND, Backend } from '../../../backends/backend';
import type { BucketCorsConfigurations } from '../../../cors/bucket-cors';
import { BUCKET_CORS } from '../../../cors/cors.tokens';
import { BucketAccessStates } from '../../../s3/access/bucket-access-states';
import { DeleteBucketCommand } from './delete-bucket.command';

/**
 * The bucket's CORS rules go with its directory: forgotten here and by the sibling workers at
 * once, so a bucket made again under the name never answers with the old one's rules. Its cached
 * access state (owner, ACL, policy) is forgotten here too, for the same reason: a bucket made again
 * by another account must not be served as the old owner's.
 */
@CommandHandler(DeleteBucketCommand)
export class DeleteBucketHandler implements ICommandHandler<DeleteBucketCommand, void> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(BUCKET_CORS) private readonly cors: BucketCorsConfigurations,
    private readonly accessStates: BucketAccessStates,
  ) {}

  async execute({ input }: DeleteBucketCommand): Promise<void> {
    try {
      await this.backend.deleteBucket(input);
    } finally {
      this.accessStates.forget(input.bucket);
    }
    this.cors.bucketGone(input.bucket);
  }
}
