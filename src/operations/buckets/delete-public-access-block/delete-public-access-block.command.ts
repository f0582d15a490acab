import type { BucketInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class DeletePublicAccessBlockCommand extends s3Command<BucketInput, void>('DeletePublicAccessBlock') {}
