import type { BucketInput, ObjectLockConfiguration } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class PutObjectLockConfigurationCommand extends s3Command<BucketInput & { config: ObjectLockConfiguration }, void>('PutObjectLockConfiguration') {}
