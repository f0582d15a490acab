import type { VersionedObjectInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class DeleteObjectTaggingCommand extends s3Command<VersionedObjectInput, void>('DeleteObjectTagging') {}
