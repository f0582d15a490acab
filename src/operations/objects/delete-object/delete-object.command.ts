import type { DeleteObjectOutput, VersionedObjectInput } from '../../../backends/backend';
import type { WithBypassRequest } from '../governance-bypass';
import { s3Command } from '../../s3-command';

export class DeleteObjectCommand extends s3Command<VersionedObjectInput & WithBypassRequest, DeleteObjectOutput>('DeleteObject') {}
