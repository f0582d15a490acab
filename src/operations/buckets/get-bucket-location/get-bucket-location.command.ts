import type { BucketInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class GetBucketLocationCommand extends s3Command<BucketInput, { region: string }>('GetBucketLocation') {}
