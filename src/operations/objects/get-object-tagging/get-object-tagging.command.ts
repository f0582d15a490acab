import type { TagSet, VersionedObjectInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class GetObjectTaggingCommand extends s3Command<VersionedObjectInput, TagSet>('GetObjectTagging') {}
