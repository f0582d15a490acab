import type { DeleteObjectOutput, VersionedObjectInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class DeleteObjectCommand extends s3Command<VersionedObjectInput, DeleteObjectOutput>('DeleteObject') {}
