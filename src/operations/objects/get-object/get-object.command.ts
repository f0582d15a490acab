import type { GetObjectInput, GetObjectOutput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class GetObjectCommand extends s3Command<GetObjectInput, GetObjectOutput>('GetObject') {}
