import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BACKEND, Backend } from '../../../backends/backend';
import { BUCKET_CHANGES, type BucketChanges } from '../../../journal/bucket-changes';
import { DeleteBucketCommand } from './delete-bucket.command';

/**
 * The bucket's configuration goes with its directory: every cache of it in this process (access
 * state, CORS rules) forgets it at once, so a bucket made again under the name, by another account
 * say, is never served with the old one's owner, ACL or rules.
 */
@CommandHandler(DeleteBucketCommand)
export class DeleteBucketHandler implements ICommandHandler<DeleteBucketCommand, void> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(BUCKET_CHANGES) private readonly changes: BucketChanges,
  ) {}

  async execute({ input }: DeleteBucketCommand): Promise<void> {
    try {
      await this.backend.deleteBucket(input);
    } finally {
      this.changes.changedHere(input.bucket);
    }
  }
}
