import { backendHandler } from '../../backend-handler';
import { assertSourceReadable } from '../../copy-source-access';
import { CopyObjectCommand } from './copy-object.command';

export const CopyObjectHandler = backendHandler(CopyObjectCommand, async (backend, { input, context }) => {
  await assertSourceReadable(backend, input.source.bucket, context.account);
  return backend.copyObject(input);
});
