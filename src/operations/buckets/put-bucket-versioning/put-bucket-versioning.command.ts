import type { BucketVersioningInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class PutBucketVersioningCommand extends s3Command<BucketVersioningInput, void>('PutBucketVersioning') {}
