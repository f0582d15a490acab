import { corsHandler } from '../cors-handler';
import { GetBucketCorsCommand } from './get-bucket-cors.command';

/** Read from storage, not from the cache: what GetBucketCors answers is what every gateway serves from. */
export const GetBucketCorsHandler = corsHandler(GetBucketCorsCommand, (cors, { input }) => cors.rules(input.bucket));
