import { corsHandler } from '../cors-handler';
import { PutBucketCorsCommand } from './put-bucket-cors.command';

export const PutBucketCorsHandler = corsHandler(PutBucketCorsCommand, (cors, { input, context }) => cors.put(input.bucket, input.document, context.traceId));
