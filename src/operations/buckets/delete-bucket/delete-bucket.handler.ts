import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BACKEND, Backend } from '../../../backends/backend';
import type { BucketCorsConfigurations } from '../../../cors/bucket-cors';
import { BUCKET_CORS } from '../../../cors/cors.tokens';
import { DeleteBucketCommand } from './delete-bucket.command';

/**
 * The bucket's CORS rules go with its directory: forgotten here and by the sibling workers at
 * once, so a bucket made again under the name never answers with the old one's rules.
 */
@CommandHandler(DeleteBucketCommand)
export class DeleteBucketHandler implements ICommandHandler<DeleteBucketCommand, void> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(BUCKET_CORS) private readonly cors: BucketCorsConfigurations,
  ) {}

  async execute({ input }: DeleteBucketCommand): Promise<void> {
    await this.backend.deleteBucket(input);
    this.cors.bucketGone(input.bucket);
  }
}
