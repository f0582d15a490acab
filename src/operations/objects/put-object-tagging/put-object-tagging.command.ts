import type { PutObjectTaggingInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class PutObjectTaggingCommand extends s3Command<PutObjectTaggingInput, void>('PutObjectTagging') {}
