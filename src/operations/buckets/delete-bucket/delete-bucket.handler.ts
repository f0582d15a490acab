import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BACKEND, Backend } from '../../../backends/backend';
import { ACCESS_JOURNAL, type AccessJournal } from '../../../s3/access/access-journal';
import { BucketAccessStates } from '../../../s3/access/bucket-access-states';
import { DeleteBucketCommand } from './delete-bucket.command';

/**
 * The bucket's configuration goes with its directory: the backend forgets what it cached of it at
 * once (access state and CORS rules derive from that), and the BucketDeleted event makes the other workers
 * forget theirs within their poll, so a bucket made again under the name, by another account say,
 * is never served with the old one's owner, ACL or rules.
 */
@CommandHandler(DeleteBucketCommand)
export class DeleteBucketHandler implements ICommandHandler<DeleteBucketCommand, void> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(ACCESS_JOURNAL) private readonly journal: AccessJournal,
    private readonly states: BucketAccessStates,
  ) {}

  async execute({ input, context }: DeleteBucketCommand): Promise<void> {
    // Whose bucket it was, for the record: the access check has just read it (a missing bucket
    // is left for the deletion to answer).
    const owner = (this.states.peek(input.bucket) ?? (await this.states.get(input.bucket).catch(() => undefined)))?.owner ?? '';
    await this.backend.deleteBucket(input);
    this.journal.bucketDeleted(input.bucket, owner, context.account?.access, context.traceId);
  }
}
