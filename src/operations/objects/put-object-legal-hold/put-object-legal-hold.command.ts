import type { ObjectLockChangeOutput, PutObjectLegalHoldInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class PutObjectLegalHoldCommand extends s3Command<PutObjectLegalHoldInput, ObjectLockChangeOutput>('PutObjectLegalHold') {}
