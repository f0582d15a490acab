import { Inject, Logger } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { BACKEND, type Backend } from '../../../backends/backend';
import { AccessCheck } from '../../../s3/access/access-check';
import { S3Error } from '../../../s3/errors/s3-error';
import { toS3Error } from '../../../s3/errors/to-s3-error';
import type { S3CommandHandler } from '../../backend-handler';
import { type DeleteObjectsOutput, type DeleteOutcome, DeleteObjectsCommand, type ObjectToDelete } from './delete-objects.command';

/** Deletes running at once: a thousand keys finish in a fraction of the time one by one takes. */
const DELETES_AT_ONCE = 8;

const logger = new Logger('S3');

/**
 * Multi-Object Delete, VersityGW's way and AWS's: each key is a DeleteObject of its own, and a
 * key that fails is reported in the result with its error instead of failing the request; a key
 * that does not exist counts as deleted. A missing bucket fails the request as a whole
 * (NoSuchBucket), as on AWS. Each key is also access-checked as a DeleteObject of its own (a
 * policy may allow or deny keys by prefix): a refused key is reported with AccessDenied.
 */
@CommandHandler(DeleteObjectsCommand)
export class DeleteObjectsHandler implements S3CommandHandler<DeleteObjectsCommand, DeleteObjectsOutput> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    private readonly access: AccessCheck,
  ) {}

  execute({ input }: DeleteObjectsCommand): Promise<DeleteObjectsOutput> {
    return deleteAll(this.backend, this.access, input);
  }
}

async function deleteAll(backend: Backend, access: AccessCheck, input: DeleteObjectsCommand['input']): Promise<DeleteObjectsOutput> {
  await backend.headBucket({ bucket: input.bucket });
  const outcomes: DeleteOutcome[] = new Array(input.objects.length);
  let next = 0;
  const deleteOne = async (object: ObjectToDelete): Promise<DeleteOutcome> => {
    try {
      if (object.versionId !== undefined && object.versionId !== 'null') throw new S3Error('InvalidArgument', 'Invalid version id specified');
      await access.assertAllowed({ ...input.access, resource: { level: 'object', bucket: input.bucket, key: object.key } });
      await backend.deleteObject({ bucket: input.bucket, key: object.key });
      return { ...object, deleted: true };
    } catch (error) {
      const { code, message, cause } = toS3Error(error);
      // The request succeeds whatever one key met: an unexpected failure would go unseen otherwise.
      if (code === 'InternalError') logger.error(`DeleteObjects ${input.bucket}/${object.key}: ${cause instanceof Error ? cause.stack : String(cause)}`);
      return { ...object, deleted: false, code, message };
    }
  };
  const worker = async (): Promise<void> => {
    while (next < input.objects.length) {
      const index = next++;
      outcomes[index] = await deleteOne(input.objects[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(DELETES_AT_ONCE, input.objects.length) }, worker));
  return { outcomes, quiet: input.quiet };
}
