import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BACKEND, Backend } from '../../../backends/backend';
import { S3_SETTINGS, S3Settings } from '../../s3-settings';
import { bucketPage } from './bucket-page';
import { ListBucketsCommand, type ListBucketsOutput } from './list-buckets.command';

/** Admins see every bucket; other accounts only the buckets they own (as VersityGW); then one page of them. */
@CommandHandler(ListBucketsCommand)
export class ListBucketsHandler implements ICommandHandler<ListBucketsCommand, ListBucketsOutput> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(S3_SETTINGS) private readonly settings: S3Settings,
  ) {}

  async execute({ input, context }: ListBucketsCommand): Promise<ListBucketsOutput> {
    // Every bucket is in the gateway's region: asking for another lists none.
    if (input.bucketRegion !== undefined && input.bucketRegion !== this.settings.region) return { buckets: [] };
    const buckets = await this.backend.listBuckets(input);
    const account = context.account;
    const visible = account?.role === 'admin' ? buckets : buckets.filter((bucket) => bucket.owner === account?.access);
    return bucketPage(visible, input);
  }
}
