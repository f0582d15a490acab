import type { BucketInput, PublicAccessBlock } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class GetPublicAccessBlockCommand extends s3Command<BucketInput, PublicAccessBlock>('GetPublicAccessBlock') {}
