import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BACKEND, Backend } from '../../../backends/backend';
import { S3_SETTINGS, S3Settings } from '../../s3-settings';
import { GetBucketLocationCommand } from './get-bucket-location.command';

/** Every bucket lives in the gateway's one region; the bucket must still exist. */
@CommandHandler(GetBucketLocationCommand)
export class GetBucketLocationHandler implements ICommandHandler<GetBucketLocationCommand, { region: string }> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(S3_SETTINGS) private readonly settings: S3Settings,
  ) {}

  async execute({ input }: GetBucketLocationCommand): Promise<{ region: string }> {
    await this.backend.headBucket(input);
    return { region: this.settings.region };
  }
}
