import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BACKEND, type Backend } from '../../../backends/backend';
import { ACCESS_JOURNAL, type AccessJournal } from '../../../s3/access/access-journal';
import { PutBucketVersioningCommand } from './put-bucket-versioning.command';

/**
 * Stores the status, then records it in the bucket's stream: the event is what makes the other
 * --workers forget the status they cached, so none of them overwrites an object without keeping
 * its older version once versioning is on.
 */
@CommandHandler(PutBucketVersioningCommand)
export class PutBucketVersioningHandler implements ICommandHandler<PutBucketVersioningCommand, void> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(ACCESS_JOURNAL) private readonly journal: AccessJournal,
  ) {}

  async execute({ input, context }: PutBucketVersioningCommand): Promise<void> {
    await this.backend.putBucketVersioning(input);
    this.journal.bucketVersioningChanged(input.bucket, input.status, context.account?.access, context.traceId);
  }
}
