import type { CopyObjectInput, CopyObjectOutput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class CopyObjectCommand extends s3Command<CopyObjectInput, CopyObjectOutput>('CopyObject') {}
