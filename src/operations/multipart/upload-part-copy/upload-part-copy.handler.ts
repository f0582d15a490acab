import type { Backend } from '../../../backends/backend';
import type { Account } from '../../../iam/account';
import { S3Error } from '../../../s3/errors/s3-error';
import { multipartHandler } from '../multipart-handler';
import { UploadPartCopyCommand } from './upload-part-copy.command';

/**
 * The admission check covered the destination bucket only; the source must be readable too, by
 * the same rule (an admin, or the owner of the bucket). A missing source bucket is NoSuchBucket.
 */
async function assertSourceReadable(backend: Backend, bucket: string, account: Account | undefined): Promise<void> {
  const source = await backend.headBucket({ bucket });
  if (account?.role === 'admin') return;
  if (account === undefined || source.owner !== account.access) throw new S3Error('AccessDenied');
}

export const UploadPartCopyHandler = multipartHandler(UploadPartCopyCommand, async (backend, journal, { input, context }) => {
  await assertSourceReadable(backend, input.source.bucket, context.account);
  const part = await backend.uploadPartCopy(input);
  journal.partUploaded(input, { partNumber: input.partNumber, ...part }, context.traceId);
  return part;
});
