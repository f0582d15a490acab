import type { HeadObjectInput, HeadObjectOutput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class HeadObjectCommand extends s3Command<HeadObjectInput, HeadObjectOutput>('HeadObject') {}
