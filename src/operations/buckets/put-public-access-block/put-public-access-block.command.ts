import type { BucketInput, PublicAccessBlock } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class PutPublicAccessBlockCommand extends s3Command<BucketInput & { block: PublicAccessBlock }, void>('PutPublicAccessBlock') {}
