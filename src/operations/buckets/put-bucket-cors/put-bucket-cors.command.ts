import type { BucketInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

/** `document`: the CORSConfiguration as received, already checked; it is stored as it came, as VersityGW stores it. */
export class PutBucketCorsCommand extends s3Command<BucketInput & { document: Buffer }, void>('PutBucketCors') {}
