import type { BucketInput, ObjectLockConfiguration } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class GetObjectLockConfigurationCommand extends s3Command<BucketInput, ObjectLockConfiguration>('GetObjectLockConfiguration') {}
