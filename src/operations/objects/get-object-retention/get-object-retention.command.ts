import type { ObjectRetention, VersionedObjectInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class GetObjectRetentionCommand extends s3Command<VersionedObjectInput, ObjectRetention>('GetObjectRetention') {}
