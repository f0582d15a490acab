import { corsHandler } from '../cors-handler';
import { DeleteBucketCorsCommand } from './delete-bucket-cors.command';

/** Succeeds also when the bucket has no configuration, as AWS does. */
export const DeleteBucketCorsHandler = corsHandler(DeleteBucketCorsCommand, (cors, { input, context }) => cors.delete(input.bucket, context.traceId));
