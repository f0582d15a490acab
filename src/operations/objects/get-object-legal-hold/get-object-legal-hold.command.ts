import type { LegalHoldStatus, VersionedObjectInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class GetObjectLegalHoldCommand extends s3Command<VersionedObjectInput, LegalHoldStatus>('GetObjectLegalHold') {}
