import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { BACKEND, type Backend, type CreateMultipartUploadOutput } from '../../../backends/backend';
import type { MultipartJournal } from '../../../multipart/multipart-journal';
import { MULTIPART_JOURNAL } from '../../../multipart/multipart.tokens';
import { NewObjectAcls } from '../../access/new-object-acls';
import type { S3CommandHandler } from '../../backend-handler';
import { CreateMultipartUploadCommand } from './create-multipart-upload.command';

/** The upload keeps the final object's ACL (when the request named one) with its other attributes. */
@CommandHandler(CreateMultipartUploadCommand)
export class CreateMultipartUploadHandler implements S3CommandHandler<CreateMultipartUploadCommand, CreateMultipartUploadOutput> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(MULTIPART_JOURNAL) private readonly journal: MultipartJournal,
    private readonly acls: NewObjectAcls,
  ) {}

  async execute({ input, context }: CreateMultipartUploadCommand): Promise<CreateMultipartUploadOutput> {
    const created = await this.backend.createMultipartUpload(await this.acls.resolve(input, context.account));
    this.journal.created({ bucket: input.bucket, key: input.key, uploadId: created.uploadId }, created.initiated, input.checksum, context.traceId);
    return created;
  }
}
