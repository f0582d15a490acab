import type { PutObjectInput, PutObjectOutput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class PutObjectCommand extends s3Command<PutObjectInput, PutObjectOutput>('PutObject') {}
