import type { ObjectLockChangeOutput, ObjectRetention, VersionedObjectInput } from '../../../backends/backend';
import type { WithBypassRequest } from '../governance-bypass';
import { s3Command } from '../../s3-command';

export interface PutObjectRetentionRequest extends VersionedObjectInput, WithBypassRequest {
  /** Undefined: the Retention document was empty, which removes a retention (a GOVERNANCE one, with the bypass). */
  retention: ObjectRetention | undefined;
}

export class PutObjectRetentionCommand extends s3Command<PutObjectRetentionRequest, ObjectLockChangeOutput>('PutObjectRetention') {}
