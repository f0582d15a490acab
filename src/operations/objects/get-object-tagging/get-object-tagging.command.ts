import type { ObjectInput, TagSet } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class GetObjectTaggingCommand extends s3Command<ObjectInput, TagSet>('GetObjectTagging') {}
